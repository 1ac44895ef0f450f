package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;

/**
 * Threat: a crash (power cut of the process: {@code kill -9}, an OOM kill) loses what the server already told a
 * client it had stored. The standalone server runs as its own JVM on the embedded database; it takes accounts,
 * rooms and friendships, each acknowledged, is killed with SIGKILL right after the last acknowledgement, and
 * started again on the same data directory: every acknowledged write is there.
 */
class HardKillDurabilityIT {

    private static final String SECRET = "hard-kill-test-secret-0123456789abcdef";

    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesKillDashNine() throws Exception {
        int port = freePort();
        Api api = new Api(() -> "http://127.0.0.1:" + port);
        Process first = startServer(port);
        List<String> rooms = new ArrayList<>();
        AuthResponse owner;
        AuthResponse friend;
        try {
            awaitHealthy(api, first);
            owner = api.register(Api.uniqueName("durable"), Api.PASSWORD);
            friend = api.newUser("friend");
            for (int i = 0; i < 20; i++) {
                rooms.add(api.createRoom(owner.token(), Map.of("title", "Room " + i)).room().id());
            }
            api.befriend(owner, friend);
            api.patch("/api/rooms/" + rooms.get(0), owner.token(), Map.of("title", "Renamed last")).expect(200);
        } finally {
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            first.waitFor(20, TimeUnit.SECONDS);
        }

        Process second = startServer(port);
        try {
            awaitHealthy(api, second);
            AuthResponse again = api.login(owner.user().username(), Api.PASSWORD);
            for (String id : rooms) {
                assertThat(api.get("/api/rooms/" + id, again.token()).status())
                        .as("acknowledged room %s after kill -9", id).isEqualTo(200);
            }
            assertThat(api.room(again.token(), rooms.get(0)).room().title()).isEqualTo("Renamed last");
            assertThat(api.friends(again.token()).friends()).containsExactly(friend.user());
        } finally {
            second.destroy();
            second.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private Process startServer(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + "-" + Instant.now().toEpochMilli() + ".log");
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "org.voicerooms.server.Main",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--data-dir", dataDir.toString(),
                "--jwt-secret", SECRET, "--bcrypt-cost", "4", "--room-creations-per-day", "100")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitHealthy(Api api, Process process) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the server process is running").isTrue();
            try {
                if (api.get("/api/health", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the server did not become healthy within 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
