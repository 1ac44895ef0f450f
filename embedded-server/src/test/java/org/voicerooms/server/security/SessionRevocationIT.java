package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a stolen token outlives its owner's intent. Refresh tokens rotate on use; using a spent one again (the
 * owner and a thief both hold it) revokes the whole sign-in; logout revokes it; either way its access tokens stop
 * working at once and its open sockets close. Other sign-ins of the same user are untouched.
 */
class SessionRevocationIT {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final Api api = server.api();

    private static AuthResponse refresh(String refreshToken) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken)).expect(200)
                .as(AuthResponse.class);
    }

    private static void assertRefreshRefused(String refreshToken) {
        assertError(api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken)), 401, "UNAUTHORIZED");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsReuseRevokesTheWholeSignIn() {
        AuthResponse first = api.newUser("rotator");
        AuthResponse second = refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        api.get("/api/users/me", second.token()).expect(200);

        try (LiveClient socket = LiveClient.connect(server.baseUrl(), second.token())) {
            assertRefreshRefused(first.refreshToken()); // the replay
            assertRefreshRefused(second.refreshToken()); // the family is gone, the thief's copy too
            assertError(api.get("/api/users/me", second.token()), 401, "UNAUTHORIZED");
            assertError(api.get("/api/users/me", first.token()), 401, "UNAUTHORIZED");
            awaitClosed(socket);
            assertThat(LiveClient.refused(server.baseUrl(), second.token()).path("code").asText())
                    .isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void logoutEndsOneSignInAndClosesItsSocketsOnly() {
        AuthResponse laptop = api.newUser("leaver");
        AuthResponse phone = api.login(laptop.user().username(), Api.PASSWORD);
        try (LiveClient laptopSocket = LiveClient.connect(server.baseUrl(), laptop.token());
             LiveClient phoneSocket = LiveClient.connect(server.baseUrl(), phone.token())) {
            assertThat(api.post("/api/auth/logout", laptop.token(), null).status()).isEqualTo(204);
            assertError(api.get("/api/users/me", laptop.token()), 401, "UNAUTHORIZED");
            assertRefreshRefused(laptop.refreshToken());
            awaitClosed(laptopSocket);

            api.get("/api/users/me", phone.token()).expect(200);
            refresh(phone.refreshToken());
            assertThat(phoneSocket.isConnected()).as("the other sign-in's socket").isTrue();
        }
        assertError(api.post("/api/auth/logout", null, null), 401, "UNAUTHORIZED");
    }

    private static void awaitClosed(LiveClient socket) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (socket.isConnected() && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        assertThat(socket.isConnected()).as("the revoked sign-in's socket is still open").isFalse();
    }
}
