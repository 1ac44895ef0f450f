package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.rooms.Role;

/** Snapshots and events travel as JSON between nodes: what goes out comes back equal, with the type tag. */
class LiveJsonTest {

    private final ObjectMapper mapper = Json.newMapper();
    private static final Instant T = Instant.parse("2026-01-01T10:00:00.123Z");

    @Test
    void aSnapshotRoundTrips() throws Exception {
        MemberState host = MemberState.joined("h1", "Host", Role.HOST, T, "node-a", "v1");
        MemberState bob = MemberState.joined("b1", "Bob", Role.LISTENER, T.plusSeconds(1), null, "v2")
                .withHand(T.plusSeconds(2)).dropped(T.plusSeconds(3), T.plusSeconds(33));
        RoomSnapshot snapshot = new RoomSnapshot("r1", 7, false, List.of(host, bob), List.of("k1"), List.of("a1"),
                List.of(new RoomSnapshot.Knock("n1", "Nia", T)),
                List.of(new ChatMessage("r1", "m1", "h1", "Host", "hi", T)));
        String json = mapper.writeValueAsString(snapshot);
        assertThat(mapper.readValue(json, RoomSnapshot.class)).isEqualTo(snapshot);
        assertThat(json).contains("\"version\":7").contains("\"graceUntil\":\"2026-01-01T10:00:33.123Z\"");
    }

    @Test
    void aSnapshotKeepsItsSfuHome() throws Exception {
        MemberState host = MemberState.joined("h1", "Host", Role.HOST, T, "node-a", "v1");
        RoomSnapshot snapshot = new RoomSnapshot("r1", 7, false, List.of(host), List.of(), List.of(), List.of(),
                List.of()).withSfu(new SfuHome("ws://10.213.0.1:8188", 42, "s3cret"));
        String json = mapper.writeValueAsString(snapshot);
        assertThat(mapper.readValue(json, RoomSnapshot.class)).isEqualTo(snapshot);
        String event = mapper.writeValueAsString(new LiveEvent.SfuPublishersChanged("r1"));
        assertThat(mapper.readValue(event, LiveEvent.class)).isEqualTo(new LiveEvent.SfuPublishersChanged("r1"));
    }

    @Test
    void eventsRoundTripWithTheirTypeTag() throws Exception {
        List<LiveEvent> events = List.of(
                new LiveEvent.HandRaised("r1", LiveEvent.Audience.users(List.of("h1", "b1")), "b1", T),
                new LiveEvent.Left("r1", LiveEvent.Audience.ROOM, "b1", "kicked"),
                new LiveEvent.SdpRelayed("r1", "b1", false, new Sdp("r1", "h1", "v=0")),
                new LiveEvent.Invited("r1", "c1", "Title", "h1", "Host", T),
                new LiveEvent.RoleChanged("r1", "b1", Role.LISTENER, Role.SPEAKER, "h1", true, false, "Bob"));
        for (LiveEvent e : events) {
            String json = mapper.writeValueAsString(e);
            assertThat(json).startsWith("{\"type\":");
            assertThat(mapper.readValue(json, LiveEvent.class)).isEqualTo(e);
        }
        assertThat(mapper.writeValueAsString(events.get(3))).startsWith("{\"type\":\"invited\"");
    }
}
