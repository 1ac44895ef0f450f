package org.voicerooms.server.security;

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
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a moderator takes a room for good. When the host's connection drops past the reconnect grace, the
 * longest-present moderator hosts the live room; that is a live role only. The room's creator keeps PATCH, DELETE
 * and ending, gets the host role back on return, and the handover does not count against the stand-in's daily room
 * creations.
 */
class RoomOwnershipIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1).joinsPerMinute(1000)
            .reconnectGrace(Duration.ofSeconds(1)));

    @Test
    void aStandInHostNeitherOwnsNorEndsTheRoomAndTheCreatorTakesItBack() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Mine"))) {
            Person mod = room.moderator("Mod");
            String ownerId = room.host.id();
            room.host.live().close();
            mod.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(mod.id())
                    && e.path("role").asText().equals("host"));

            String path = "/api/rooms/" + room.roomId;
            Api.assertError(room.api.patch(path, mod.token(), Map.of("title", "Stolen")), 403, "FORBIDDEN");
            Api.assertError(room.api.delete(path, mod.token()), 403, "FORBIDDEN");
            assertThat(LiveRoomFixture.code(room.self(mod, Events.END)))
                    .as("the stand-in host may not end the creator's room").isEqualTo("FORBIDDEN");
            JsonNode stored = room.api.get(path, mod.token()).expect(200).json();
            assertThat(stored.at("/room/createdBy").asText()).as("the creator stays the owner").isEqualTo(ownerId);
            assertThat(stored.at("/room/status").asText()).isEqualTo("active");

            room.api.createRoom(mod.token(), Map.of("title", "The stand-in's own room"));

            try (LiveClient back = LiveClient.connect(server.baseUrl(), room.host.token())) {
                JsonNode state = ok(back.call(Events.JOIN, new JoinRoom(room.roomId))).path("state");
                assertThat(state.at("/you/role").asText()).as("the creator hosts again").isEqualTo("host");
                mod.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(mod.id())
                        && e.path("role").asText().equals("moderator"));
                room.api.patch(path, room.host.token(), Map.of("title", "Still mine")).expect(200);
            }
        }
    }
}
