package org.voicerooms.server.bench;

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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.voicerooms.model.Json;

/**
 * A {@link BenchServer} in a JVM of its own, started with the flags of {@code bench.serverJvm} (none by default:
 * as {@code java -jar embedded-server.jar} runs): its URL, its process id, and its commands on stdin.
 */
final class ServerProcess implements AutoCloseable {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final String base;

    private ServerProcess(Process process) throws IOException {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.base = "http://127.0.0.1:" + MAPPER.readTree(IdleSocketsBench.jsonLine(out)).path("port").asInt();
    }

    /** The JVM flags of {@code bench.serverJvm}, split at spaces. */
    static List<String> jvmFlags() {
        String jvm = System.getProperty("bench.serverJvm", "").trim();
        return jvm.isEmpty() ? List.of() : Arrays.asList(jvm.split("\\s+"));
    }

    /** "no flags", or the flags. */
    static String describeFlags() {
        return jvmFlags().isEmpty() ? "no JVM flags" : String.join(" ", jvmFlags());
    }

    /** Starts a server on {@code dataDir} and waits until it listens. */
    static ServerProcess start(Path dataDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(),
                dataDir.toString()));
        return new ServerProcess(new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    String base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** Sends {@code command} and reads its one-line JSON answer. */
    synchronized JsonNode command(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        return MAPPER.readTree(IdleSocketsBench.jsonLine(out));
    }

    /** The server's used heap after full collections, in bytes. */
    long heapAfterGc() throws IOException {
        return command("stats").path("heapAfterGc").asLong();
    }

    /** The first {@code top} lines of the server JVM's class histogram, as text. */
    synchronized String histogram(int top) throws IOException {
        in.write("histogram " + top + "\n");
        in.flush();
        StringBuilder text = new StringBuilder();
        for (String l = out.readLine(); l != null && !l.equals("end of histogram"); l = out.readLine()) {
            text.append("    ").append(l).append('\n');
        }
        return text.toString();
    }

    /** Class name → {instances, bytes} of the {@code top} largest classes of the server's live heap. */
    Map<String, long[]> classes(int top) throws IOException {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : histogram(top).split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(":")) {
                classes.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
            }
        }
        return classes;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            in.write("stop\n");
            in.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
