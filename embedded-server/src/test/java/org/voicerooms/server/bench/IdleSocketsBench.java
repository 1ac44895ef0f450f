package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.voicerooms.model.Json;

/**
 * Idle websockets one node holds, beside the reference Socket.IO 4 server of Node.js under the same client
 * ({@code idle-sockets.mjs}, the official JavaScript client, websocket only) on the same machine: the time until
 * {@code bench.idle} connections are all open, then each server's resident memory growth per socket (from
 * {@code /proc}), its threads, and for ours the used heap after full collections, all again after
 * {@code bench.idleHoldSeconds} of idling (a ping round at the default 25 s interval). Our server runs in its own
 * JVM ({@link BenchServer}) with the flags of {@code bench.serverJvm} (none by default: as
 * {@code java -jar embedded-server.jar} runs). Exits 1 if any connection failed or dropped while idle.
 * Run: {@code mvn -B -pl embedded-server -am -Pbench-live verify -DskipTests -Dbench.phases=idle}.
 */
public final class IdleSocketsBench {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private IdleSocketsBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> report = run(Integer.getInteger("bench.idle", 19_000));
        report.forEach(System.out::println);
        System.exit(report.stream().anyMatch(r -> r.contains("FAIL")) ? 1 : 0);
    }

    static List<String> run(int sockets) throws Exception {
        Path node = NodeTools.ready();
        int window = Integer.getInteger("bench.idleWindow", 1000);
        int hold = Integer.getInteger("bench.idleHoldSeconds", 30);
        List<String> servers = Arrays.asList(System.getProperty("bench.idleServers", "reference,voicerooms")
                .split(","));
        List<String> report = new ArrayList<>();
        report.add(String.format("Idle websockets: %,d connections by idle-sockets.mjs (socket.io-client 4, websocket,"
                + " %d connects in flight), held %d s; load average before: %s", sockets, window, hold,
                NodeTools.loadAverage()));
        for (String server : servers) {
            report.add(switch (server.trim()) {
                case "reference" -> reference(node, sockets, window, hold);
                case "voicerooms" -> ours(node, sockets, window, hold);
                default -> throw new IllegalArgumentException("bench.idleServers: unknown server " + server);
            });
        }
        return report;
    }

    private static String reference(Path node, int sockets, int window, int hold) throws Exception {
        Process server = new ProcessBuilder("node", "reference-server.mjs").directory(node.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            int port = MAPPER.readTree(firstLine(server)).path("port").asInt();
            Sample sample = Sample.run(server.pid(), node, "http://127.0.0.1:" + port, sockets, window, null, hold);
            return sample.describe("reference Node.js " + NodeTools.version("node") + " socket.io 4.8.3", sockets)
                    + sample.closed;
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Our server: one JVM signs in the guests (its heap grows with the database's work), then a fresh JVM on the same
     * data directory is measured, so the figures are the sockets' and not the sign-ins'.
     */
    private static String ours(Path node, int sockets, int window, int hold) throws Exception {
        Path dataDir = Files.createTempDirectory("voicerooms-bench-idle");
        Path tokens;
        try (ServerProcess prep = ServerProcess.start(dataDir)) {
            tokens = guests(prep.base(), sockets);
        }
        try (ServerProcess server = ServerProcess.start(dataDir)) {
            JsonNode before = server.command("stats");
            Sample sample = Sample.run(server.pid(), node, server.base(), sockets, window, tokens, hold);
            JsonNode after = server.command("stats");
            long rssAfterGc = NodeTools.rss(server.pid());
            long heap = after.path("heapAfterGc").asLong() - before.path("heapAfterGc").asLong();
            String line = sample.describe("Voice Rooms (own JVM" + (ServerProcess.jvmFlags().isEmpty() ? ", no flags"
                    : ", " + String.join(" ", ServerProcess.jvmFlags())) + ")", sockets)
                    + String.format("; after full GC: RSS %d MiB (%+.1f KiB per socket), used heap %d → %d MiB "
                            + "(%+.1f KiB per socket), threads %d → %d", rssAfterGc >> 20,
                    (rssAfterGc - sample.rssBefore) / 1024.0 / sockets, before.path("heapAfterGc").asLong() >> 20,
                    after.path("heapAfterGc").asLong() >> 20, heap / 1024.0 / sockets,
                    before.path("threads").asInt(), after.path("threads").asInt());
            if (Boolean.getBoolean("bench.histogram")) {
                line += "\n" + server.histogram(30);
            }
            return line + sample.closed;
        }
    }

    /** Resident memory and CPU of a server process around a {@link Holding} of idle connections. */
    private record Sample(JsonNode result, long rssBefore, long rssConnected, long rssIdle, long cpuConnecting,
                          int threads, String closed) {

        static Sample run(long pid, Path node, String url, int sockets, int window, Path tokens, int hold)
                throws Exception {
            long rssBefore = NodeTools.rss(pid);
            long cpuBefore = NodeTools.cpuMillis(pid);
            Holding holding = Holding.open(node, url, sockets, window, tokens);
            long cpuConnecting = NodeTools.cpuMillis(pid) - cpuBefore;
            long rssConnected = NodeTools.rss(pid);
            holding.idle(hold);
            long rssIdle = NodeTools.rss(pid);
            int threads = NodeTools.threads(pid);
            return new Sample(holding.result(), rssBefore, rssConnected, rssIdle, cpuConnecting, threads,
                    holding.close());
        }

        String describe(String who, int sockets) {
            JsonNode r = result;
            int failed = r.path("failed").asInt();
            return String.format("  %s: %,d of %,d connected in %.1f s (connect p50 %s ms, p99 %s ms; server CPU "
                            + "%.2f ms per connect), %d failed%s; RSS %d MiB → %d MiB connected → %d MiB after %s "
                            + "(%+.1f KiB per socket), threads %d",
                    who, r.path("connected").asInt(), sockets, r.path("seconds").asDouble(),
                    r.at("/connectMs/p50").asText(), r.at("/connectMs/p99").asText(),
                    (double) cpuConnecting / sockets, failed, failed == 0 ? "" : " FAIL " + r.path("failures"),
                    rssBefore >> 20, rssConnected >> 20, rssIdle >> 20, "idling",
                    (rssIdle - rssBefore) / 1024.0 / sockets, threads);
        }
    }

    /** Signs in {@code n} guests and writes their access tokens to a file, one a line. */
    static Path guests(String base, int n) throws Exception {
        Path file = Files.createTempFile("voicerooms-bench-tokens", ".txt");
        file.toFile().deleteOnExit();
        Files.write(file, new BenchClients(base).guests(n, "Idle"));
        return file;
    }

    private static String firstLine(Process p) throws IOException {
        return jsonLine(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
    }

    /** The next line that is a JSON object; the JVM may print lines of its own (a flight recording's start). */
    static String jsonLine(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("{")) {
                return line;
            }
        }
        throw new IOException("the process ended without an answer");
    }
}
