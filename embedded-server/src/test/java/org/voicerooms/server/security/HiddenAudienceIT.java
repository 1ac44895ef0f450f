package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a room that hides its audience gives it away through side channels. Friend counts
 * ({@code friendsInside}) and the friends feed ({@code /api/rooms/friends}) show a friend in such a room only once
 * they are on stage, where everyone sees them anyway.
 */
class HiddenAudienceIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000));

    @Test
    void aFriendInAHiddenAudienceShowsOnlyOnStage() {
        Api api = server.api();
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Quiet listeners",
                "privacy", Map.of("requireApproval", false, "hideParticipants", true, "allowInvites", false)))) {
            AuthResponse viewer = api.newUser("viewer");
            AuthResponse friendAuth = api.newUser("friend");
            api.befriend(viewer, friendAuth);
            Person friend = room.connect(friendAuth);
            ok(room.self(friend, Events.JOIN));

            assertThat(api.room(viewer.token(), room.roomId).friendsInside()).as("listening, hidden").isZero();
            assertThat(Api.ids(api.rooms(viewer.token(), "/api/rooms/friends"))).doesNotContain(room.roomId);

            room.act(room.host, Events.PROMOTE, friend);
            assertThat(api.room(viewer.token(), room.roomId).friendsInside()).as("on stage").isEqualTo(1);
            assertThat(Api.ids(api.rooms(viewer.token(), "/api/rooms/friends"))).contains(room.roomId);
        }
    }

    @Test
    void inAnOpenAudienceAFriendShowsAsBefore() {
        Api api = server.api();
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Open listeners"))) {
            AuthResponse viewer = api.newUser("viewer");
            AuthResponse friendAuth = api.newUser("friend");
            api.befriend(viewer, friendAuth);
            ok(room.self(room.connect(friendAuth), Events.JOIN));
            assertThat(api.room(viewer.token(), room.roomId).friendsInside()).isEqualTo(1);
            assertThat(Api.ids(api.rooms(viewer.token(), "/api/rooms/friends"))).contains(room.roomId);
        }
    }
}
