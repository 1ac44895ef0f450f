package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.UserView;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** What the embedded database holds survives a restart on the same data directory. */
class PersistenceIT {

    @Test
    void accountsRoomsAndFriendshipsSurviveARestart() {
        try (TestServer server = TestServer.start()) {
            Api api = server.api();
            String name = Api.uniqueName("keeper");
            AuthResponse keeper = api.register(name, "a persistent password");
            AuthResponse friend = api.newUser("friend");
            AuthResponse asker = api.newUser("asker");
            api.befriend(keeper, friend);
            api.post("/api/users/me/friends/" + keeper.user().id(), asker.token(), null).expect(200);

            String live = api.createRoom(keeper.token(), new RoomSettings("Live", "still here", null, null, 80, 8,
                    null, null, List.of("kept"), "fr", null)).room().id();
            server.clock().advance(Duration.ofMinutes(1));
            String ended = api.createRoom(keeper.token(), Map.of("title", "Over", "type", "friends-only")).room().id();
            api.delete("/api/rooms/" + ended, keeper.token()).expect(200);
            String scheduled = api.createRoom(keeper.token(), Map.of("title", "Later", "type", "private",
                    "scheduledFor", server.clock().instant().plus(Duration.ofDays(1)).toString())).room().id();
            api.patch("/api/rooms/" + live, keeper.token(), Map.of("category", "tech")).expect(200);

            List<RoomListing> before = List.of(api.room(keeper.token(), live), api.room(keeper.token(), ended),
                    api.room(keeper.token(), scheduled));
            FriendsView friendsBefore = api.friends(keeper.token());
            assertThat(friendsBefore.friends()).containsExactly(friend.user());
            assertThat(friendsBefore.incoming()).containsExactly(asker.user());

            server.restart();

            AuthResponse again = api.login(name, "a persistent password");
            assertThat(again.user()).isEqualTo(keeper.user());
            assertError(api.post("/api/auth/login", null, Map.of("username", name, "password", "wrong password")),
                    401, "INVALID_CREDENTIALS");
            assertThat(api.get("/api/users/me", keeper.token()).expect(200).as(UserView.class))
                    .as("a token issued before the restart still works").isEqualTo(keeper.user());
            assertThat(api.get("/api/users/" + friend.user().id(), again.token()).expect(200).as(UserView.class))
                    .isEqualTo(friend.user());

            assertThat(List.of(api.room(again.token(), live), api.room(again.token(), ended),
                    api.room(again.token(), scheduled))).isEqualTo(before);
            assertThat(before.get(1).room().status()).isEqualTo(RoomStatus.ENDED);
            assertThat(Api.ids(api.rooms(again.token(), "/api/rooms"))).containsExactly(live);
            assertThat(Api.ids(api.rooms(again.token(), "/api/rooms?status=ended"))).containsExactly(ended);
            assertThat(Api.ids(api.rooms(again.token(), "/api/rooms/upcoming"))).containsExactly(scheduled);
            assertThat(Api.ids(api.rooms(friend.token(), "/api/rooms?status=ended")))
                    .as("friendship still opens friends-only rooms").containsExactly(ended);
            assertThat(api.friends(again.token())).isEqualTo(friendsBefore);
            assertThat(api.friends(friend.token()).friends()).containsExactly(keeper.user());

            assertError(api.post("/api/auth/register", null, Map.of("username", name, "password", "whatever1")),
                    409, "USERNAME_TAKEN");
            api.createRoom(again.token(), RoomSettings.titled("Fourth"));
            api.createRoom(again.token(), RoomSettings.titled("Fifth"));
            assertError(api.post("/api/rooms", again.token(), RoomSettings.titled("Sixth")), 429, "RATE_LIMITED");
        }
    }

    @Test
    void aGeneratedSecretIsKeptSoTokensOutliveARestart() {
        try (TestServer server = TestServer.start(b -> b.jwtSecret(null))) {
            Api api = server.api();
            AuthResponse user = api.newUser("token-keeper");
            assertThat(Files.exists(server.dataDir().resolve("jwt-secret"))).isTrue();
            server.restart();
            assertThat(api.get("/api/users/me", user.token()).expect(200).as(UserView.class)).isEqualTo(user.user());
            api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())).expect(200);
        }
    }
}
