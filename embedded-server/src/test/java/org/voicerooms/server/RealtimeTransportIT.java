package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;
import org.voicerooms.server.testing.Tokens;

/** Socket.IO on the server port: both transports, handshake auth, acknowledgements, the unhandled path. */
class RealtimeTransportIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));
    private static final Api api = server.api();

    @ParameterizedTest(name = "websocket only: {0}")
    @ValueSource(booleans = {false, true})
    void aSignedInClientJoinsAndSeesOthersArrive(boolean websocketOnly) {
        AuthResponse host = api.newUser("host");
        AuthResponse guest = api.guest("Visitor");
        String roomId = api.createRoom(host.token(), Map.of("title", "Transport check")).room().id();
        try (LiveClient h = LiveClient.connect(server.baseUrl(), host.token(), websocketOnly);
             LiveClient g = LiveClient.connect(server.baseUrl(), guest.token(), websocketOnly)) {
            JsonNode hostJoin = h.call(Events.JOIN, new JoinRoom(roomId));
            assertThat(hostJoin.path("ok").asBoolean()).as(hostJoin.toString()).isTrue();
            assertThat(hostJoin.path("status").asText()).isEqualTo("joined");
            assertThat(hostJoin.at("/state/you/role").asText()).isEqualTo("host");

            JsonNode guestJoin = g.call(Events.JOIN, new JoinRoom(roomId));
            assertThat(guestJoin.at("/state/you/role").asText()).isEqualTo("listener");
            JsonNode joined = h.await(Events.PARTICIPANT_JOINED,
                    p -> p.at("/participant/userId").asText().equals(guest.user().id()));
            assertThat(joined.at("/participant/displayName").asText()).isEqualTo("Visitor");
        }
    }

    @Test
    void missingForgedAndExpiredTokensAreRefusedWithTheReason() {
        String someone = api.guest("Someone").user().id();
        assertThat(LiveClient.refused(server.baseUrl(), null).path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(LiveClient.refused(server.baseUrl(), "not-a-jwt").path("code").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(LiveClient.refused(server.baseUrl(), Tokens.forged(someone, server.clock().instant()))
                .path("code").asText()).isEqualTo("UNAUTHORIZED");
        JsonNode expired = LiveClient.refused(server.baseUrl(), Tokens.expired(someone, server.clock().instant()));
        assertThat(expired.path("code").asText()).isEqualTo("TOKEN_EXPIRED");
        assertThat(expired.path("message").asText()).isNotBlank();
    }

    @Test
    void unknownEventsAndBadPayloadsAreAnsweredAndTheSessionGoesOn() {
        AuthResponse user = api.guest("Prober");
        String roomId = api.createRoom(api.newUser("host").token(), Map.of("title", "Probe")).room().id();
        try (LiveClient c = LiveClient.connect(server.baseUrl(), user.token())) {
            assertThat(c.call("room:fly", Map.of()).at("/error/code").asText()).isEqualTo("UNKNOWN_EVENT");
            assertThat(c.call(Events.JOIN.name(), Map.of("roomId", 42)).at("/error/code").asText())
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(c.call(Events.JOIN.name(), Map.of("roomId", roomId, "extra", 1)).at("/error/field").asText())
                    .isEqualTo("extra");
            assertThat(c.call(Events.MUTE_TOGGLE.name(), Map.of("roomId", roomId)).at("/error/field").asText())
                    .isEqualTo("muted");
            c.emit("room:fly");
            assertThat(c.await(Events.ERROR).at("/error/code").asText()).isEqualTo("UNKNOWN_EVENT");
            JsonNode join = c.call(Events.JOIN, new JoinRoom(roomId));
            assertThat(join.path("ok").asBoolean()).as(join.toString()).isTrue();
            assertThat(c.isConnected()).isTrue();
        }
    }
}
