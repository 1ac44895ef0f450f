package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threats around a server that stopped without ending its rooms (a crash, a kill, a plain restart): a kicked
 * troll walks back in because kicks lived only in memory; the history shows visits that never end; rooms whose
 * people are all gone stay live and listed forever.
 */
class CrashRecoveryIT {

    @Test
    void kicksVisitsAndAbandonedRoomsAreSettledAfterARestart() throws Exception {
        try (TestServer server = TestServer.start(b -> b.reconnectGrace(Duration.ofSeconds(2)));
             LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Before the crash"))) {
            Person troll = room.listener("Troll");
            Person bob = room.listener("Bob");
            room.act(room.host, Events.KICK, troll);

            server.restart();

            String path = "/api/rooms/" + room.roomId;
            try (LiveClient trollAgain = LiveClient.connect(server.baseUrl(), troll.token())) {
                assertThat(LiveRoomFixture.code(trollAgain.call(Events.JOIN, new JoinRoom(room.roomId))))
                        .as("a kick outlives a restart").isEqualTo("KICKED");
            }
            JsonNode visit = room.api.get("/api/users/me/room-history", bob.token()).expect(200).json()
                    .at("/items/0");
            assertThat(visit.path("roomId").asText()).isEqualTo(room.roomId);
            assertThat(visit.path("leftAt").isTextual()).as("the visit the restart cut short is closed: %s", visit)
                    .isTrue();

            assertThat(room.api.get(path, bob.token()).expect(200).json().at("/room/status").asText())
                    .as("within the grace period the room waits for its people").isEqualTo("active");
            Instant deadline = Instant.now().plusSeconds(15);
            String status = "active";
            while (Instant.now().isBefore(deadline) && status.equals("active")) {
                Thread.sleep(100);
                status = room.api.get(path, bob.token()).expect(200).json().at("/room/status").asText();
            }
            assertThat(status).as("nobody came back within the grace period").isEqualTo("ended");
        }
    }

    @Test
    void aRoomWhosePeopleComeBackWithinTheGraceGoesOn() throws Exception {
        try (TestServer server = TestServer.start(b -> b.reconnectGrace(Duration.ofSeconds(2)));
             LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Blip"))) {
            server.restart();
            try (LiveClient back = LiveClient.connect(server.baseUrl(), room.host.token())) {
                ok(back.call(Events.JOIN, new JoinRoom(room.roomId)));
                Thread.sleep(3_000);
                assertThat(room.api.get("/api/rooms/" + room.roomId, room.host.token()).expect(200).json()
                        .at("/room/status").asText()).isEqualTo("active");
            }
        }
    }
}
