package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voicerooms.model.Json;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * The core flow (join, state, hand raise, promote, kick, a refused token) driven by the official JavaScript
 * socket.io-client 4.x in node, over websocket and over polling with upgrade. Needs node and npm on the PATH; the
 * client library is installed from the committed lockfile into target/.
 */
class JavascriptClientIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));
    private static final Api api = server.api();
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path WORK = Path.of("target", "node-client");

    @BeforeAll
    static void installTheClientLibrary() throws Exception {
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "core-flow.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(WORK.resolve("node_modules/socket.io-client"))) {
            Result npm = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 180);
            assertThat(npm.exit).as("npm ci failed:\n%s", npm.output).isZero();
        }
    }

    @ParameterizedTest(name = "transports {0}")
    @ValueSource(strings = {"websocket", "polling,websocket"})
    void theOfficialClientRunsTheCoreFlow(String transports) throws Exception {
        AuthResponse host = api.newUser("jshost");
        AuthResponse listener = api.guest("JS listener");
        AuthResponse third = api.guest("JS third");
        String roomId = api.createRoom(host.token(), Map.of("title", "From node")).room().id();

        Result node = run(List.of("node", "core-flow.mjs"), Map.of(
                "VR_URL", server.baseUrl(), "VR_ROOM", roomId, "VR_TRANSPORTS", transports,
                "VR_HOST_TOKEN", host.token(), "VR_HOST_ID", host.user().id(),
                "VR_LISTENER_TOKEN", listener.token(), "VR_LISTENER_ID", listener.user().id(),
                "VR_THIRD_TOKEN", third.token(), "VR_THIRD_ID", third.user().id()), 60);
        assertThat(node.exit).as("node core-flow.mjs:\n%s", node.output).isZero();

        List<JsonNode> steps = new ArrayList<>();
        for (String line : node.output.split("\n")) {
            if (line.startsWith("{")) {
                steps.add(MAPPER.readTree(line));
            }
        }
        assertThat(steps).extracting(s -> s.path("step").asText()).containsExactly("bad-token-refused",
                "connected", "host-joined", "listener-joined", "hand-raised", "promoted", "kicked",
                "unknown-event-answered", "done");
        assertThat(step(steps, "promoted").path("seenBy").asInt()).isEqualTo(3);
        assertThat(step(steps, "kicked").path("rejoin").asText()).isEqualTo("KICKED");
        assertThat(step(steps, "unknown-event-answered").path("transport").asText()).isEqualTo("websocket");
    }

    private static JsonNode step(List<JsonNode> steps, String name) {
        return steps.stream().filter(s -> s.path("step").asText().equals(name)).findFirst().orElseThrow();
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(command.get(0) + " is not installed; the live-protocol tests need Node.js and "
                    + "npm (.ci/run installs them)", e);
        }
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }
}
