package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.server.HealthResponse;
import org.voicerooms.model.server.ServerInfo;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.UserView;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;
import org.voicerooms.server.testing.Tokens;

/** Accounts, guests and tokens over real HTTP. */
class AuthIT {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final Api api = server.api();

    @Test
    void registerThenLogInWithAnyCaseThenSeeMyself() {
        String name = Api.uniqueName("ada.love_lace");
        AuthResponse registered = api.register(name, Api.PASSWORD);
        assertThat(registered.user().username()).isEqualTo(name);
        assertThat(registered.user().displayName()).isEqualTo(name);
        assertThat(registered.user().guest()).isFalse();
        assertThat(registered.token()).isNotBlank();
        assertThat(registered.refreshToken()).isNotBlank().isNotEqualTo(registered.token());
        assertThat(registered.expiresAt()).isEqualTo(server.clock().instant().plus(Duration.ofHours(12)));
        assertThat(registered.refreshExpiresAt()).isEqualTo(server.clock().instant().plus(Duration.ofDays(30)));

        AuthResponse login = api.login(name.toUpperCase(Locale.ROOT), Api.PASSWORD);
        assertThat(login.user()).isEqualTo(registered.user());

        UserView me = api.get("/api/users/me", login.token()).expect(200).as(UserView.class);
        assertThat(me).isEqualTo(registered.user());
        UserView byId = api.get("/api/users/" + me.id(), registered.token()).expect(200).as(UserView.class);
        assertThat(byId).isEqualTo(me);
    }

    @Test
    void registeringWithADisplayNameKeepsItTrimmed() {
        var r = api.post("/api/auth/register", null,
                Map.of("username", Api.uniqueName("grace"), "password", Api.PASSWORD, "displayName", "  Grace H  "));
        assertThat(r.expect(201).as(AuthResponse.class).user().displayName()).isEqualTo("Grace H");
    }

    @Test
    void aTakenUsernameIsRefusedWhateverItsCase() {
        String name = Api.uniqueName("taken");
        api.register(name, Api.PASSWORD);
        assertError(api.post("/api/auth/register", null, Map.of("username", name, "password", "another-pass")),
                409, "USERNAME_TAKEN");
        assertError(api.post("/api/auth/register", null,
                Map.of("username", name.toUpperCase(Locale.ROOT), "password", "another-pass")),
                409, "USERNAME_TAKEN");
    }

    @Test
    void wrongPasswordAndUnknownUserLookTheSame() {
        String name = Api.uniqueName("careful");
        api.register(name, Api.PASSWORD);
        var wrongPassword = api.post("/api/auth/login", null, Map.of("username", name, "password", "wrong-pass"));
        var unknownUser = api.post("/api/auth/login", null,
                Map.of("username", Api.uniqueName("nobody"), "password", Api.PASSWORD));
        assertError(wrongPassword, 401, "INVALID_CREDENTIALS");
        assertError(unknownUser, 401, "INVALID_CREDENTIALS");
        assertThat(wrongPassword.body()).isEqualTo(unknownUser.body());
    }

    @Test
    void aGuestGetsAGeneratedUsernameAndCannotLogInWithIt() {
        AuthResponse guest = api.guest("Visitor");
        assertThat(guest.user().guest()).isTrue();
        assertThat(guest.user().username()).startsWith("guest-");
        assertThat(guest.user().displayName()).isEqualTo("Visitor");
        assertThat(api.get("/api/users/me", guest.token()).expect(200).as(UserView.class)).isEqualTo(guest.user());
        assertError(api.post("/api/auth/login", null,
                Map.of("username", guest.user().username(), "password", Api.PASSWORD)), 401, "INVALID_CREDENTIALS");
        assertError(api.post("/api/auth/register", null,
                Map.of("username", "guest-abc", "password", Api.PASSWORD)), 400, "VALIDATION_FAILED", "username");
    }

    @Test
    void aServerWithoutGuestsRefusesThemAndSaysSo() {
        try (TestServer noGuests = TestServer.start(b -> b.allowGuests(false))) {
            Api other = noGuests.api();
            assertError(other.post("/api/auth/guest", null, Map.of("displayName", "Visitor")), 403,
                    "GUESTS_DISABLED");
            ServerInfo info = other.get("/api/server", null).expect(200).as(ServerInfo.class);
            assertThat(info.limits().guestsAllowed()).isFalse();
            assertThat(info.capabilities()).doesNotContain("guests");
            other.newUser("member");
        }
    }

    @Test
    void aRefreshTokenBuysANewWorkingPair() {
        AuthResponse first = api.newUser("refresher");
        server.clock().advance(Duration.ofMinutes(5));
        AuthResponse second = api.post("/api/auth/refresh", null, Map.of("refreshToken", first.refreshToken()))
                .expect(200).as(AuthResponse.class);
        assertThat(second.token()).isNotEqualTo(first.token());
        assertThat(second.user()).isEqualTo(first.user());
        assertThat(second.expiresAt()).isAfter(first.expiresAt());
        assertThat(api.get("/api/users/me", second.token()).expect(200).as(UserView.class)).isEqualTo(first.user());
        assertThat(api.get("/api/users/me", first.token()).status()).isEqualTo(200);
    }

    @Test
    void tokensOnlyWorkForTheirPurpose() {
        AuthResponse user = api.newUser("purpose");
        assertError(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.token())), 401, "UNAUTHORIZED");
        assertError(api.get("/api/users/me", user.refreshToken()), 401, "UNAUTHORIZED");
        assertError(api.post("/api/auth/refresh", null, Map.of("refreshToken", "not-a-token")), 401,
                "UNAUTHORIZED");
    }

    @Test
    void anExpiredTokenSaysSoAndTheRefreshTokenStillWorks() {
        AuthResponse user = api.newUser("sleeper");
        server.clock().advance(Duration.ofHours(12).plusSeconds(1));
        assertError(api.get("/api/users/me", user.token()), 401, "TOKEN_EXPIRED");
        AuthResponse renewed = api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken()))
                .expect(200).as(AuthResponse.class);
        api.get("/api/users/me", renewed.token()).expect(200);

        server.clock().advance(Duration.ofDays(30));
        assertError(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())), 401,
                "TOKEN_EXPIRED");
    }

    @Test
    void aForgedOrMissingTokenIsUnauthorized() {
        AuthResponse user = api.newUser("victim");
        String forged = Tokens.forged(user.user().id(), server.clock().instant());
        assertError(api.get("/api/users/me", forged), 401, "UNAUTHORIZED");
        assertError(api.get("/api/users/me", null), 401, "UNAUTHORIZED");
        assertError(api.get("/api/users/me", "not.a.jwt"), 401, "UNAUTHORIZED");
        assertError(api.send("GET", "/api/users/me", Map.of("Authorization", "Basic dXNlcjpwYXNz"), null), 401,
                "UNAUTHORIZED");
        String selfSigned = Tokens.access(TestServer.JWT_SECRET, user.user().id(), server.clock().instant(),
                server.clock().instant().plusSeconds(60));
        assertThat(api.get("/api/users/me", selfSigned).expect(200).as(UserView.class)).isEqualTo(user.user());
    }

    @Test
    void healthAndServerInfoNeedNoToken() {
        HealthResponse health = api.get("/api/health", null).expect(200).as(HealthResponse.class);
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.storage()).isEqualTo("ok");
        assertThat(health.uptimeSeconds()).isGreaterThanOrEqualTo(0);

        ServerInfo info = api.get("/api/server", null).expect(200).as(ServerInfo.class);
        assertThat(info.mode()).isEqualTo("embedded");
        assertThat(info.name()).isEqualTo("Voice Rooms");
        assertThat(info.version()).isNotBlank();
        assertThat(info.capabilities()).contains("accounts", "friends", "guests");
        assertThat(info.limits().roomCreationsPerDay()).isEqualTo(5);
        assertThat(info.limits().pageLimitMax()).isEqualTo(100);
        assertThat(info.limits().maxParticipantsCap()).isEqualTo(5000);
        assertThat(info.limits().maxSpeakersCap()).isEqualTo(50);
        assertThat(info.limits().guestsAllowed()).isTrue();
    }
}
