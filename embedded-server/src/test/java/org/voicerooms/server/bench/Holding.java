package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.voicerooms.model.Json;

/**
 * A run of {@code idle-sockets.mjs}: many Socket.IO connections opened by the official JavaScript client and held
 * until {@link #close}. {@link #open} returns once every connection has connected or failed.
 */
final class Holding {

    private static final ObjectMapper MAPPER = Json.newMapper();

    private final Process client;
    private final BufferedReader out;
    private final JsonNode result;

    private Holding(Process client, BufferedReader out, JsonNode result) {
        this.client = client;
        this.out = out;
        this.result = result;
    }

    /**
     * Opens {@code count} connections to {@code url}, {@code window} of them in flight at once, over websocket only,
     * each with the next of {@code tokens} (a file, one a line; null for none).
     */
    static Holding open(Path node, String url, int count, int window, Path tokens) throws IOException {
        return open(node, url, count, window, tokens, "websocket", 0);
    }

    /** As {@link #open(Path, String, int, int, Path)}, with the client's transports and acked events per socket. */
    static Holding open(Path node, String url, int count, int window, Path tokens, String transports, int acks)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", "idle-sockets.mjs").directory(node.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("VR_URL", url);
        pb.environment().put("VR_COUNT", Integer.toString(count));
        pb.environment().put("VR_WINDOW", Integer.toString(window));
        pb.environment().put("VR_TRANSPORTS", transports);
        pb.environment().put("VR_ACKS", Integer.toString(acks));
        if (tokens != null) {
            pb.environment().put("VR_TOKENS", tokens.toString());
        }
        Process client = pb.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(client.getInputStream(),
                StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IllegalStateException("idle-sockets.mjs printed nothing; its exit code: "
                    + (client.isAlive() ? "still running" : client.exitValue()));
        }
        return new Holding(client, out, MAPPER.readTree(line));
    }

    /** What the client printed once every connection had settled: connected, failed, failures, seconds, connectMs. */
    JsonNode result() {
        return result;
    }

    /** Keeps the connections open for {@code seconds}: the measured idle period. */
    void idle(int seconds) throws InterruptedException {
        TimeUnit.SECONDS.sleep(seconds);
    }

    /** Closes the connections; "" if none dropped while held, else a FAIL note with the reasons. */
    String close() throws IOException, InterruptedException {
        client.getOutputStream().write('\n');
        client.getOutputStream().flush();
        List<String> rest = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            rest.add(line);
        }
        if (!client.waitFor(60, TimeUnit.SECONDS)) {
            client.destroyForcibly();
            return " FAIL: the client did not exit";
        }
        return rest.isEmpty() ? "" : " FAIL dropped while held: " + String.join(" ", rest);
    }
}
