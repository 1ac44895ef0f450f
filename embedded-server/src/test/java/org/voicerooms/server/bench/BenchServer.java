package org.voicerooms.server.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * The server under test of the live benchmarks, in a JVM of its own so its heap, threads and resident memory are
 * its own: a {@link VoiceRoomsServer} on loopback with the flood guard, join and connection limits raised so they
 * do not shape the figures, on the data directory given as the first argument (a new one without). Prints {@code {"port":N}} once listening, then answers lines on stdin:
 * {@code stats} prints {@code {"heapAfterGc":bytes,"threads":N}} (after full collections);
 * {@code histogram [N]} prints the N (30) largest classes of the live heap; {@code stop} stops and exits.
 */
public final class BenchServer {

    private BenchServer() {
    }

    /** Limits raised so a benchmark measures the server, not its guards; the secret lets clients share tokens. */
    static ServerConfig config(Path dataDir) {
        return ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .jwtSecret("bench-secret-0123456789abcdef-xyz").bcryptCost(4).roomCreationsPerDay(1_000_000)
                .joinsPerMinute(1_000_000).eventsPerSecond(1_000_000).authPerIpPerMinute(10_000_000)
                .roomCreationsPerIpPerDay(1_000_000).joinsPerIpPerMinute(10_000_000).maxConnectionsPerIp(1_000_000)
                .requestsPerUserPerSecond(1_000_000).maxParticipantsCap(100_000).build();
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("voicerooms-bench");
        VoiceRoomsServer server = VoiceRoomsServer.create(config(dataDir)).start();
        System.out.println("{\"port\":" + server.port() + "}");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            for (String line = in.readLine(); line != null && !line.equals("stop"); line = in.readLine()) {
                String[] words = line.trim().split(" ");
                switch (words[0]) {
                    case "stats" -> System.out.println(stats());
                    case "histogram" -> System.out.println(histogram(words.length > 1
                            ? Integer.parseInt(words[1]) : 30));
                    default -> System.out.println("{\"error\":\"unknown command\"}");
                }
            }
        } finally {
            server.stop();
        }
        System.exit(0);
    }

    private static String stats() throws InterruptedException {
        long heap = usedHeapAfterGc();
        return String.format("{\"heapAfterGc\":%d,\"threads\":%d}", heap,
                ManagementFactory.getThreadMXBean().getThreadCount());
    }

    static long usedHeapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200); // lets reference processing and concurrent cleanup settle between collections
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The top {@code top} lines of the JVM's class histogram (a full collection first). */
    static String histogram(int top) throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String[] lines = text.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(lines.length, top + 3); i++) {
            out.append(lines[i]).append('\n');
        }
        return out.append("end of histogram").toString();
    }
}
