package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.voicerooms.model.Json;

/** The live benchmarks' clients: guests signed in over REST, socket.io-client-java connections, checked acks. */
final class BenchClients {

    static final ObjectMapper MAPPER = Json.newMapper();
    static final OkHttpClient OK_HTTP;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000);
        OK_HTTP = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(1, TimeUnit.MINUTES).build();
    }

    private final String base;

    BenchClients(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    /** Signs in {@code n} guests, 16 requests in flight, and returns their access tokens in order. */
    List<String> guests(int n, String name) throws Exception {
        Semaphore inFlight = new Semaphore(16);
        List<CompletableFuture<String>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/auth/guest"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            MAPPER.writeValueAsString(Map.of("displayName", name + " " + i)))).build();
            all.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((r, e) -> inFlight.release()).thenApply(r -> {
                        if (r.statusCode() != 201) {
                            throw new IllegalStateException("guest sign-in answered " + r.statusCode() + ": "
                                    + r.body());
                        }
                        return tree(r.body()).path("token").asText();
                    }));
        }
        List<String> tokens = new ArrayList<>();
        for (CompletableFuture<String> f : all) {
            tokens.add(f.get(5, TimeUnit.MINUTES));
        }
        return tokens;
    }

    /** A new socket (not yet connected) for {@code token}; {@code websocketOnly} or polling first, then upgrade. */
    Socket socket(String token, boolean websocketOnly) {
        IO.Options options = IO.Options.builder().setAuth(Map.of("token", token)).setReconnection(false)
                .setForceNew(true).build();
        if (websocketOnly) {
            options.transports = new String[] {"websocket"};
        }
        options.callFactory = OK_HTTP;
        options.webSocketFactory = OK_HTTP;
        return IO.socket(URI.create(base), options);
    }

    /** Connects one websocket per token, all at once, and waits until every one has connected. */
    List<Socket> connect(List<String> tokens) throws InterruptedException {
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch settled = new CountDownLatch(tokens.size());
        Map<String, Integer> errors = new java.util.concurrent.ConcurrentHashMap<>();
        for (String token : tokens) {
            Socket s = socket(token, true);
            // Setting up a phase, not measuring it: a loaded machine may take longer than the client's 20 s.
            s.io().timeout(120_000);
            s.once(Socket.EVENT_CONNECT, a -> settled.countDown());
            s.once(Socket.EVENT_CONNECT_ERROR, a -> {
                errors.merge(a.length == 0 ? "?" : String.valueOf(a[0]), 1, Integer::sum);
                settled.countDown();
            });
            s.connect();
            sockets.add(s);
        }
        boolean all = settled.await(3, TimeUnit.MINUTES);
        if (!all || !errors.isEmpty()) {
            close(sockets);
            throw new IllegalStateException(String.format("of %d connections %d failed %s%s", tokens.size(),
                    errors.values().stream().mapToInt(Integer::intValue).sum(), errors,
                    all ? "" : ", " + settled.getCount() + " unsettled after 3 minutes"));
        }
        return new ArrayList<>(sockets);
    }

    /** Sends {@code event} and completes with its answer, or with null when none came within {@code timeoutMs}. */
    static CompletableFuture<JsonNode> emit(Socket s, String event, Map<String, ?> payload, long timeoutMs) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        s.emit(event, new Object[] {new JSONObject(payload)}, (Ack) a -> answer.complete(
                a.length == 0 ? MAPPER.nullNode() : tree(a[0].toString())));
        return answer.completeOnTimeout(null, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** Sends {@code event} and returns its answer; throws unless it is {@code ok}. */
    static JsonNode call(Socket s, String event, Map<String, ?> payload) {
        JsonNode answer = emit(s, event, payload, 30_000).join();
        if (answer == null) {
            throw new IllegalStateException(event + ": no answer in 30 s");
        }
        if (!answer.path("ok").asBoolean()) {
            throw new IllegalStateException(event + " refused: " + answer);
        }
        return answer;
    }

    static void close(List<Socket> sockets) {
        sockets.forEach(Socket::close);
    }

    JsonNode post(String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return tree(r.body());
    }

    JsonNode get(String path, String token) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build();
        return tree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** A host account and {@code rooms} live rooms of it, each for up to {@code capacity} people. */
    Hosted host(int rooms, int capacity, String title) throws IOException, InterruptedException {
        String token = post("/api/auth/register", null, Map.of("username", "host" + System.nanoTime() % 1_000_000_000,
                "password", "bench-password")).path("token").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            ids.add(post("/api/rooms", token, Map.of("title", title + " " + i, "maxParticipants", capacity))
                    .at("/room/id").asText());
        }
        return new Hosted(token, ids);
    }

    record Hosted(String token, List<String> roomIds) {
    }

    static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    /** p50, p95, p99 and max of microsecond samples, in milliseconds. */
    static String percentiles(List<Long> micros) {
        if (micros.isEmpty()) {
            return "no samples";
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format("p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)",
                at(sorted, 0.50) / 1000.0, at(sorted, 0.95) / 1000.0, at(sorted, 0.99) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0, sorted.size());
    }

    /** The {@code q} quantile of sorted samples (nearest rank). */
    static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    /** The {@code q} quantile of unsorted samples. */
    static long quantile(List<Long> samples, double q) {
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : at(sorted, q);
    }
}
