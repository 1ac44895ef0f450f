package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** The embedding API: create, start, port, stop. */
class VoiceRoomsServerIT {

    private static ServerConfig config(Path dir) {
        return ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dir).bcryptCost(4).build();
    }

    @Test
    void portIsTheRealBoundPortAndStopIsIdempotent(@TempDir Path dir) {
        VoiceRoomsServer server = VoiceRoomsServer.create(config(dir));
        assertThatThrownBy(server::port).isInstanceOf(IllegalStateException.class);
        server.start();
        int port = server.port();
        assertThat(port).isBetween(1, 65535);
        Api api = new Api(() -> "http://127.0.0.1:" + port);
        api.get("/api/health", null).expect(200);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);

        server.stop();
        server.stop();
        server.close();
        assertThatThrownBy(() -> api.get("/api/health", null)).isInstanceOf(UncheckedIOException.class);
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anUnstartedServerStopsQuietly(@TempDir Path dir) {
        VoiceRoomsServer server = VoiceRoomsServer.create(config(dir));
        server.stop();
        server.stop();
        assertThat(server.config()).isEqualTo(config(dir));
    }

    @Test
    void aFixedPortIsUsed(@TempDir Path dir) throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket(0)) {
            free = probe.getLocalPort();
        }
        try (VoiceRoomsServer server = VoiceRoomsServer.create(config(dir).toBuilder().port(free).build()).start()) {
            assertThat(server.port()).isEqualTo(free);
        }
    }

    @Test
    void twoServersRunSideBySideWithTheirOwnData() {
        try (TestServer one = TestServer.start(); TestServer two = TestServer.start(b -> b.serverName("Second"))) {
            assertThat(one.baseUrl()).isNotEqualTo(two.baseUrl());
            String name = Api.uniqueName("twin");
            var first = one.api().register(name, Api.PASSWORD);
            var second = two.api().register(name, Api.PASSWORD);
            assertThat(first.user().id()).isNotEqualTo(second.user().id());
            one.api().createRoom(first.token(), Map.of("title", "Only on one"));
            assertThat(one.api().rooms(first.token(), "/api/rooms").total()).isEqualTo(1);
            assertThat(two.api().rooms(second.token(), "/api/rooms").total()).isZero();
            assertThat(two.api().get("/api/server", null).json().path("name").asText()).isEqualTo("Second");
            one.close();
            two.api().get("/api/health", null).expect(200);
        }
    }

    @Test
    void aBadConfigIsRefusedAtCreate(@TempDir Path dir) {
        assertThatThrownBy(() -> VoiceRoomsServer.create(config(dir).toBuilder().bcryptCost(3).build()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("bcrypt-cost");
    }

    @Test
    void aTakenPortFailsToStartAndLeavesNothingRunning(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            VoiceRoomsServer server = VoiceRoomsServer.create(config(dir).toBuilder().port(taken.getLocalPort())
                    .build());
            assertThatThrownBy(server::start).isInstanceOf(RuntimeException.class);
            server.stop();
        }
        try (VoiceRoomsServer again = VoiceRoomsServer.create(config(dir)).start()) {
            assertThat(again.port()).isPositive();
        }
    }
}
