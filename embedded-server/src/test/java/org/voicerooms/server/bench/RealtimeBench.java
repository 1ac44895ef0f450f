package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.ObjectName;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.voicerooms.model.Json;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * Realtime capacity on loopback, server and clients in this JVM (socket.io-client-java over websocket): ack round
 * trips with many connections, a role change fanned out to a large audience, and many join/leave cycles after which
 * live counts must be zero and the heap flat. The server runs with the flood guard and join limit raised so they
 * do not shape the figures. Run: {@code mvn -B -pl embedded-server -am -Pbench-live verify -DskipTests}.
 */
public final class RealtimeBench {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final OkHttpClient OK_HTTP;

    static {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000);
        OK_HTTP = new OkHttpClient.Builder().dispatcher(dispatcher).readTimeout(1, TimeUnit.MINUTES).build();
    }

    private static String base;

    public static void main(String[] args) throws Exception {
        int clients = Integer.getInteger("bench.clients", 2000);
        int audience = Integer.getInteger("bench.audience", 500);
        int cycles = Integer.getInteger("bench.cycles", 10_000);
        int pollers = Integer.getInteger("bench.pollers", 500);
        ServerConfig config = ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(Files.createTempDirectory("voicerooms-bench")).jwtSecret("bench-secret-0123456789abcdef-xyz")
                .bcryptCost(4).roomCreationsPerDay(1_000_000).joinsPerMinute(1_000_000).eventsPerSecond(1_000_000)
                .authPerIpPerMinute(1_000_000).roomCreationsPerIpPerDay(1_000_000).joinsPerIpPerMinute(1_000_000)
                .maxConnectionsPerIp(1_000_000).build();
        VoiceRoomsServer server = VoiceRoomsServer.create(config).start();
        base = "http://127.0.0.1:" + server.port();
        List<String> report = new ArrayList<>();
        try {
            report.add(pollingHandshakes(pollers));
            report.add(ackRoundTrips(clients));
            report.add(roleChangeFanOut(audience));
            report.add(joinLeaveCycles(cycles));
        } finally {
            server.stop();
            OK_HTTP.dispatcher().executorService().shutdown();
        }
        System.out.println();
        System.out.println("Realtime benchmark (loopback, in-process server, socket.io-client-java 2.1.2 websocket)");
        report.forEach(System.out::println);
        System.exit(report.stream().anyMatch(r -> r.contains("FAIL")) ? 1 : 0);
    }

    /**
     * Clients with the library's default transports (long-polling first, then the upgrade to websocket), all
     * connecting at once, each sending acked events through the upgrade: how many fail, and why.
     */
    private static String pollingHandshakes(int n) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(post("/api/auth/guest", null, Map.of("displayName", "Poller " + i)).path("token").asText());
        }
        Map<String, Integer> failures = new java.util.concurrent.ConcurrentHashMap<>();
        CountDownLatch settled = new CountDownLatch(n);
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            IO.Options options = IO.Options.builder().setAuth(Map.of("token", tokens.get(i)))
                    .setReconnection(false).setForceNew(true).build();
            options.callFactory = OK_HTTP;
            options.webSocketFactory = OK_HTTP;
            Socket s = IO.socket(URI.create(base), options);
            boolean[] done = {false};
            Runnable settle = () -> {
                synchronized (done) {
                    if (!done[0]) {
                        done[0] = true;
                        settled.countDown();
                    }
                }
            };
            s.on(Socket.EVENT_CONNECT_ERROR, a -> {
                failures.merge("connect_error: " + describe(a), 1, Integer::sum);
                settle.run();
            });
            s.on(Socket.EVENT_DISCONNECT, a -> {
                failures.merge("disconnect: " + describe(a), 1, Integer::sum);
                settle.run();
            });
            s.on(Socket.EVENT_CONNECT, a -> {
                long connectedAt = System.nanoTime();
                micros.add((connectedAt - start) / 1000);
                CountDownLatch acks = new CountDownLatch(1);
                roundTrip(s, "0123456789abcdef01234567", 5, new ConcurrentLinkedQueue<>(), acks);
                CompletableFuture.runAsync(() -> {
                    try {
                        if (!acks.await(1, TimeUnit.MINUTES)) {
                            failures.merge("acks missing", 1, Integer::sum);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    settle.run();
                });
            });
            s.connect();
            sockets.add(s);
        }
        settled.await(3, TimeUnit.MINUTES);
        Thread.sleep(2000); // let upgrades finish; a failed upgrade shows up as a disconnect
        close(sockets);
        int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
        return String.format("%,d clients with default transports (polling, then upgrade) connecting at once, 5 acked "
                        + "events each: %d failed%s; connected after %s", n, failed,
                failed == 0 ? "" : " " + failures, micros.isEmpty() ? "-" : percentiles(new ArrayList<>(micros)));
    }

    private static String describe(Object[] args) {
        if (args.length == 0) {
            return "";
        }
        Object a = args[0];
        if (a instanceof Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return t.getMessage() + (root != t ? " <- " + root : "");
        }
        return String.valueOf(a);
    }

    private static String ackRoundTrips(int clients) throws Exception {
        List<Socket> sockets = connectMany(clients);
        String nowhere = "0123456789abcdef01234567";
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        int rounds = 5;
        CountDownLatch done = new CountDownLatch(clients);
        for (Socket s : sockets) {
            roundTrip(s, nowhere, rounds, micros, done);
        }
        done.await(5, TimeUnit.MINUTES);
        String burst = String.format("%,d connected clients, all firing %d acknowledged events at once (burst): "
                + "ack round trip %s", clients, rounds, percentiles(new ArrayList<>(micros)));
        String paced = pacedRoundTrips(sockets, nowhere, 500, 10_000);
        close(sockets);
        return burst + "\n" + paced;
    }

    /**
     * The same connections, events spread evenly: {@code perSecond} events a second, each from the next client in
     * turn, so the figure is the round trip under a steady load rather than the depth of a queue.
     */
    private static String pacedRoundTrips(List<Socket> sockets, String roomId, int perSecond, int total)
            throws InterruptedException {
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        int[] next = {0};
        long periodMicros = 1_000_000L / perSecond;
        pacer.scheduleAtFixedRate(() -> {
            if (next[0] >= total) {
                return;
            }
            Socket s = sockets.get(next[0]++ % sockets.size());
            long start = System.nanoTime();
            s.emit("room:leave", new Object[] {new JSONObject(Map.of("roomId", roomId))}, (Ack) a -> {
                micros.add((System.nanoTime() - start) / 1000);
                done.countDown();
            });
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        done.await(5, TimeUnit.MINUTES);
        pacer.shutdownNow();
        return String.format("  the same %,d clients, %,d events paced at %d/s across them: ack round trip %s",
                sockets.size(), total, perSecond, percentiles(new ArrayList<>(micros)));
    }

    private static void roundTrip(Socket s, String roomId, int left, ConcurrentLinkedQueue<Long> micros,
                                  CountDownLatch done) {
        if (left == 0) {
            done.countDown();
            return;
        }
        long start = System.nanoTime();
        s.emit("room:leave", new Object[] {new JSONObject(Map.of("roomId", roomId))}, (Ack) a -> {
            micros.add((System.nanoTime() - start) / 1000);
            roundTrip(s, roomId, left - 1, micros, done);
        });
    }

    private static String roleChangeFanOut(int audience) throws Exception {
        JsonNode host = post("/api/auth/register", null, Map.of("username", "benchhost" + System.nanoTime() % 100000,
                "password", "bench-password"));
        String hostToken = host.path("token").asText();
        String roomId = post("/api/rooms", hostToken, Map.of("title", "Fan-out", "maxParticipants", audience + 10))
                .at("/room/id").asText();
        Socket hostSocket = connectMany(1, List.of(hostToken)).get(0);
        call(hostSocket, "room:join", Map.of("roomId", roomId));
        List<Socket> listeners = connectMany(audience);
        List<String> ids = new ArrayList<>();
        for (Socket s : listeners) {
            ids.add(call(s, "room:join", Map.of("roomId", roomId)).at("/state/you/userId").asText());
        }
        ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            String target = ids.get(round);
            String role = "speaker";
            CountDownLatch seen = new CountDownLatch(audience + 1);
            long[] start = new long[1];
            List<Socket> everyone = new ArrayList<>(listeners);
            everyone.add(hostSocket);
            for (Socket s : everyone) {
                s.off("room:role-changed");
                s.on("room:role-changed", a -> {
                    JSONObject p = (JSONObject) a[0];
                    if (p.optString("userId").equals(target) && p.optString("role").equals(role)) {
                        micros.add((System.nanoTime() - start[0]) / 1000);
                        seen.countDown();
                    }
                });
            }
            start[0] = System.nanoTime();
            call(hostSocket, "room:promote", Map.of("roomId", roomId, "userId", target));
            if (!seen.await(1, TimeUnit.MINUTES)) {
                return "role change fan-out: FAIL, not every client saw round " + round;
            }
            call(hostSocket, "room:demote", Map.of("roomId", roomId, "userId", target));
        }
        close(listeners);
        close(List.of(hostSocket));
        return String.format("%d-listener room, %d promotions: role-changed at every client %s", audience, rounds,
                percentiles(new ArrayList<>(micros)));
    }

    private static String joinLeaveCycles(int cycles) throws Exception {
        JsonNode host = post("/api/auth/register", null, Map.of("username", "cyclehost" + System.nanoTime() % 100000,
                "password", "bench-password"));
        String hostToken = host.path("token").asText();
        List<String> rooms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            rooms.add(post("/api/rooms", hostToken, Map.of("title", "Cycle " + i)).at("/room/id").asText());
        }
        int workers = 20;
        List<Socket> sockets = connectMany(workers);
        // Round 0 warms up (JIT, caches, the DB's pages); rounds 1..3 are measured. A leak in live state shows as
        // the same growth every round; the participations collection (one document per visit, kept on purpose for
        // room history) grows with every round too, so the class histogram says which of the two it is.
        List<String> lines = new ArrayList<>();
        runCycles(sockets, rooms, cycles, workers);
        Map<String, long[]> histogramBefore = classHistogram();
        long heapBefore = usedHeapAfterGc();
        lines.add(String.format("%,d join/leave cycles by %d clients over 10 rooms, warm-up round then 3 measured "
                + "rounds; used heap after GC after warm-up %d MiB", cycles, workers, heapBefore >> 20));
        boolean failed = false;
        for (int round = 1; round <= 3; round++) {
            double seconds = runCycles(sockets, rooms, cycles, workers);
            int inside = 0;
            for (String roomId : rooms) {
                inside += get("/api/rooms/" + roomId, hostToken).path("participants").asInt();
            }
            failed |= inside != 0;
            lines.add(String.format("  round %d: %.1f s (%.0f cycles/s), participants left inside %d %s, used heap "
                    + "after GC %d MiB", round, seconds, cycles / seconds, inside, inside == 0 ? "(ok)" : "FAIL",
                    usedHeapAfterGc() >> 20));
        }
        lines.add("  largest growth by class over the 3 measured rounds: " + growth(histogramBefore,
                classHistogram(), 6));
        close(sockets);
        if (failed) {
            lines.add("FAIL: participants were left inside");
        }
        return String.join("\n", lines);
    }

    private static double runCycles(List<Socket> sockets, List<String> rooms, int cycles, int workers)
            throws Exception {
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            Socket s = sockets.get(w);
            int offset = w;
            all.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < cycles / workers; i++) {
                    String roomId = rooms.get((offset + i) % rooms.size());
                    call(s, "room:join", Map.of("roomId", roomId));
                    call(s, "room:leave", Map.of("roomId", roomId));
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return (System.nanoTime() - start) / 1e9;
    }

    /** Class name → {instances, bytes} of live objects, from the JVM's own class histogram (forces a full GC). */
    private static Map<String, long[]> classHistogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> out = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return out;
    }

    private static String growth(Map<String, long[]> before, Map<String, long[]> after, int top) {
        List<String> grown = new ArrayList<>(after.keySet());
        grown.sort(Comparator.comparingLong((String k) -> -(after.get(k)[1] - before.getOrDefault(k,
                new long[2])[1])));
        List<String> parts = new ArrayList<>();
        for (String k : grown.subList(0, Math.min(top, grown.size()))) {
            long[] b = before.getOrDefault(k, new long[2]);
            long[] a = after.get(k);
            parts.add(String.format("%s %+,d objects / %+,d KiB", k, a[0] - b[0], (a[1] - b[1]) >> 10));
        }
        return String.join("; ", parts);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static List<Socket> connectMany(int n) throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(post("/api/auth/guest", null, Map.of("displayName", "Bench " + i)).path("token").asText());
        }
        return connectMany(n, tokens);
    }

    private static List<Socket> connectMany(int n, List<String> tokens) throws Exception {
        List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch connected = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            IO.Options options = IO.Options.builder().setAuth(Map.of("token", tokens.get(i)))
                    .setTransports(new String[] {"websocket"}).setReconnection(false).setForceNew(true).build();
            options.callFactory = OK_HTTP;
            options.webSocketFactory = OK_HTTP;
            Socket s = IO.socket(URI.create(base), options);
            s.on(Socket.EVENT_CONNECT, a -> connected.countDown());
            s.connect();
            sockets.add(s);
        }
        if (!connected.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("only " + (n - connected.getCount()) + " of " + n + " connected");
        }
        return sockets;
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

    private static void close(List<Socket> sockets) {
        sockets.forEach(Socket::close);
    }

    private static String percentiles(List<Long> micros) {
        Collections.sort(micros);
        return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d samples)", at(micros, 0.50) / 1000.0,
                at(micros, 0.99) / 1000.0, micros.get(micros.size() - 1) / 1000.0, micros.size());
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

    private static JsonNode post(String path, String token, Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type",
                "application/json").POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return MAPPER.readTree(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode get(String path, String token) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .GET().build();
        return MAPPER.readTree(HTTP.send(r, HttpResponse.BodyHandlers.ofString()).body());
    }
}
