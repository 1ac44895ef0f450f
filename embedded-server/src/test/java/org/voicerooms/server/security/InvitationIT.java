package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.ok;
import static org.voicerooms.server.testing.Api.assertError;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: an invitation as a key that is never taken back. It opens a private room only while that room runs and
 * only until its holder is kicked or banned; in private rooms only the host and moderators hand them out unless
 * the host says otherwise; and nobody sprays them at strangers.
 */
class InvitationIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000)
            .invitesPerHour(3));

    private static LiveRoomFixture privateRoom(String title) {
        return new LiveRoomFixture(server, Map.of("title", title, "type", "private"));
    }

    @Test
    void inPrivateRoomsOnlyStaffInviteUnlessTheHostSaysOtherwise() {
        try (LiveRoomFixture room = privateRoom("Closed circle")) {
            assertThat(room.api.get("/api/rooms/" + room.roomId, room.host.token()).expect(200).json()
                    .at("/room/privacy/allowInvites").asBoolean()).isFalse();
            Person guest = room.connect(room.api.guest("Guest"));
            ok(room.call(room.host, Events.INVITE, guest));
            ok(guest.live().call(Events.JOIN, new JoinRoom(room.roomId)));
            AuthResponse stranger = room.api.guest("Stranger");
            assertThat(LiveRoomFixture.code(guest.live().call(Events.INVITE, new Target(room.roomId,
                    stranger.user().id())))).isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void aKickTakesTheInvitationBack() {
        try (LiveRoomFixture room = privateRoom("Kick")) {
            Person guest = room.connect(room.api.guest("Guest"));
            ok(room.call(room.host, Events.INVITE, guest));
            ok(guest.live().call(Events.JOIN, new JoinRoom(room.roomId)));
            room.act(room.host, Events.KICK, guest);
            assertError(room.api.get("/api/rooms/" + room.roomId, guest.token()), 404, "NOT_FOUND");
        }
    }

    @Test
    void invitationsEndWithTheRoom() {
        try (LiveRoomFixture room = privateRoom("Over")) {
            AuthResponse invited = room.api.guest("Invited");
            ok(room.host.live().call(Events.INVITE, new Target(room.roomId, invited.user().id())));
            room.api.get("/api/rooms/" + room.roomId, invited.token()).expect(200);
            room.api.delete("/api/rooms/" + room.roomId, room.host.token()).expect(200);
            assertError(room.api.get("/api/rooms/" + room.roomId, invited.token()), 404, "NOT_FOUND");
        }
    }

    @Test
    void invitationsAreRateLimited() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Spam"))) {
            for (int i = 0; i < 3; i++) {
                AuthResponse someone = room.api.guest("Someone");
                ok(room.host.live().call(Events.INVITE, new Target(room.roomId, someone.user().id())));
            }
            AuthResponse oneMore = room.api.guest("One more");
            assertThat(LiveRoomFixture.code(room.host.live().call(Events.INVITE, new Target(room.roomId,
                    oneMore.user().id())))).isEqualTo("RATE_LIMITED");
        }
    }
}
