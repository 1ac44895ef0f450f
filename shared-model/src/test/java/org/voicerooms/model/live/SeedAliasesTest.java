package org.voicerooms.model.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.Json;
import org.voicerooms.model.Samples;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;

/**
 * Server events carry the seed's field names beside ours, so a client written from the seed's event list reads them;
 * they are only sent: the strict reader (which refuses unknown fields) reads an event with them back unchanged.
 */
class SeedAliasesTest {

    private final ObjectMapper json = Json.newMapper();

    private <T> JsonNode sent(T payload, Class<T> type) throws Exception {
        String wire = json.writeValueAsString(payload);
        assertThat(json.readValue(wire, type)).as("read back by the strict reader").isEqualTo(payload);
        return json.readTree(wire);
    }

    @Test
    void roleChangesSayNewRole() throws Exception {
        JsonNode changed = sent(new Payloads.RoleChanged(Samples.ROOM_ID, Samples.LISTENER_ID, Role.SPEAKER,
                Samples.HOST_ID, "Lia", true), Payloads.RoleChanged.class);
        assertThat(changed.path("newRole").asText()).isEqualTo("speaker");
        assertThat(changed.path("role").asText()).isEqualTo("speaker");

        JsonNode promoted = sent(new Payloads.Promoted(Samples.ROOM_ID, Role.SPEAKER, Samples.HOST_ID),
                Payloads.Promoted.class);
        assertThat(promoted.path("newRole").asText()).isEqualTo("speaker");
    }

    @Test
    void speakingSaysIsSpeakingAndHandsSayTimestamp() throws Exception {
        JsonNode speaking = sent(new Payloads.SpeakingChanged(Samples.ROOM_ID, Samples.SPEAKER_ID, true),
                Payloads.SpeakingChanged.class);
        assertThat(speaking.path("isSpeaking").asBoolean()).isTrue();
        assertThat(speaking.path("speaking").asBoolean()).isTrue();

        JsonNode hand = sent(new Payloads.HandRaised(Samples.ROOM_ID, Samples.LISTENER_ID, Samples.T0),
                Payloads.HandRaised.class);
        assertThat(hand.path("timestamp").asText()).isEqualTo(hand.path("raisedAt").asText()).isNotEmpty();
    }

    @Test
    void aNewcomerComesAsUserWithRole() throws Exception {
        Participant lia = Samples.listener();
        JsonNode joined = sent(new Payloads.ParticipantJoined(Samples.ROOM_ID, lia), Payloads.ParticipantJoined.class);
        assertThat(joined.path("user").path("userId").asText()).isEqualTo(lia.userId());
        assertThat(joined.path("role").asText()).isEqualTo("listener");
    }

    @Test
    void theStateListsSpeakersAndListenersById() throws Exception {
        Participant speaker = Samples.speaker();
        Participant listener = Samples.listener();
        JsonNode state = sent(new Payloads.RoomState(Samples.room(), List.of(speaker, listener), List.of(), listener,
                List.of(), 1, 2, List.of(), Map.of()), Payloads.RoomState.class);
        assertThat(state.path("speakers")).extracting(JsonNode::asText).containsExactly(speaker.userId());
        assertThat(state.path("listeners")).extracting(JsonNode::asText).containsExactly(listener.userId());
    }
}
