package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: one account multiplying its sockets to multiply its budgets (Medium 5): sockets per user are capped,
 * and the event flood limiter counts per connection and per user, so a second socket brings no fresh budget.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SocketCapsIT {

    @Test
    void aUserHoldsAtMostTheirSocketCap() {
        try (TestServer server = TestServer.start(b -> b.maxSocketsPerUser(2))) {
            AuthResponse ann = server.api().guest("Ann");
            try (LiveClient a = LiveClient.connect(server.baseUrl(), ann.token());
                 LiveClient b = LiveClient.connect(server.baseUrl(), ann.token())) {
                assertThat(LiveClient.refused(server.baseUrl(), ann.token()).path("code").asText())
                        .isEqualTo("RATE_LIMITED");
            }
            LiveClient.connect(server.baseUrl(), ann.token()).close();
        }
    }

    @Test
    void theFloodBudgetIsTheUsersNotEachSockets() {
        try (TestServer server = TestServer.start(b -> b.eventsPerSecond(2))) {
            AuthResponse ann = server.api().guest("Ann");
            try (LiveClient a = LiveClient.connect(server.baseUrl(), ann.token());
                 LiveClient b = LiveClient.connect(server.baseUrl(), ann.token())) {
                // A budget of 4 per 2 s on the (unmoving) test clock: four events spend it.
                for (int i = 0; i < 4; i++) {
                    assertThat(a.call("room:leave", Map.of("roomId", "0".repeat(24))).at("/error/code").asText())
                            .isNotEqualTo("RATE_LIMITED");
                }
                assertThat(b.call("room:leave", Map.of("roomId", "0".repeat(24))).at("/error/code").asText())
                        .as("the same user's second socket").isEqualTo("RATE_LIMITED");
            }
        }
    }
}
