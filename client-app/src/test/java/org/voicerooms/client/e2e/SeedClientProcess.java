package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Node.js client written from the seed's shapes ({@code src/test/js/seed-client}: socket.io-client and real
 * WebRTC audio through {@code @roamhq/wrtc}) in a process inside the private network, driven through stdin and read
 * from its JSON lines, as {@link BotProcess} drives a bot.
 */
final class SeedClientProcess implements AutoCloseable {

    /** The client's folder; its packages come from the committed lockfile ({@link #install}). */
    static final Path DIR = Path.of("src", "test", "js", "seed-client").toAbsolutePath();

    final String name;
    private final Process process;
    private final Writer in;
    private final JsonLines out;

    /**
     * Installs the client's npm packages ({@code npm ci}) unless they are there ({@code .ci/run} installs them
     * first). Runs in this JVM's own network, before any private namespace exists, so the registry is reachable and
     * nothing inside the namespace ever needs it.
     */
    static void install() throws IOException, InterruptedException {
        if (Files.isDirectory(DIR.resolve("node_modules/@roamhq/wrtc"))
                && Files.isDirectory(DIR.resolve("node_modules/socket.io-client"))) {
            return;
        }
        Path log = Files.createDirectories(Path.of("target").toAbsolutePath()).resolve("seed-client-npm.log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new AssertionError("npm ci failed in " + DIR + ":\n" + Files.readString(log));
        }
    }

    /** Starts the client inside {@code net}, joining {@code roomId} on {@code server}; extra options follow. */
    SeedClientProcess(PrivateNetwork net, String name, Path logDir, String server, String roomId, String... extra)
            throws IOException {
        this.name = name;
        List<String> cmd = new ArrayList<>(List.of("node", "seed-client.mjs", "--server", server, "--room", roomId,
                "--name", name, "--report-ms", "300"));
        cmd.addAll(List.of(extra));
        process = new ProcessBuilder(net.inside(cmd.toArray(String[]::new))).directory(DIR.toFile())
                .redirectError(logDir.resolve(name + ".log").toFile()).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new JsonLines(name, process, logDir.resolve(name + ".jsonl"));
    }

    void send(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
    }

    int mark() {
        return out.mark();
    }

    JsonNode await(int from, long seconds, String what, Predicate<JsonNode> test) throws InterruptedException {
        return out.await(from, seconds, what, test);
    }

    /** The first line from {@code from} on whose {@code event} is {@code event}. */
    JsonNode await(int from, long seconds, String event) throws InterruptedException {
        return await(from, seconds, event, l -> event.equals(l.path("event").asText()));
    }

    /** Waits until {@code peer}'s tone is heard in 3 reports in a row. */
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

    /** Everything it printed so far. */
    List<JsonNode> lines() {
        return List.copyOf(out.lines);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
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
