package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A headless bot (or the app under {@link AppDriver}) in its own JVM inside the private network, driven through
 * stdin and read from its JSON lines.
 */
final class BotProcess implements AutoCloseable {

    final String name;
    private final Process process;
    private final Writer in;
    private final JsonLines out;

    BotProcess(PrivateNetwork net, String name, Path logDir, Map<String, String> env, String... args)
            throws IOException {
        this(net, name, logDir, env, "org.voicerooms.client.bot.Bot", withName(name, args));
    }

    static List<String> withName(String name, String... args) {
        List<String> all = new ArrayList<>(List.of("--name", name, "--report-ms", "300"));
        all.addAll(List.of(args));
        return all;
    }

    /** A JVM of this test class path running {@code mainClass} with {@code args}, inside the private network. */
    BotProcess(PrivateNetwork net, String name, Path logDir, Map<String, String> env, String mainClass,
               List<String> args) throws IOException {
        this(net, false, name, logDir, env, mainClass, args);
    }

    /** As above; {@code onPeer}: in the second namespace ({@link PrivateNetwork#addPeer}), a second computer. */
    BotProcess(PrivateNetwork net, boolean onPeer, String name, Path logDir, Map<String, String> env,
               String mainClass, List<String> args) throws IOException {
        this.name = name;
        List<String> cmd = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                mainClass));
        cmd.addAll(args);
        String[] command = cmd.toArray(String[]::new);
        ProcessBuilder pb = new ProcessBuilder(onPeer ? net.insidePeer(command) : net.inside(command))
                .redirectError(logDir.resolve(name + ".log").toFile());
        pb.environment().putAll(net.pulse());
        pb.environment().putAll(env);
        process = pb.start();
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

    /**
     * Waits until {@code tone} from {@code peer} is gone: 2 s without it while the listener keeps reporting. Silence
     * from a bot that stopped working is not "gone": every 250 ms it is asked for its levels, and the quiet window
     * counts only if each answer came (the bot alive and reading commands) and no report of the tone came between.
     */
    void stopsHearing(String peer, int tone, long seconds) throws IOException, InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        long quietSince = System.nanoTime();
        int windowFrom = mark();
        int answers = 0;
        while (System.nanoTime() < end) {
            int asked = mark();
            send("levels");
            await(asked, 5, "the levels answer (the listener still reporting)",
                    l -> "levels".equals(l.path("event").asText()));
            answers++;
            boolean heard = out.lines.subList(windowFrom, out.lines.size()).stream().anyMatch(l -> "hear".equals(
                    l.path("event").asText()) && peer.equals(l.path("peer").asText()) && l.path("tone").asInt() == tone);
            if (heard) {
                quietSince = System.nanoTime();
                windowFrom = mark();
                answers = 0;
            } else if (answers >= 8 && System.nanoTime() - quietSince >= TimeUnit.SECONDS.toNanos(2)) {
                return;
            }
            Thread.sleep(250); // the probing cadence, not a wait for anything
        }
        throw new AssertionError(name + " still hears " + tone + " Hz from " + peer + " after " + seconds + " s");
    }

    /**
     * Checks that for {@code seconds} nothing {@code heard} matches is reported, while the bot keeps reporting: it is
     * asked for its levels every 250 ms and each answer must come, so a stalled bot cannot pass for a quiet one.
     */
    void hearsNone(long seconds, String what, Predicate<JsonNode> heard) throws IOException, InterruptedException {
        int from = mark();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            int asked = mark();
            send("levels");
            await(asked, 5, "the levels answer (the listener still reporting)",
                    l -> "levels".equals(l.path("event").asText()));
            Thread.sleep(250); // the probing cadence, not a wait for anything
        }
        int asked = mark();
        send("levels"); // every report printed before this answer is in
        await(asked, 5, "the last levels answer", l -> "levels".equals(l.path("event").asText()));
        List<JsonNode> window = out.lines.subList(from, out.lines.size());
        if (window.stream().anyMatch(heard)) {
            throw new AssertionError(name + " heard " + what + ": " + window.stream().filter(heard).findFirst()
                    .orElseThrow());
        }
    }

    String userId() throws InterruptedException {
        return await(30, "ready").path("userId").asText();
    }

    /**
     * Brings this bot on stage as a person does: raises its hand, has {@code host} promote it, and unmutes once on
     * stage (new speakers come up muted).
     */
    void comeOnStage(BotProcess host) throws InterruptedException, IOException {
        String id = userId();
        int mark = host.mark();
        send("raise-hand");
        host.await(mark, 15, id + "'s hand", l -> "hand-raised".equals(l.path("event").asText()));
        mark = mark();
        host.send("promote " + id);
        await(mark, 15, id + " on stage", l -> "role".equals(l.path("event").asText())
                && id.equals(l.path("userId").asText()));
        mark = mark();
        send("unmute");
        await(mark, 15, id + "'s unmute", l -> "done".equals(l.path("event").asText())
                && "unmute".equals(l.path("command").asText()));
    }

    /**
     * Has the desktop app ({@link AppDriver}) run {@code command} through its screens, and waits for it to be done;
     * fails with the app's reason when it could not.
     */
    void command(String command) throws InterruptedException, IOException {
        int mark = mark();
        send(command);
        JsonNode result = await(mark, 30, command, l -> ("done".equals(l.path("event").asText())
                || "failed".equals(l.path("event").asText())) && command.equals(l.path("command").asText()));
        if (!"done".equals(result.path("event").asText())) {
            throw new AssertionError(command + ": " + result);
        }
    }

    /**
     * The desktop app's way on stage, as a person goes: its Hand button, {@code host} promotes it, and it waits
     * until the room has it on stage — still muted, as new speakers come up.
     */
    void appOnStage(BotProcess host, String appId) throws InterruptedException, IOException {
        int mark = host.mark();
        command("hand");
        host.await(mark, 15, "the app's hand", l -> "hand-raised".equals(l.path("event").asText())
                && appId.equals(l.path("userId").asText()));
        host.send("promote " + appId);
        command("wait-speaker");
    }

    /** When each line of {@link #lines()} arrived ({@link System#nanoTime()}). */
    List<Long> arrivals() {
        return List.copyOf(out.arrivals);
    }

    /** Everything it printed so far. */
    List<JsonNode> lines() {
        return List.copyOf(out.lines);
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
