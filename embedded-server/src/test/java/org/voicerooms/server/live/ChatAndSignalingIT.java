package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.ChatDelete;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.ReactionSend;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/** Chat, reactions, the signaling relay and the rate limits, each leaving the session usable. */
class ChatAndSignalingIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));

    @Test
    void chatIsBoundedAndModeratorsDeleteMessages() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Chat"))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            JsonNode sent = ok(ann.live().call(Events.CHAT, new ChatSend(room.roomId, "  hello all  ")));
            String messageId = sent.at("/message/messageId").asText();
            JsonNode seen = bob.live().await(Events.CHAT_MESSAGE);
            assertThat(seen.path("text").asText()).isEqualTo("hello all");
            assertThat(seen.path("displayName").asText()).isEqualTo("Ann");

            JsonNode tooLong = ann.live().call(Events.CHAT, new ChatSend(room.roomId, "x".repeat(LiveRules.CHAT_MAX + 1)));
            assertThat(code(tooLong)).isEqualTo("VALIDATION_FAILED");
            assertThat(tooLong.at("/error/field").asText()).isEqualTo("text");
            assertThat(code(bob.live().call(Events.CHAT_DELETE, new ChatDelete(room.roomId, messageId))))
                    .isEqualTo("FORBIDDEN");
            ok(room.host.live().call(Events.CHAT_DELETE, new ChatDelete(room.roomId, messageId)));
            bob.live().await(Events.CHAT_DELETED, e -> e.path("messageId").asText().equals(messageId));

            assertThat(code(ann.live().call(Events.REACTION, new ReactionSend(room.roomId, "lol"))))
                    .isEqualTo("VALIDATION_FAILED");
            ok(ann.live().call(Events.REACTION, new ReactionSend(room.roomId, "👏")));
            assertThat(bob.live().await(Events.REACTION_SENT).path("emoji").asText()).isEqualTo("👏");
        }
    }

    @Test
    void chatFloodsAreLimitedAndTheSessionGoesOn() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Flood"))) {
            Person ann = room.listener("Ann");
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                JsonNode ack = ann.live().call(Events.CHAT, new ChatSend(room.roomId, "spam " + i));
                codes.add(ack.path("ok").asBoolean() ? "ok" : ack.at("/error/code").asText());
            }
            assertThat(codes).startsWith("ok", "ok", "ok", "ok", "ok").endsWith("RATE_LIMITED");
            server.clock().advance(Duration.ofSeconds(11));
            ok(ann.live().call(Events.CHAT, new ChatSend(room.roomId, "calm again")));
        }
    }

    @Test
    void signalingIsRelayedOnlyAlongStageEdgesInsideTheRoom() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Signals"));
             LiveRoomFixture other = new LiveRoomFixture(server, Map.of("title", "Elsewhere"))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            Person far = other.listener("Far");

            ok(room.host.live().call(Events.OFFER, new Sdp(room.roomId, ann.id(), "v=0 offer")));
            JsonNode offer = ann.live().await(Events.RELAYED_OFFER);
            assertThat(offer.path("peerId").asText()).isEqualTo(room.host.id());
            assertThat(offer.path("sdp").asText()).isEqualTo("v=0 offer");
            ok(ann.live().call(Events.ANSWER, new Sdp(room.roomId, room.host.id(), "v=0 answer")));
            assertThat(room.host.live().await(Events.RELAYED_ANSWER).path("peerId").asText()).isEqualTo(ann.id());
            ok(ann.live().call(Events.ICE_CANDIDATE, new IceCandidate(room.roomId, room.host.id(),
                    "candidate:1 1 udp 2122260223 10.0.0.1 5000 typ host", "0", 0)));
            assertThat(room.host.live().await(Events.RELAYED_ICE_CANDIDATE).path("sdpMid").asText()).isEqualTo("0");

            assertThat(code(ann.live().call(Events.OFFER, new Sdp(room.roomId, bob.id(), "v=0"))))
                    .as("listeners do not connect to each other").isEqualTo("FORBIDDEN");
            assertThat(code(room.host.live().call(Events.OFFER, new Sdp(room.roomId, far.id(), "v=0"))))
                    .isEqualTo("NOT_FOUND");
            assertThat(code(far.live().call(Events.OFFER, new Sdp(room.roomId, room.host.id(), "v=0"))))
                    .as("not a member").isEqualTo("NOT_FOUND");
            JsonNode huge = room.host.live().call(Events.OFFER, new Sdp(room.roomId, ann.id(),
                    "a".repeat(LiveRules.SDP_MAX + 1)));
            assertThat(code(huge)).isEqualTo("PAYLOAD_TOO_LARGE");
            bob.live().barrier();
            assertThat(bob.live().all(Events.RELAYED_OFFER)).isEmpty();
            ok(room.host.live().call(Events.OFFER, new Sdp(room.roomId, ann.id(), "v=0 again")));
        }
    }

    @Test
    void joinsAndEventFloodsAreLimitedPerUserAndConnection() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Doors"))) {
            Person ann = room.outsider("Ann");
            List<String> codes = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                JsonNode ack = room.self(ann, Events.JOIN);
                codes.add(ack.path("ok").asBoolean() ? "ok" : ack.at("/error/code").asText());
                room.self(ann, Events.LEAVE);
            }
            assertThat(codes.subList(0, 10)).containsOnly("ok");
            assertThat(codes.get(10)).isEqualTo("RATE_LIMITED");

            Person bob = room.outsider("Bob");
            List<java.util.concurrent.CompletableFuture<JsonNode>> acks = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                java.util.concurrent.CompletableFuture<JsonNode> ack = new java.util.concurrent.CompletableFuture<>();
                bob.live().socket().emit(Events.HAND_LOWER.name(),
                        new Object[] {new org.json.JSONObject(Map.of("roomId", room.roomId))},
                        (io.socket.client.Ack) args -> ack.complete(json(args[0])));
                acks.add(ack);
            }
            long limited = acks.stream().map(java.util.concurrent.CompletableFuture::join)
                    .filter(a -> "RATE_LIMITED".equals(a.at("/error/code").asText())).count();
            assertThat(limited).isGreaterThanOrEqualTo(50);
            server.clock().advance(Duration.ofMinutes(2));
            assertThat(bob.live().isConnected()).isTrue();
            ok(bob.live().call(Events.JOIN, new JoinRoom(room.roomId)));
            ok(room.self(ann, Events.JOIN));
        }
    }

    private static JsonNode json(Object arg) {
        try {
            return org.voicerooms.model.Json.newMapper().readTree(arg.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
