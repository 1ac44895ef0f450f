package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.voicerooms.model.Json;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * REST throughput and latency on the embedded database: stores N rooms, then hammers {@code GET /api/rooms}
 * (random pages of 20) and {@code GET /api/rooms/:id} (random rooms) from T client threads for S seconds each,
 * after a warm-up. Prints requests per second and p50/p90/p99/max latency. Loopback only.
 *
 * <p>Run: {@code mvn -B -pl embedded-server -am -Pbench verify -DskipTests [-Dbench.rooms=1000]
 * [-Dbench.seconds=10] [-Dbench.threads=8]}
 */
public final class RestBench {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private RestBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new java.util.HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            opts.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        int rooms = Integer.parseInt(opts.getOrDefault("rooms", "1000"));
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "10"));
        int threads = Integer.parseInt(opts.getOrDefault("threads", "8"));
        Path dir = Files.createTempDirectory("voicerooms-bench");
        VoiceRoomsServer server = VoiceRoomsServer.create(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(dir).bcryptCost(4).roomCreationsPerDay(Integer.MAX_VALUE).authPerIpPerMinute(Integer.MAX_VALUE)
                .roomCreationsPerIpPerDay(Integer.MAX_VALUE).joinsPerIpPerMinute(Integer.MAX_VALUE).build()).start();
        try {
            run(server.port(), rooms, seconds, threads);
        } finally {
            server.stop();
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(int port, int roomCount, int seconds, int threads) throws Exception {
        String base = "http://127.0.0.1:" + port;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = post(http, base + "/api/auth/guest", null, "{\"displayName\":\"Bench\"}").get("token").asText();
        long seedStart = System.nanoTime();
        List<String> ids = new ArrayList<>();
        String[] categories = {"tech", "music", "gaming", "casual"};
        for (int i = 0; i < roomCount; i++) {
            String body = "{\"title\":\"Bench room " + i + "\",\"category\":\"" + categories[i % 4]
                    + "\",\"tags\":[\"bench\",\"t" + (i % 7) + "\"],\"description\":\"" + "x".repeat(200) + "\"}";
            ids.add(post(http, base + "/api/rooms", token, body).get("room").get("id").asText());
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("Seeded %d rooms through POST /api/rooms in %.1f s (%.0f creates/s)%n", roomCount,
                seedSeconds, roomCount / seedSeconds);
        int pages = Math.max(1, roomCount / 20);
        IntFunction<String> list = r -> base + "/api/rooms?limit=20&page=" + (1 + r % pages);
        IntFunction<String> one = r -> base + "/api/rooms/" + ids.get(r % ids.size());
        System.out.printf("%-28s %8s %10s %8s %8s %8s %8s%n", "endpoint", "threads", "req/s", "p50 ms", "p90 ms",
                "p99 ms", "max ms");
        measure(http, token, "GET /api/rooms (page of 20)", list, threads, 3, false);
        measure(http, token, "GET /api/rooms (page of 20)", list, threads, seconds, true);
        measure(http, token, "GET /api/rooms/:id", one, threads, 3, false);
        measure(http, token, "GET /api/rooms/:id", one, threads, seconds, true);
        measure(http, token, "GET /api/rooms/:id", one, 1, seconds, true);
    }

    private static void measure(HttpClient http, String token, String name, IntFunction<String> url, int threads,
                                int seconds, boolean print) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<long[]>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    String target = url.apply(ThreadLocalRandom.current().nextInt(1 << 20));
                    long start = System.nanoTime();
                    HttpResponse<byte[]> res = http.send(HttpRequest.newBuilder(URI.create(target))
                            .header("Authorization", "Bearer " + token).GET().build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    long took = System.nanoTime() - start;
                    if (res.statusCode() != 200) {
                        throw new IllegalStateException(target + " answered " + res.statusCode());
                    }
                    if (n == lat.length) {
                        lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = took;
                }
                return Arrays.copyOf(lat, n);
            }));
        }
        long[] all = new long[0];
        for (Future<long[]> f : results) {
            long[] part = f.get();
            long[] merged = Arrays.copyOf(all, all.length + part.length);
            System.arraycopy(part, 0, merged, all.length, part.length);
            all = merged;
        }
        pool.shutdown();
        if (!print) {
            return;
        }
        Arrays.sort(all);
        System.out.printf("%-28s %8d %10.0f %8.2f %8.2f %8.2f %8.2f%n", name, threads, all.length / (double) seconds,
                pct(all, 50), pct(all, 90), pct(all, 99), all[all.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, double p) {
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static JsonNode post(HttpClient http, String url, String token, String body) throws Exception {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException(url + " answered " + res.statusCode() + ": " + res.body());
        }
        return MAPPER.readTree(res.body());
    }
}
