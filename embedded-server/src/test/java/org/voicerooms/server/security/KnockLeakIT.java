package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: probing room ids to learn which hidden rooms exist. A room takes knocks only when it asks for approval;
 * a knock (a join by someone not allowed in) on a hidden room that takes none, from someone not invited, answers
 * exactly as an id that names no room: same status, code and message, over REST and Socket.IO. A private room
 * that asks for approval does take knocks from whoever holds its id, as the spec's access rules say: its host
 * chose to be knocked on, so its existence is what such an id-holder learns.
 */
class KnockLeakIT {

    private static final String NO_ROOM = "0123456789abcdef01234567";

    @RegisterExtension
    static final TestServer server = TestServer.start();

    private static Map<String, Object> privacy(boolean requireApproval) {
        return Map.of("requireApproval", requireApproval, "hideParticipants", false, "allowInvites", false);
    }

    @Test
    void aKnockOnAHiddenRoomThatTakesNoneAnswersAsIfThereWereNoRoom() {
        for (String type : new String[] {"private", "friends-only"}) {
            try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Hidden " + type, "type", type,
                    "privacy", privacy(false)))) {
                Api api = room.api;
                LiveRoomFixture.Person stranger = room.outsider("Stranger");

                Api.Response rest = api.post("/api/rooms/" + room.roomId + "/join", stranger.token(), null);
                Api.Response none = api.post("/api/rooms/" + NO_ROOM + "/join", stranger.token(), null);
                assertThat(rest.status()).as(type + ": REST knock status").isEqualTo(none.status()).isEqualTo(404);
                assertThat(rest.json().path("error")).as(type + ": REST knock body").isEqualTo(
                        none.json().path("error"));

                JsonNode live = stranger.live().call(Events.JOIN, new JoinRoom(room.roomId));
                JsonNode liveNone = stranger.live().call(Events.JOIN, new JoinRoom(NO_ROOM));
                assertThat(live.path("error")).as(type + ": socket knock answer").isEqualTo(liveNone.path("error"));
                assertThat(live.path("error").path("code").asText()).isEqualTo("NOT_FOUND");
            }
        }
    }

    @Test
    void aPrivateRoomAskingForApprovalTakesTheKnock() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Door", "type", "private",
                "privacy", privacy(true)))) {
            LiveRoomFixture.Person stranger = room.outsider("Knocker");
            assertThat(room.api.post("/api/rooms/" + room.roomId + "/join", stranger.token(), null).expect(200)
                    .json().path("status").asText()).isEqualTo("pending");
        }
    }
}
