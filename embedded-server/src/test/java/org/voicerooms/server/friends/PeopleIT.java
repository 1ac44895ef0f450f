package org.voicerooms.server.friends;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendInRoom;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/** Friend changes reach both people live, and the People screen learns which friends are in which room. */
@Timeout(60)
class PeopleIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000));
    private static final Api api = server.api();

    @Test
    void requestAcceptAndRemovalArriveOnTheOtherSidesSockets() {
        AuthResponse ada = api.newUser("ada");
        AuthResponse bob = api.newUser("bob");
        try (LiveClient adaLive = LiveClient.connect(server.baseUrl(), ada.token());
             LiveClient bobLive = LiveClient.connect(server.baseUrl(), bob.token())) {
            api.post("/api/users/me/friends", ada.token(), Map.of("username", bob.user().username())).expect(200);

            var asked = bobLive.await(Events.FRIEND_CHANGED);
            assertThat(asked.at("/user/id").asText()).isEqualTo(ada.user().id());
            assertThat(asked.at("/status").asText()).isEqualTo("requested");
            assertThat(asked.at("/incoming").asBoolean()).isTrue();

            api.post("/api/users/me/friends/" + ada.user().id(), bob.token(), null).expect(200);
            var accepted = adaLive.await(Events.FRIEND_CHANGED, p -> p.at("/status").asText().equals("friends"));
            assertThat(accepted.at("/user/id").asText()).isEqualTo(bob.user().id());
            bobLive.await(Events.FRIEND_CHANGED, p -> p.at("/status").asText().equals("friends"));

            api.delete("/api/users/me/friends/" + bob.user().id(), ada.token()).expect(200);
            var removed = bobLive.await(Events.FRIEND_CHANGED, p -> p.at("/status").asText().equals("none"));
            assertThat(removed.at("/user/id").asText()).isEqualTo(ada.user().id());
        }
    }

    @Test
    void friendsInRoomsListsFriendsWhereTheCallerMayFollow() {
        AuthResponse me = api.newUser("me");
        try (LiveRoomFixture open = new LiveRoomFixture(server, Map.of("title", "Open jam"));
             LiveRoomFixture hidden = new LiveRoomFixture(server, Map.of("title", "Quiet",
                     "privacy", Map.of("requireApproval", false, "hideParticipants", true, "allowInvites", true)));
             LiveRoomFixture closed = new LiveRoomFixture(server, Map.of("title", "Closed", "type", "private"))) {
            api.befriend(me, open.host.auth());
            var listener = hidden.listener("Lis");
            api.befriend(me, listener.auth());
            api.befriend(me, closed.host.auth());

            List<FriendInRoom> found = api.get("/api/users/me/friends/rooms", me.token()).expect(200)
                    .as(new TypeReference<List<FriendInRoom>>() { });

            assertThat(found).extracting(FriendInRoom::roomId).containsExactly(open.roomId);
            assertThat(found.get(0).user().id()).isEqualTo(open.host.id());
            assertThat(found.get(0).title()).isEqualTo("Open jam");
        }
    }

    @Test
    void theInviteLinkPageOpensTheAppWithoutNamingTheRoom() {
        try (LiveRoomFixture closed = new LiveRoomFixture(server, Map.of("title", "Secret plans",
                "type", "private"))) {
            var page = api.send("GET", "/r/" + closed.roomId, Map.of(), null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            String port = server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1);
            assertThat(page.body()).contains("voicerooms://join/127.0.0.1:" + port + "/" + closed.roomId)
                    .doesNotContain("Secret plans");

            assertThat(api.send("GET", "/r/not-a-room", Map.of(), null).status()).isEqualTo(404);
            // the link carries no key: a stranger signed in still cannot open the private room
            AuthResponse stranger = api.newUser("stranger");
            try (LiveClient live = LiveClient.connect(server.baseUrl(), stranger.token())) {
                assertThat(LiveRoomFixture.code(live.call(Events.JOIN, new JoinRoom(closed.roomId))))
                        .isEqualTo("NOT_FOUND");
            }
        }
    }
}
