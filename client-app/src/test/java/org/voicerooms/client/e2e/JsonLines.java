package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.voicerooms.model.Json;

/** The JSON lines a tool process prints (bot, LAN tool), collected as they come, with waits on them. */
final class JsonLines {

    private static final ObjectMapper JSON = Json.newMapper();

    private final String name;
    final List<JsonNode> lines = new CopyOnWriteArrayList<>();
    /** When each of {@link #lines} arrived ({@link System#nanoTime()}), same index. */
    final List<Long> arrivals = new CopyOnWriteArrayList<>();

    JsonLines(String name, Process process) {
        this(name, process, null);
    }

    /** Also keeps a copy of every line in {@code copy} (null: none), with the time it came, to read afterwards. */
    JsonLines(String name, Process process, java.nio.file.Path copy) {
        this.name = name;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8));
                 java.io.Writer file = copy == null ? java.io.Writer.nullWriter()
                         : java.nio.file.Files.newBufferedWriter(copy, StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    file.write(java.time.LocalTime.now() + " " + line + "\n");
                    file.flush();
                    try {
                        JsonNode node = JSON.readTree(line);
                        arrivals.add(System.nanoTime());
                        lines.add(node);
                    } catch (IOException e) {
                        // not a JSON line
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "lines-" + name);
        reader.setDaemon(true);
        reader.start();
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
}
