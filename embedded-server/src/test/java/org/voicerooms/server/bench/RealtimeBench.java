package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Socket;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.json.JSONObject;

/**
 * Realtime capacity of one node on loopback: the server in a JVM of its own ({@link ServerProcess}; heap figures
 * are that JVM's), clients here (socket.io-client-java) or in node ({@link IdleSocketsBench}). Phases
 * ({@code bench.phases}, all by default):
 * <ul>
 *   <li>{@code storm}: after a warm-up, {@code bench.pollers} clients connecting at once, websocket only and then
 *       polling first with the upgrade, each sending 5 acked events and a last one after everyone settled;</li>
 *   <li>{@code acks}: {@link AckBench} with {@code bench.clients} clients, the floor paced at 500/s, real work
 *       at {@code bench.workPerSecond} (100) in rooms of {@code bench.roomSize} (50);</li>
 *   <li>{@code fanout}: a role change in a room of {@code bench.audience} listeners, per receipt and until the
 *       last listener has it, per round;</li>
 *   <li>{@code cycles}: {@code bench.cycles} join/leave cycles, warm-up plus 3 measured rounds: participants left
 *       inside, the server's heap after GC and its classes that grew;</li>
 *   <li>{@code idle}: {@link IdleSocketsBench}, beside the reference Socket.IO server.</li>
 * </ul>
 * Exits 1 when any threshold is passed: a failed or lost connect, ack or receipt; connect-storm p99 above
 * {@code bench.maxStormP99Ms} (1000); paced ack p99 above {@code bench.maxPacedP99Ms} (10); role change reaching
 * the last listener, p99 over rounds, above {@code bench.maxFanoutP99Ms} (250); anyone left inside after the
 * cycles. Run: {@code mvn -B -pl embedded-server -am -Pbench-live verify -DskipTests}.
 */
public final class RealtimeBench {

    private final BenchClients clients;
    private final ServerProcess server;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    private RealtimeBench(ServerProcess server) {
        this.server = server;
        this.clients = new BenchClients(server.base());
    }

    public static void main(String[] args) throws Exception {
        List<String> phases = Arrays.asList(System.getProperty("bench.phases", "storm,acks,fanout,cycles,idle")
                .split(","));
        List<String> report = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        report.add("Realtime benchmark, one node on loopback (server in its own JVM, " + ServerProcess.describeFlags()
                + "; clients socket.io-client-java 2.1.2 unless said)");
        try (ServerProcess server = ServerProcess.start(Files.createTempDirectory("voicerooms-bench-live"))) {
            RealtimeBench bench = new RealtimeBench(server);
            for (String phase : phases) {
                String load = NodeTools.loadAverage();
                String result;
                try {
                    result = bench.phase(phase.trim());
                } catch (Exception | AssertionError e) {
                    bench.failures.add(phase.trim() + ": " + e);
                    result = phase.trim() + ": FAIL " + e;
                }
                if (!result.isEmpty()) {
                    report.add("[" + phase.trim() + ", load average " + load + " → " + NodeTools.loadAverage() + "]");
                    report.add(result);
                }
            }
            failures.addAll(bench.failures);
        } finally {
            BenchClients.OK_HTTP.dispatcher().executorService().shutdown();
        }
        if (phases.contains("idle")) {
            List<String> idle = IdleSocketsBench.run(Integer.getInteger("bench.idle", 19_000));
            report.addAll(idle);
            idle.stream().filter(l -> l.contains("FAIL")).forEach(l -> failures.add("idle: " + l.trim()));
        }
        System.out.println();
        report.forEach(System.out::println);
        System.out.println(failures.isEmpty() ? "PASS: no threshold passed" : "FAIL:\n  " + String.join("\n  ",
                failures));
        System.exit(failures.isEmpty() ? 0 : 1);
    }

    private String phase(String phase) throws Exception {
        return switch (phase) {
            case "storm" -> storm(Integer.getInteger("bench.pollers", 500));
            case "acks" -> new AckBench(clients, failures).run(Integer.getInteger("bench.clients", 2000), 500,
                    10_000, Integer.getInteger("bench.workPerSecond", 100), Integer.getInteger("bench.roomSize", 50),
                    Long.getLong("bench.maxPacedP99Ms", 10) * 1000);
            case "fanout" -> fanOut(Integer.getInteger("bench.audience", 500));
            case "cycles" -> cycles(Integer.getInteger("bench.cycles", 10_000));
            case "idle" -> "";
            default -> throw new IllegalArgumentException("bench.phases: unknown phase " + phase);
        };
    }

    private String storm(int n) throws Exception {
        long maxP99Micros = Long.getLong("bench.maxStormP99Ms", 1000) * 1000;
        List<String> lines = new ArrayList<>();
        // Both JVMs warm first (classes loaded, code compiled): the storm measures a running server.
        for (boolean websocketOnly : new boolean[] {true, false}) {
            for (String token : clients.guests(20, "Warm-up")) {
                Socket s = clients.socket(token, websocketOnly);
                CompletableFuture<Void> connected = new CompletableFuture<>();
                s.once(Socket.EVENT_CONNECT, a -> connected.complete(null));
                s.connect();
                connected.get(1, TimeUnit.MINUTES);
                if (acks(s, 5).get(1, TimeUnit.MINUTES) != null) {
                    throw new IllegalStateException("warm-up acks failed");
                }
                s.close();
            }
        }
        for (boolean websocketOnly : new boolean[] {true, false}) {
            List<String> tokens = clients.guests(n, "Stormer");
            Map<String, Integer> failed = new ConcurrentHashMap<>();
            ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
            CountDownLatch settled = new CountDownLatch(n);
            List<Socket> sockets = new ArrayList<>();
            long start = System.nanoTime();
            for (String token : tokens) {
                Socket s = clients.socket(token, websocketOnly);
                sockets.add(s);
                boolean[] over = {false};
                Runnable settle = () -> {
                    synchronized (over) {
                        if (!over[0]) {
                            over[0] = true;
                            settled.countDown();
                        }
                    }
                };
                s.on(Socket.EVENT_CONNECT_ERROR, a -> {
                    failed.merge("connect_error: " + describe(a), 1, Integer::sum);
                    settle.run();
                });
                s.on(Socket.EVENT_DISCONNECT, a -> {
                    failed.merge("disconnect: " + describe(a), 1, Integer::sum);
                    settle.run();
                });
                s.once(Socket.EVENT_CONNECT, a -> {
                    micros.add((System.nanoTime() - start) / 1000);
                    acks(s, 5).thenAccept(problem -> {
                        if (problem != null) {
                            failed.merge(problem, 1, Integer::sum);
                        }
                        settle.run();
                    });
                });
                s.connect();
            }
            if (!settled.await(3, TimeUnit.MINUTES)) {
                failed.merge("not settled in 3 minutes", (int) settled.getCount(), Integer::sum);
            }
            // A last acked event on every connection after all settled: an upgrade that failed late shows here.
            List<CompletableFuture<String>> last = sockets.stream().filter(Socket::connected)
                    .map(s -> acks(s, 1)).toList();
            for (CompletableFuture<String> f : last) {
                String problem = f.get(1, TimeUnit.MINUTES);
                if (problem != null) {
                    failed.merge("after settling: " + problem, 1, Integer::sum);
                }
            }
            BenchClients.close(sockets);
            int failures = failed.values().stream().mapToInt(Integer::intValue).sum();
            String what = websocketOnly ? "websocket only" : "polling, then upgrade";
            lines.add(String.format("%,d clients connecting at once, %s, 5 acked events each and one more after all "
                            + "settled: %d failed%s; connected after %s", n, what, failures,
                    failures == 0 ? "" : " FAIL " + failed, BenchClients.percentiles(new ArrayList<>(micros))));
            if (failures > 0) {
                this.failures.add("storm, " + what + ": " + failures + " failed " + failed);
            }
            long p99 = BenchClients.quantile(new ArrayList<>(micros), 0.99);
            if (p99 > maxP99Micros) {
                this.failures.add(String.format("storm, %s: connect p99 %.0f ms above the threshold of %d ms", what,
                        p99 / 1000.0, maxP99Micros / 1000));
            }
        }
        return String.join("\n", lines);
    }

    /** {@code count} no-op acked events one after the other; null when all were answered ok, else what went wrong. */
    private static CompletableFuture<String> acks(Socket s, int count) {
        CompletableFuture<String> result = CompletableFuture.completedFuture(null);
        for (int i = 0; i < count; i++) {
            result = result.thenCompose(problem -> problem != null ? CompletableFuture.completedFuture(problem)
                    : BenchClients.emit(s, "room:leave", Map.of("roomId", "0123456789abcdef01234567"),
                    AckBench.LOST_AFTER_MS).thenApply(a -> a == null ? "ack lost"
                    : a.path("ok").asBoolean() ? null : "ack refused " + a));
        }
        return result;
    }

    private static String describe(Object[] args) {
        if (args.length == 0) {
            return "";
        }
        if (args[0] instanceof Throwable t) {
            Throwable root = t;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return t.getMessage() + (root != t ? " <- " + root : "");
        }
        return String.valueOf(args[0]);
    }

    private String fanOut(int audience) throws Exception {
        BenchClients.Hosted hosted = clients.host(1, audience + 10, "Fan-out");
        String roomId = hosted.roomIds().get(0);
        Socket host = clients.connect(List.of(hosted.token())).get(0);
        BenchClients.call(host, "room:join", Map.of("roomId", roomId));
        List<Socket> listeners = clients.connect(clients.guests(audience, "Listener"));
        List<String> ids = new ArrayList<>();
        for (Socket s : listeners) {
            ids.add(BenchClients.call(s, "room:join", Map.of("roomId", roomId)).at("/state/you/userId").asText());
        }
        List<Socket> everyone = new ArrayList<>(listeners);
        everyone.add(host);
        List<Long> receipts = new ArrayList<>();
        List<Long> lastPerRound = new ArrayList<>();
        int rounds = 20;
        long missing = 0;
        for (int round = 0; round < rounds; round++) {
            String target = ids.get(round);
            ConcurrentLinkedQueue<Long> micros = new ConcurrentLinkedQueue<>();
            CountDownLatch seen = new CountDownLatch(everyone.size());
            AtomicLong start = new AtomicLong();
            for (Socket s : everyone) {
                s.off("room:role-changed");
                s.on("room:role-changed", a -> {
                    JSONObject p = (JSONObject) a[0];
                    if (p.optString("userId").equals(target) && p.optString("role").equals("speaker")) {
                        micros.add((System.nanoTime() - start.get()) / 1000);
                        seen.countDown();
                    }
                });
            }
            start.set(System.nanoTime());
            BenchClients.call(host, "room:promote", Map.of("roomId", roomId, "userId", target));
            if (!seen.await(10, TimeUnit.SECONDS)) {
                missing += seen.getCount();
            }
            receipts.addAll(micros);
            lastPerRound.add(micros.stream().max(Comparator.naturalOrder()).orElse(0L));
            BenchClients.call(host, "room:demote", Map.of("roomId", roomId, "userId", target));
        }
        BenchClients.close(everyone);
        long p99 = BenchClients.quantile(lastPerRound, 0.99);
        long maxP99 = Long.getLong("bench.maxFanoutP99Ms", 250) * 1000;
        if (missing > 0) {
            failures.add("fan-out: " + missing + " receipts missing after 10 s");
        }
        if (p99 > maxP99) {
            failures.add(String.format("fan-out: last listener p99 %.1f ms above the threshold of %d ms",
                    p99 / 1000.0, maxP99 / 1000));
        }
        return String.format("%d-listener room, %d promotions (each round waits for every receipt): role-changed%n"
                        + "    per receipt             %s%n    until the last listener %s; %d receipts missing%s",
                audience, rounds, BenchClients.percentiles(receipts), BenchClients.percentiles(lastPerRound),
                missing, missing > 0 ? " FAIL" : "");
    }

    private String cycles(int cycles) throws Exception {
        BenchClients.Hosted hosted = clients.host(10, 100, "Cycle");
        int workers = 20;
        List<Socket> sockets = clients.connect(clients.guests(workers, "Cycler"));
        // Round 0 warms up (JIT, caches, the DB's pages); rounds 1..3 are measured. A leak in live state shows as
        // the same growth every round; the participations collection (one document per visit, kept on purpose for
        // room history) grows with every round too, so the class histogram says which of the two it is.
        List<String> lines = new ArrayList<>();
        runCycles(sockets, hosted.roomIds(), cycles, workers);
        Map<String, long[]> before = server.classes(400);
        lines.add(String.format("%,d join/leave cycles by %d clients over 10 rooms, warm-up round then 3 measured "
                + "rounds; server's used heap after GC after warm-up %d MiB", cycles, workers,
                server.heapAfterGc() >> 20));
        for (int round = 1; round <= 3; round++) {
            double seconds = runCycles(sockets, hosted.roomIds(), cycles, workers);
            int inside = 0;
            for (String roomId : hosted.roomIds()) {
                JsonNode room = clients.get("/api/rooms/" + roomId, hosted.token());
                inside += room.path("participants").asInt();
            }
            lines.add(String.format("  round %d: %.1f s (%.0f cycles/s), participants left inside %d%s, server's "
                    + "used heap after GC %d MiB", round, seconds, cycles / seconds, inside,
                    inside == 0 ? "" : " FAIL", server.heapAfterGc() >> 20));
            if (inside != 0) {
                failures.add("cycles: " + inside + " participants left inside after round " + round);
            }
        }
        lines.add("  largest growth by class over the 3 measured rounds: " + growth(before, server.classes(400), 6));
        BenchClients.close(sockets);
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
                    BenchClients.call(s, "room:join", Map.of("roomId", roomId));
                    BenchClients.call(s, "room:leave", Map.of("roomId", roomId));
                }
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
        return (System.nanoTime() - start) / 1e9;
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
}
