package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/** Joining, the stage, hands, muting and speaking, seen through real Socket.IO clients. */
class StageIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000).joinsPerMinute(1000));

    @Test
    void openStageGrantsSpeakRequestsAndEveryoneSeesArrivalsAndDepartures() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Open mic",
                "permissions", Map.of("anyoneCanSpeak", true, "allowRecording", false, "allowHandRaise", true)))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            room.host.live().await(Events.PARTICIPANT_JOINED, e -> e.at("/participant/userId").asText().equals(bob.id()));
            ann.live().await(Events.PARTICIPANT_JOINED, e -> e.at("/participant/userId").asText().equals(bob.id()));

            JsonNode granted = ok(room.self(ann, Events.SPEAK_REQUEST));
            assertThat(granted.path("status").asText()).isEqualTo("granted");
            for (Person p : new Person[] {room.host, ann, bob}) {
                p.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                        && e.path("role").asText().equals("speaker"));
            }
            // the first room:state is the one pushed on joining; the one after the grant says speaker
            JsonNode state = ann.live().await(Events.STATE, s -> s.at("/you/role").asText().equals("speaker"));
            assertThat(state.at("/you/muted").asBoolean()).as("new speakers come up muted").isTrue();
            assertThat(state.path("peers").findValuesAsText("peerId")).contains(room.host.id(), bob.id());

            ok(room.self(bob, Events.LEAVE));
            room.host.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText().equals(bob.id())
                    && e.path("reason").asText().equals("left"));
        }
    }

    @Test
    void aHandGoesUpToTheStageAndAPromotionReachesEveryone() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Q and A"))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            assertThat(ok(room.self(ann, Events.SPEAK_REQUEST)).path("status").asText()).isEqualTo("hand-raised");
            JsonNode hand = room.host.live().await(Events.HAND_RAISED);
            assertThat(hand.path("userId").asText()).isEqualTo(ann.id());

            room.act(room.host, Events.PROMOTE, ann);
            for (Person p : new Person[] {room.host, ann, bob}) {
                p.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                        && e.path("role").asText().equals("speaker"));
            }
            ann.live().await(Events.PROMOTED);
            room.host.live().await(Events.HAND_LOWERED, e -> e.path("userId").asText().equals(ann.id()));
            bob.live().barrier();
            assertThat(bob.live().all(Events.HAND_RAISED)).as("the hand queue is the stage's business").isEmpty();

            ok(room.self(bob, Events.HAND_RAISE));
            room.act(room.host, Events.HAND_DENY, bob);
            bob.live().await(Events.HAND_LOWERED, e -> e.path("userId").asText().equals(bob.id()));

            room.act(room.host, Events.DEMOTE, ann);
            bob.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                    && e.path("role").asText().equals("listener"));
        }
    }

    @Test
    void speakerSeatsAndRoomCapacityAreEnforced() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Small", "maxParticipants", 3,
                "maxSpeakers", 2))) {
            room.speaker("Ann");
            Person bob = room.listener("Bob");
            assertThat(code(room.call(room.host, Events.PROMOTE, bob))).isEqualTo("SPEAKERS_FULL");
            Person late = room.outsider("Late");
            assertThat(code(room.self(late, Events.JOIN))).isEqualTo("ROOM_FULL");
            assertThat(late.live().isConnected()).isTrue();
        }
    }

    @Test
    void moderatorsMuteButOnlyTheSpeakerUnmutes() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Mute"))) {
            Person ann = room.speaker("Ann");
            Person bob = room.listener("Bob");
            ok(ann.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
            bob.live().await(Events.MUTE_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                    && !e.path("muted").asBoolean());

            room.act(room.host, Events.MUTE, ann);
            ann.live().await(Events.MUTED, e -> e.path("by").asText().equals(room.host.id()));
            bob.live().await(Events.MUTE_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                    && e.path("muted").asBoolean());

            ok(ann.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
            assertThat(code(bob.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false))))
                    .isEqualTo("FORBIDDEN");
            assertThat(code(room.call(room.host, Events.MUTE, bob))).as("listeners have no microphone")
                    .isEqualTo("CONFLICT");
        }
    }

    @Test
    void speakingIsBroadcastAndSpeakTimeRecorded() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Talk"))) {
            Person ann = room.speaker("Ann");
            Person bob = room.listener("Bob");
            ok(ann.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
            ok(ann.live().call(Events.SPEAKING, new Speaking(room.roomId, true)));
            bob.live().await(Events.SPEAKING_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                    && e.path("speaking").asBoolean());
            server.clock().advance(java.time.Duration.ofSeconds(42));
            ok(ann.live().call(Events.SPEAKING, new Speaking(room.roomId, false)));
            bob.live().await(Events.SPEAKING_CHANGED, e -> e.path("userId").asText().equals(ann.id())
                    && !e.path("speaking").asBoolean());
            assertThat(code(bob.live().call(Events.SPEAKING, new Speaking(room.roomId, true))))
                    .isEqualTo("FORBIDDEN");
            ok(room.self(ann, Events.LEAVE));

            JsonNode history = room.api.get("/api/users/me/room-history", ann.token()).expect(200).json();
            assertThat(history.at("/items/0/roomId").asText()).isEqualTo(room.roomId);
            assertThat(history.at("/items/0/speakTime").asLong()).isEqualTo(42_000);
            JsonNode doc = room.api.get("/api/rooms/" + room.roomId, room.host.token()).expect(200).json();
            assertThat(doc.at("/room/totalSpeakTime").asLong()).isEqualTo(42_000);
            assertThat(doc.at("/room/totalJoins").asLong()).isEqualTo(3);
            assertThat(doc.at("/room/peakParticipants").asInt()).isEqualTo(3);
        }
    }
}
