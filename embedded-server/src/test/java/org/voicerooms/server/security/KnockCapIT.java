package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a knock flood. Every knock on a room that needs approval reaches its whole stage, and waits in memory
 * until answered; at most 50 wait per room, the next knocker hears RATE_LIMITED.
 */
class KnockCapIT {

    private static final int CAP = 50;

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void atMostFiftyKnocksWaitInOneRoom() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Door",
                "privacy", Map.of("requireApproval", true, "hideParticipants", false, "allowInvites", false)))) {
            Api api = room.api;
            String join = "/api/rooms/" + room.roomId + "/join";
            for (int i = 0; i < CAP; i++) {
                AuthResponse knocker = api.guest("Knocker " + i);
                assertThat(api.post(join, knocker.token(), null).expect(200).json().path("status").asText())
                        .isEqualTo("pending");
            }
            AuthResponse late = api.guest("One too many");
            Api.assertError(api.post(join, late.token(), null), 429, "RATE_LIMITED");
        }
    }
}
