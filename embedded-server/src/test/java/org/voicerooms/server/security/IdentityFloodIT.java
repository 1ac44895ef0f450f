package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: one machine minting identities, rooms, joins and connections without end (High 2). Every request
 * here comes from 127.0.0.1, so each per-address limit is lowered for its test.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IdentityFloodIT {

    private static Api.Response guest(TestServer server, String name, String forwardedFor) {
        Map<String, String> headers = forwardedFor == null ? Map.of("Content-Type", Api.JSON)
                : Map.of("Content-Type", Api.JSON, "X-Forwarded-For", forwardedFor);
        return server.api().send("POST", "/api/auth/guest", headers, new GuestRequest(name));
    }

    @Test
    void signInsAreLimitedPerAddressAndAForgedForwardedForDoesNotHelp() {
        try (TestServer server = TestServer.start(b -> b.authPerIpPerMinute(3))) {
            for (int i = 0; i < 3; i++) {
                guest(server, "Bot " + i, "10.0.0." + i).expect(201);
            }
            // Without trusted proxies the header is the client's own word: still the same address.
            assertError(guest(server, "Bot 3", "10.0.0.3"), 429, "RATE_LIMITED");
            assertError(guest(server, "Bot 4", null), 429, "RATE_LIMITED");
        }
    }

    @Test
    void refreshAndLoginShareTheAddressBudget() {
        try (TestServer server = TestServer.start(b -> b.authPerIpPerMinute(2))) {
            AuthResponse ann = server.api().guest("Ann");
            server.api().post("/api/auth/refresh", null, new RefreshRequest(ann.refreshToken())).expect(200);
            assertError(server.api().post("/api/auth/refresh", null, new RefreshRequest(ann.refreshToken())), 429,
                    "RATE_LIMITED");
            assertError(server.api().post("/api/auth/login", null, Map.of("username", "nobody",
                    "password", "whatever-it-is")), 429, "RATE_LIMITED");
        }
    }

    @Test
    void behindOneTrustedProxyEachClientAddressHasItsOwnBudget() {
        try (TestServer server = TestServer.start(b -> b.authPerIpPerMinute(2).trustedProxyHops(1))) {
            guest(server, "A1", "203.0.113.7").expect(201);
            guest(server, "A2", "203.0.113.7").expect(201);
            assertError(guest(server, "A3", "203.0.113.7"), 429, "RATE_LIMITED");
            // The proxy appends the address it saw; what the client wrote further left proves nothing.
            assertError(guest(server, "A4", "198.51.100.1, 203.0.113.7"), 429, "RATE_LIMITED");
            guest(server, "B1", "203.0.113.8").expect(201);
        }
    }

    @Test
    void roomCreationsAndJoinsAreCappedPerAddressAcrossAccounts() {
        try (TestServer server = TestServer.start(b -> b.roomCreationsPerIpPerDay(2).joinsPerIpPerMinute(2))) {
            Api api = server.api();
            String first = api.createRoom(api.guest("One").token(), Map.of("title", "One")).room().id();
            api.createRoom(api.guest("Two").token(), Map.of("title", "Two"));
            assertError(api.post("/api/rooms", api.guest("Three").token(), Map.of("title", "Three")), 429,
                    "RATE_LIMITED");
            api.post("/api/rooms/" + first + "/join", api.guest("J1").token(), null).expect(200);
            api.post("/api/rooms/" + first + "/join", api.guest("J2").token(), null).expect(200);
            AuthResponse third = api.guest("J3");
            assertError(api.post("/api/rooms/" + first + "/join", third.token(), null), 429, "RATE_LIMITED");
            try (LiveClient live = LiveClient.connect(server.baseUrl(), third.token())) {
                assertThat(live.call("room:join", Map.of("roomId", first)).at("/error/code").asText())
                        .as("a socket join counts against the same address").isEqualTo("RATE_LIMITED");
            }
        }
    }

    @Test
    void openRealtimeConnectionsAreCappedPerAddress() {
        try (TestServer server = TestServer.start(b -> b.maxConnectionsPerIp(2))) {
            AuthResponse ann = server.api().guest("Ann");
            try (LiveClient a = LiveClient.connect(server.baseUrl(), ann.token());
                 LiveClient b = LiveClient.connect(server.baseUrl(), server.api().guest("Bob").token())) {
                Api.Response third = server.api().get("/socket.io/?EIO=4&transport=polling", null);
                assertError(third, 429, "RATE_LIMITED");
            }
            // Closed connections give their places back (the websockets' close arrives a moment later).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status;
            do {
                status = server.api().get("/socket.io/?EIO=4&transport=polling", null).status();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).as("a new connection after the others closed").isEqualTo(200);
        }
    }

    @Test
    void idleGuestsExpireWithTheirRoomsWhileActiveOnesStay() {
        try (TestServer server = TestServer.start(b -> b.guestIdleExpiry(Duration.ofDays(30)))) {
            Api api = server.api();
            AuthResponse idle = api.guest("Idle");
            String roomId = api.createRoom(idle.token(), Map.of("title", "Left behind")).room().id();
            AuthResponse active = api.guest("Active");
            server.clock().advance(Duration.ofDays(20));
            AuthResponse renewed = api.post("/api/auth/refresh", null, new RefreshRequest(active.refreshToken()))
                    .expect(200).as(AuthResponse.class);
            server.clock().advance(Duration.ofDays(11));
            server.housekeeping();

            AuthResponse viewer = api.guest("Viewer");
            assertThat(api.get("/api/rooms/" + roomId, viewer.token()).expect(200).json().at("/room/status")
                    .asText()).as("the expired guest's room").isEqualTo("ended");
            assertError(api.get("/api/users/" + idle.user().id(), viewer.token()), 404, "NOT_FOUND");
            api.get("/api/users/" + active.user().id(), viewer.token()).expect(200);
            api.post("/api/auth/refresh", null, new RefreshRequest(renewed.refreshToken())).expect(200);
        }
    }
}
