package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/**
 * A client written from the seed's event list: joins with a role, reads the pushed room state, signals with
 * {@code offer}/{@code answer}/{@code candidate} objects or strings, and hears why it was muted or kicked.
 */
@Timeout(60)
class SeedShapesIT {

    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));

    @Test
    void joinWithARolePushesTheStateAndLateJoinersSeeRecentChat() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Seed",
                "permissions", Map.of("anyoneCanSpeak", true, "allowRecording", false, "allowHandRaise", true)))) {
            ok(room.host.live().call(Events.CHAT, new ChatSend(room.roomId, "said before you came")));
            Person ann = room.outsider("Ann");
            JsonNode ack = ok(ann.live().call(Events.JOIN.name(), Map.of("roomId", room.roomId, "role", "listener")));
            JsonNode pushed = ann.live().await(Events.STATE);
            assertThat(pushed.at("/you/role").asText()).isEqualTo("listener");
            assertThat(pushed.at("/room/id").asText()).isEqualTo(room.roomId);
            assertThat(ack.at("/state/recentChat/0/text").asText()).isEqualTo("said before you came");
            assertThat(pushed.at("/recentChat/0/text").asText()).isEqualTo("said before you came");

            Person bob = room.outsider("Bob");
            ok(bob.live().call(Events.JOIN.name(), Map.of("roomId", room.roomId, "role", "speaker")));
            bob.live().await(Events.STATE);
            bob.live().await(Events.PROMOTED, e -> room.roomId.equals(e.path("roomId").asText()));
            ann.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(bob.id())
                    && e.path("role").asText().equals("speaker"));

            Person eve = room.outsider("Eve");
            JsonNode bad = eve.live().call(Events.JOIN.name(), Map.of("roomId", room.roomId, "role", "dj"));
            assertThat(code(bad)).isEqualTo("VALIDATION_FAILED");
            assertThat(bad.at("/error/field").asText()).isEqualTo("role");
            assertThat(code(eve.live().call(Events.JOIN.name(), Map.of("roomId", room.roomId, "seat", 1))))
                    .as("unknown fields stay refused").isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void seedSignalingShapesAreAcceptedAndRelayedReadablyForBoth() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Signals"))) {
            Person ann = room.listener("Ann");
            ok(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId", ann.id(),
                    "offer", Map.of("type", "offer", "sdp", SDP))));
            JsonNode offer = ann.live().await(Events.RELAYED_OFFER);
            assertThat(offer.path("peerId").asText()).isEqualTo(room.host.id());
            assertThat(offer.path("sdp").asText()).as("our shape").isEqualTo(SDP);
            assertThat(offer.at("/offer/type").asText()).as("the seed's shape").isEqualTo("offer");
            assertThat(offer.at("/offer/sdp").asText()).isEqualTo(SDP);
            assertThat(offer.has("answer")).isFalse();

            ok(ann.live().call(Events.ANSWER.name(), Map.of("roomId", room.roomId, "peerId", room.host.id(),
                    "answer", SDP)));
            JsonNode answer = room.host.live().await(Events.RELAYED_ANSWER);
            assertThat(answer.path("sdp").asText()).isEqualTo(SDP);
            assertThat(answer.at("/answer/type").asText()).isEqualTo("answer");

            ok(ann.live().call(Events.ICE_CANDIDATE.name(), Map.of("roomId", room.roomId, "peerId",
                    room.host.id(), "candidate", Map.of("candidate", "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host",
                            "sdpMid", "0", "sdpMLineIndex", 0, "usernameFragment", "abcd"))));
            JsonNode ice = room.host.live().await(Events.RELAYED_ICE_CANDIDATE);
            assertThat(ice.path("candidate").asText()).startsWith("candidate:1 1 udp");
            assertThat(ice.path("sdpMid").asText()).isEqualTo("0");
            assertThat(ice.path("sdpMLineIndex").asInt()).isZero();
            ok(ann.live().call(Events.ICE_CANDIDATE.name(), Map.of("roomId", room.roomId, "peerId",
                    room.host.id(), "candidate", "candidate:2 1 udp 2122260223 10.0.0.1 5001 typ host",
                    "sdpMid", "0", "sdpMLineIndex", 0)));

            assertThat(code(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId",
                    ann.id(), "offer", Map.of("type", "offer", "sdp", SDP, "extra", 1)))))
                    .isEqualTo("VALIDATION_FAILED");
            assertThat(code(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId",
                    ann.id(), "offer", Map.of("type", "answer", "sdp", SDP))))).isEqualTo("VALIDATION_FAILED");
            assertThat(code(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId",
                    ann.id(), "offer", SDP, "sdp", SDP)))).isEqualTo("VALIDATION_FAILED");
            assertThat(code(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId",
                    ann.id(), "offer", 42)))).isEqualTo("VALIDATION_FAILED");
            ok(room.host.live().call(Events.OFFER.name(), Map.of("roomId", room.roomId, "peerId", ann.id(),
                    "sdp", SDP)));
        }
    }

    @Test
    void mutedAndKickedCarryAReason() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Reasons"))) {
            Person ann = room.speaker("Ann");
            ok(ann.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
            ok(room.host.live().call(Events.MUTE, new Target(room.roomId, ann.id(), "  echo on your mic ")));
            JsonNode muted = ann.live().await(Events.MUTED);
            assertThat(muted.path("reason").asText()).isEqualTo("echo on your mic");
            assertThat(muted.path("by").asText()).isEqualTo(room.host.id());

            assertThat(code(room.host.live().call(Events.KICK, new Target(room.roomId, ann.id(), "x".repeat(201)))))
                    .isEqualTo("VALIDATION_FAILED");
            Person bob = room.listener("Bob");
            room.act(room.host, Events.KICK, bob);
            assertThat(bob.live().await(Events.KICKED).path("reason").asText()).isEqualTo("kicked");
            ok(room.host.live().call(Events.BAN, new Target(room.roomId, ann.id(), "spam")));
            JsonNode banned = ann.live().await(Events.KICKED);
            assertThat(banned.path("reason").asText()).isEqualTo("spam");
            assertThat(banned.path("banned").asBoolean()).isTrue();
        }
    }
}
