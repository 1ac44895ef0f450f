package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.voicerooms.model.Json;
import org.voicerooms.server.testing.cluster.TestCluster;

/**
 * The cluster's live path measured end to end: three server processes, redis-server, the shared database process
 * ({@link TestCluster}); listeners spread evenly over the nodes. Reports how long a role change takes to reach
 * every listener, and whether join/leave cycles across nodes leave anything behind in Redis. Run with
 * {@code mvn -B -pl embedded-server -am -Pbench-live verify -DskipTests} (with {@code -Dbench.cluster.audience}).
 */
public final class ClusterBench {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OkHttpClient OK_HTTP;

    static {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000);
        OK_HTTP = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(1, TimeUnit.MINUTES).build();
    }

    private ClusterBench() {
    }

    public static void main(String[] args) throws Exception {
        int audience = Integer.getInteger("bench.cluster.audience", 1000);
        int cycles = Integer.getInteger("bench.cluster.cycles", 2000);
        Path dir = Files.createTempDirectory("voicerooms-cluster-bench");
        List<String> report = new ArrayList<>();
        try (TestCluster cluster = TestCluster.start(dir, 3, List.of("--bcrypt-cost", "4",
                "--room-creations-per-day", "1000000", "--joins-per-minute", "1000000", "--events-per-second",
                "1000000", "--auth-per-ip-per-minute", "1000000", "--room-creations-per-ip-per-day", "1000000",
                "--joins-per-ip-per-minute", "1000000", "--max-connections-per-ip", "1000000",
                "--max-participants-cap", "100000"))) {
            List<String> urls = cluster.nodes().stream().map(n -> n.url()).toList();
            report.add(roleChangeFanOut(urls, audience));
            report.add(joinLeaveCycles(urls, cycles, cluster.redis.uri()));
        } finally {
            OK_HTTP.dispatcher().executorService().shutdown();
            OK_HTTP.connectionPool().evictAll();
        }
        System.out.println();
        System.out.println("Cluster benchmark (3 server JVMs, redis-server, loopback, socket.io-client-java websocket)");
        report.forEach(System.out::println);
        System.exit(report.stream().anyMatch(r -> r.contains("FAIL")) ? 1 : 0);
    }

    private static String roleChangeFanOut(List<String> urls, int audience) throws Exception {
        String hostToken = post(urls.get(0), "/api/auth/register", null, Map.of("username",
                "benchhost" + System.nanoTime() % 100000, "password", "bench-password")).path("token").asText();
        String roomId = post(urls.get(0), "/api/rooms", hostToken, Map.of("title", "Fan-out", "maxParticipants",
                audience + 10)).at("/room/id").asText();
        Socket host = connect(urls.get(0), hostToken);
        call(host, "room:join", Map.of("roomId", roomId));
        List<Socket> listeners = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < audience; i++) {
            String url = urls.get(i % urls.size());
            Socket s = connect(url, post(url, "/api/auth/guest", null, Map.of("displayName", "L" + i))
                    .path("token").asText());
            listeners.add(s);
            ids.add(call(s, "room:join", Map.of("roomId", roomId)).at("/state/you/userId").asText());
        }
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            String target = ids.get(round);
            CountDownLatch seen = new CountDownLatch(audience);
            long[] start = new long[1];
            for (Socket s : listeners) {
                s.off("room:role-changed");
                s.on("room:role-changed", a -> {
                    JSONObject p = (JSONObject) a[0];
                    if (p.optString("userId").equals(target) && p.optString("role").equals("speaker")) {
                        micros.add((System.nanoTime() - start[0]) / 1000);
                        seen.countDown();
                    }
                });
            }
            start[0] = System.nanoTime();
            call(host, "room:promote", Map.of("roomId", roomId, "userId", target));
            if (!seen.await(1, TimeUnit.MINUTES)) {
                return "role change fan-out over 3 nodes: FAIL, " + seen.getCount() + " listeners missed round "
                        + round;
            }
            call(host, "room:demote", Map.of("roomId", roomId, "userId", target));
        }
        listeners.forEach(Socket::close);
        host.close();
        return String.format("%d listeners on 3 nodes, %d promotions from node1: role-changed at every listener %s",
                audience, rounds, percentiles(new ArrayList<>(micros)));
    }

    private static String joinLeaveCycles(List<String> urls, int cycles, String redisUri) throws Exception {
        String hostToken = post(urls.get(0), "/api/auth/register", null, Map.of("username",
                "cyclehost" + System.nanoTime() % 100000, "password", "bench-password")).path("token").asText();
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rooms.add(post(urls.get(0), "/api/rooms", hostToken, Map.of("title", "Cycle " + i)).at("/room/id")
                    .asText());
        }
        int workers = 12;
        List<Socket> sockets = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            String url = urls.get(i % urls.size());
            JsonNode guest = post(url, "/api/auth/guest", null, Map.of("displayName", "C" + i));
            userIds.add(guest.at("/user/id").asText());
            sockets.add(connect(url, guest.path("token").asText()));
        }
        long start = System.nanoTime();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Socket s = sockets.get(w);
            int first = w;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = first; i < cycles; i += workers) {
                    String roomId = rooms.get(i % rooms.size());
                    call(s, "room:join", Map.of("roomId", roomId));
                    call(s, "room:leave", Map.of("roomId", roomId));
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        sockets.forEach(Socket::close);
        long members = 0;
        long userIndexes = 0;
        try (RedisClient client = RedisClient.create(redisUri);
             StatefulRedisConnection<String, String> redis = client.connect()) {
            for (String roomId : rooms) {
                String snapshot = redis.sync().hget("vr:live-room:" + roomId, "s");
                if (snapshot != null) {
                    members += MAPPER.readTree(snapshot).path("members").size();
                }
            }
            for (String userId : userIds) {
                userIndexes += redis.sync().exists("vr:user-rooms:" + userId);
            }
        }
        boolean ok = members == 0 && userIndexes == 0;
        return String.format("%,d join/leave cycles by %d clients on 3 nodes over 10 rooms: %.1f s (%.0f cycles/s); "
                + "members left in the rooms' state in Redis %d, cycling users' room indexes left %d %s", cycles,
                workers, seconds, cycles / seconds, members, userIndexes, ok ? "(ok)" : "FAIL");
    }

    private static Socket connect(String url, String token) throws Exception {
        IO.Options options = IO.Options.builder().setAuth(Map.of("token", token))
                .setTransports(new String[] {"websocket"}).setReconnection(false).setForceNew(true).build();
        options.callFactory = OK_HTTP;
        options.webSocketFactory = OK_HTTP;
        Socket s = IO.socket(URI.create(url), options);
        CountDownLatch connected = new CountDownLatch(1);
        s.on(Socket.EVENT_CONNECT, a -> connected.countDown());
        s.connect();
        if (!connected.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no connection to " + url);
        }
        return s;
    }

    private static JsonNode call(Socket s, String event, Map<String, ?> payload) {
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        s.emit(event, new Object[] {new JSONObject(payload)}, (Ack) a -> ack.complete(tree(a[0])));
        try {
            JsonNode answer = ack.get(30, TimeUnit.SECONDS);
            if (!answer.path("ok").asBoolean()) {
                throw new IllegalStateException(event + " refused: " + answer);
            }
            return answer;
        } catch (Exception e) {
            throw new IllegalStateException(event + " failed", e);
        }
    }

    private static String percentiles(List<Long> micros) {
        Collections.sort(micros);
        return String.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%,d samples)",
                at(micros, 0.50) / 1000.0, at(micros, 0.95) / 1000.0, at(micros, 0.99) / 1000.0,
                micros.get(micros.size() - 1) / 1000.0, micros.size());
    }

    private static long at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }

    private static JsonNode tree(Object o) {
        try {
            return MAPPER.readTree(o.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode post(String base, String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return MAPPER.readTree(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
