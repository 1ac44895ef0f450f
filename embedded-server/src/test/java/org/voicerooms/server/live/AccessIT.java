package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/** Who gets in: friends-only, private with knocks, kicks and bans (also across a restart), hidden audiences. */
class AccessIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000));

    private static final Map<String, Object> NO_KNOCKS = Map.of("requireApproval", false,
            "hideParticipants", false, "allowInvites", false);

    @Test
    void friendsOnlyRoomsTakeTheHostsFriendsAndInvitedPeople() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Friends", "type", "friends-only",
                "privacy", NO_KNOCKS))) {
            Person stranger = room.outsider("Stranger");
            assertThat(code(room.self(stranger, Events.JOIN))).isEqualTo("NOT_FOUND");

            AuthResponse friendAuth = room.api.newUser("friend");
            AuthResponse hostAuth = room.api.login(room.api.get("/api/users/me", room.host.token()).expect(200)
                    .json().path("username").asText(), org.voicerooms.server.testing.Api.PASSWORD);
            room.api.befriend(hostAuth, friendAuth);
            Person friend = room.connect(friendAuth);
            ok(room.self(friend, Events.JOIN));

            room.act(room.host, Events.INVITE, stranger);
            stranger.live().await(Events.INVITED, e -> e.path("roomId").asText().equals(room.roomId));
            ok(room.self(stranger, Events.JOIN));
        }
    }

    @Test
    void privateRoomsLetPeopleKnockAndTheStageDecides() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Private", "type", "private",
                "privacy", Map.of("requireApproval", true, "hideParticipants", false, "allowInvites", false)))) {
            Person ann = room.outsider("Ann");
            assertThat(ok(room.self(ann, Events.JOIN)).path("status").asText()).isEqualTo("pending");
            JsonNode knock = room.host.live().await(Events.JOIN_REQUESTED);
            assertThat(knock.path("userId").asText()).isEqualTo(ann.id());
            assertThat(knock.path("displayName").asText()).isEqualTo("Ann");
            room.act(room.host, Events.JOIN_APPROVE, ann);
            assertThat(ann.live().await(Events.JOIN_ANSWERED).path("approved").asBoolean()).isTrue();
            assertThat(ok(room.self(ann, Events.JOIN)).path("status").asText()).isEqualTo("joined");

            Person bob = room.outsider("Bob");
            ok(room.self(bob, Events.JOIN));
            room.host.live().await(Events.JOIN_REQUESTED, e -> e.path("userId").asText().equals(bob.id()));
            room.act(room.host, Events.JOIN_DENY, bob);
            assertThat(bob.live().await(Events.JOIN_ANSWERED).path("approved").asBoolean()).isFalse();
            assertThat(room.self(bob, Events.JOIN).path("status").asText()).isNotEqualTo("joined");
        }
    }

    @Test
    void kickedPeopleCannotComeBack() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Kick"))) {
            Person troll = room.listener("Troll");
            Person bob = room.listener("Bob");
            room.act(room.host, Events.KICK, troll);
            troll.live().await(Events.KICKED, e -> !e.path("banned").asBoolean());
            bob.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText().equals(troll.id())
                    && e.path("reason").asText().equals("kicked"));
            assertThat(code(room.self(troll, Events.JOIN))).isEqualTo("KICKED");
            assertThat(troll.live().isConnected()).as("a kick ends the membership, not the session").isTrue();
        }
    }

    @Test
    void aBanOutlivesARestartUntilLifted() {
        LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Ban"));
        Person troll;
        try (room) {
            troll = room.listener("Troll");
            room.act(room.host, Events.BAN, troll);
            troll.live().await(Events.KICKED, e -> e.path("banned").asBoolean());
        }
        server.restart();
        try (LiveClient again = LiveClient.connect(server.baseUrl(), troll.token());
             LiveClient host = LiveClient.connect(server.baseUrl(), room.host.token())) {
            assertThat(code(again.call(Events.JOIN, new JoinRoom(room.roomId)))).isEqualTo("BANNED");
            ok(host.call(Events.JOIN, new JoinRoom(room.roomId)));
            ok(host.call(Events.UNBAN, new org.voicerooms.model.live.Payloads.Target(room.roomId, troll.id())));
            ok(again.call(Events.JOIN, new JoinRoom(room.roomId)));
        }
    }

    @Test
    void hiddenAudiencesAreSeenOnlyByTheStage() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Hidden",
                "privacy", Map.of("requireApproval", false, "hideParticipants", true, "allowInvites", true)))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            room.host.live().await(Events.PARTICIPANT_JOINED, e -> e.at("/participant/userId").asText()
                    .equals(bob.id()));
            JsonNode bobState = room.self(bob, Events.JOIN).path("state");
            assertThat(bobState.path("participants").findValuesAsText("userId"))
                    .containsExactlyInAnyOrder(room.host.id(), bob.id());
            assertThat(bobState.path("audienceCount").asInt()).isEqualTo(2);

            JsonNode seenByAnn = room.api.get("/api/rooms/" + room.roomId + "/participants", ann.token())
                    .expect(200).json();
            assertThat(seenByAnn.path("items").findValuesAsText("userId")).doesNotContain(bob.id());
            JsonNode seenByHost = room.api.get("/api/rooms/" + room.roomId + "/participants", room.host.token())
                    .expect(200).json();
            assertThat(seenByHost.path("items").findValuesAsText("userId")).contains(ann.id(), bob.id());

            ok(room.self(bob, Events.LEAVE));
            room.host.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText().equals(bob.id()));
            ann.live().barrier();
            assertThat(ann.live().all(Events.PARTICIPANT_JOINED)).as("listeners do not hear of other listeners")
                    .noneMatch(e -> e.at("/participant/userId").asText().equals(bob.id()));
            assertThat(ann.live().all(Events.PARTICIPANT_LEFT)).noneMatch(e -> e.path("userId").asText()
                    .equals(bob.id()));
        }
    }

    @Test
    void scheduledRoomsOpenWhenTheHostStartsThem() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Now"))) {
            AuthResponse host = room.api.newUser("sched");
            String later = room.api.createRoom(host.token(), Map.of("title", "Later",
                    "scheduledFor", Instant.now().plusSeconds(3600).toString())).room().id();
            Person ann = room.outsider("Ann");
            assertThat(code(ann.live().call(Events.JOIN, new JoinRoom(later)))).isEqualTo("ROOM_NOT_STARTED");
            room.api.post("/api/rooms/" + later + "/start", host.token(), null).expect(200);
            ok(ann.live().call(Events.JOIN, new JoinRoom(later)));
        }
    }
}
