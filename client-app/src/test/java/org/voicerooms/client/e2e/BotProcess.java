package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.voicerooms.model.Json;

/** A headless bot in its own JVM inside the private network, driven through stdin and read from its JSON lines. */
final class BotProcess implements AutoCloseable {

    private static final ObjectMapper JSON = Json.newMapper();

    final String name;
    private final Process process;
    private final Writer in;
    private final List<JsonNode> lines = new CopyOnWriteArrayList<>();

    BotProcess(PrivateNetwork net, String name, Path logDir, Map<String, String> env, String... args)
            throws IOException {
        this.name = name;
        List<String> cmd = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                "org.voicerooms.client.bot.Bot", "--name", name, "--report-ms", "300"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(net.inside(cmd.toArray(String[]::new)))
                .redirectError(logDir.resolve(name + ".log").toFile());
        pb.environment().putAll(net.pulse());
        pb.environment().putAll(env);
        process = pb.start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (IOException e) {
                        // not a JSON line
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "bot-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    /** Index to search from, so a wait only sees lines printed after this point. */
    int mark() {
        return lines.size();
    }

    /** The first line from {@code from} on matching {@code test}, waiting up to {@code seconds}. */
    JsonNode await(int from, long seconds, String what, Predicate<JsonNode> test) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int i = from;
        while (System.nanoTime() < end) {
            while (i < lines.size()) {
                JsonNode line = lines.get(i++);
                if (test.test(line)) {
                    return line;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " did not see " + what + " within " + seconds + " s; last lines: "
                + lines.subList(Math.max(0, lines.size() - 8), lines.size()));
    }

    JsonNode await(long seconds, String event) throws InterruptedException {
        return await(0, seconds, event, l -> event.equals(l.path("event").asText()));
    }

    /** Waits until {@code peer}'s tone is heard {@code times} times in a row. */
    void hears(String peer, int tone, long seconds) throws InterruptedException {
        int[] run = {0};
        await(mark(), seconds, tone + " Hz from " + peer, l -> {
            if (!"hear".equals(l.path("event").asText()) || !peer.equals(l.path("peer").asText())) {
                return false;
            }
            run[0] = l.path("tone").asInt() == tone ? run[0] + 1 : 0;
            return run[0] >= 3;
        });
    }

    /** Waits until {@code tone} from {@code peer} is gone: 2 s of reports without it. */
    void stopsHearing(String peer, int tone, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            int from = mark();
            Thread.sleep(2000);
            boolean heard = lines.subList(from, lines.size()).stream().anyMatch(l -> "hear".equals(l.path("event")
                    .asText()) && peer.equals(l.path("peer").asText()) && l.path("tone").asInt() == tone);
            if (!heard) {
                return;
            }
        }
        throw new AssertionError(name + " still hears " + tone + " Hz from " + peer + " after " + seconds + " s");
    }

    String userId() throws InterruptedException {
        return await(30, "ready").path("userId").asText();
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws IOException {
        try {
            send("quit");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
