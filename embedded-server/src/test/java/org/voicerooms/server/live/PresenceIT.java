package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/** Host handover, the end of a room, reconnecting inside and after the grace period, the time limit. */
class PresenceIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000)
            .reconnectGrace(Duration.ofSeconds(2)));

    @Test
    void whenTheHostLeavesTheLongestPresentModeratorTakesOver() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Handover"))) {
            Person first = room.moderator("First");
            room.moderator("Second");
            Person bob = room.listener("Bob");
            ok(room.self(room.host, Events.LEAVE));
            for (Person p : new Person[] {first, bob}) {
                p.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(first.id())
                        && e.path("role").asText().equals("host"));
            }
            assertThat(first.live().await(Events.STATE, s -> s.at("/you/role").asText().equals("host"))
                    .at("/room/createdBy").asText()).as("the creator stays the owner").isEqualTo(room.host.id());
            ok(room.call(first, Events.PROMOTE, bob));
        }
    }

    @Test
    void whenTheLastHostLeavesTheRoomEndsForEveryone() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "The end"))) {
            Person ann = room.speaker("Ann");
            Person bob = room.listener("Bob");
            ok(room.self(room.host, Events.LEAVE));
            for (Person p : new Person[] {ann, bob}) {
                assertThat(p.live().await(Events.ENDED).path("reason").asText()).isEqualTo("no-host");
            }
            assertThat(room.api.get("/api/rooms/" + room.roomId, ann.token()).expect(200).json()
                    .at("/room/status").asText()).isEqualTo("ended");
            assertThat(LiveRoomFixture.code(room.self(bob, Events.JOIN))).isEqualTo("ROOM_ENDED");
        }
    }

    @Test
    void reconnectingInsideTheGraceKeepsRoleAndHand() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Flaky wifi"))) {
            Person ann = room.speaker("Ann");
            Person bob = room.listener("Bob");
            ok(room.self(bob, Events.HAND_RAISE));
            ann.live().close();
            bob.live().close();
            try (LiveClient annAgain = LiveClient.connect(server.baseUrl(), ann.token());
                 LiveClient bobAgain = LiveClient.connect(server.baseUrl(), bob.token())) {
                JsonNode annState = ok(annAgain.call(Events.JOIN, new JoinRoom(room.roomId))).path("state");
                assertThat(annState.at("/you/role").asText()).isEqualTo("speaker");
                JsonNode bobState = ok(bobAgain.call(Events.JOIN, new JoinRoom(room.roomId))).path("state");
                assertThat(bobState.at("/you/handRaised").asBoolean()).isTrue();
                room.host.live().barrier(); // everything sent to the host before now has arrived
                assertThat(room.host.live().all(Events.PARTICIPANT_LEFT)).isEmpty();
            }
        }
    }

    @Test
    void afterTheGraceADroppedMemberLeaves() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Gone"))) {
            Person bob = room.listener("Bob");
            bob.live().close();
            JsonNode left = room.host.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText()
                    .equals(bob.id()));
            assertThat(left.path("reason").asText()).isEqualTo("disconnected");
        }
    }

    @Test
    void roomsEndAtTheTimeLimit() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Marathon"))) {
            Person bob = room.listener("Bob");
            server.clock().advance(Duration.ofHours(12).plusMinutes(1));
            server.housekeeping();
            assertThat(bob.live().await(Events.ENDED).path("reason").asText()).isEqualTo("time-limit");
        } finally {
            server.clock().advance(Duration.ofSeconds(1));
        }
    }
}
