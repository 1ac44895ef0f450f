package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client written only from the seed's REST routes and Socket.IO events (Node.js: the official socket.io-client
 * and {@code @roamhq/wrtc}, {@code src/test/js/seed-client}) in a room with our bots, real audio both ways inside
 * the private network: it hears the host's 440 Hz; raised hand, promoted and unmuted, the host and a late joiner
 * hear its 660 Hz, with each link offered by the side the documented rule names; its wrong-shaped and unknown events
 * get the documented typed errors and the room goes on.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SeedClientAudioE2EIT {

    private static AudioRoom room;
    private static final List<SeedClientProcess> clients = new java.util.ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        require(PrivateNetwork.onPath("node") && PrivateNetwork.onPath("npm"), "needs node and npm");
        SeedClientProcess.install(); // from the registry, before the namespace exists
        room = new AudioRoom("seed-client");
        room.net.devices("Host", 440);
        room.net.devices("Bob", 880);
        room.net.devices("Other", 440);
        room.startServer();
    }

    @AfterAll
    static void stop() throws Exception {
        clients.forEach(SeedClientProcess::close);
        if (room != null) {
            room.close();
        }
    }

    @Test
    void aClientWrittenFromTheSeedHearsAndIsHeard() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Seed room");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();

        // REST sign-in, the seed's room:join {roomId, role}, and the room's state pushed after it
        SeedClientProcess seed = client("Seed", roomId, "--shape", "seed");
        JsonNode ready = seed.await(0, 30, "ready");
        String seedId = ready.path("userId").asText();
        assertThat(ready.path("role").asText()).isEqualTo("listener");
        JsonNode state = seed.await(0, 5, "state");
        assertThat(state.path("peers").findValuesAsText("peerId")).containsExactly(hostId);
        assertThat(state.path("speakers")).as("the seed's speakers list").extracting(JsonNode::asText)
                .containsExactly(hostId);
        assertThat(state.path("listeners")).as("the seed's listeners list").extracting(JsonNode::asText)
                .containsExactly(seedId);
        assertThat(state.at("/peers/0/youOffer").asBoolean()).as("the lower user id offers")
                .isEqualTo(seedId.compareTo(hostId) < 0);

        // it hears the host; as a listener it sends nothing anyone hears
        seed.hears(hostId, 440, 30);
        host.hearsNone(2, "the seed client while it listens", l -> heard(l, seedId));

        // wrong-shaped and unknown events: the documented typed errors, and the session and the audio go on
        int mark = seed.mark();
        seed.send("bad-events");
        seed.await(mark, 20, "the bad events answered", l -> "done".equals(l.path("event").asText())
                && "bad-events".equals(l.path("command").asText()));
        Map<String, JsonNode> refused = new HashMap<>();
        for (JsonNode l : seed.lines().subList(mark, seed.lines().size())) {
            if ("refused".equals(l.path("event").asText())) {
                refused.merge(l.path("sent").asText() + " " + l.path("field").asText(""), l, (a, b) -> a);
            }
        }
        assertThat(refused).extractingFromEntries(e -> e.getKey() + " " + e.getValue().path("code").asText())
                .containsExactlyInAnyOrder(
                        "room:dance  UNKNOWN_EVENT",
                        "webrtc:offer offer VALIDATION_FAILED",
                        "webrtc:offer offer.type VALIDATION_FAILED",
                        "webrtc:ice-candidate candidate.port VALIDATION_FAILED",
                        "room:join role VALIDATION_FAILED",
                        "room:mute-toggle muted VALIDATION_FAILED",
                        "room:dance (no ack)  UNKNOWN_EVENT");
        assertThat(seed.lines()).as("no connection closed over them, every description and candidate relayed")
                .noneMatch(l -> List.of("disconnected", "relay-refused").contains(l.path("event").asText()));
        seed.hears(hostId, 440, 15);

        // the seed's hand raise; the host promotes; it comes up muted until it unmutes (room:mute-toggle)
        mark = host.mark();
        seed.send("raise-hand");
        host.await(mark, 10, "the seed client's hand", l -> "hand-raised".equals(l.path("event").asText())
                && seedId.equals(l.path("userId").asText()));
        mark = seed.mark();
        host.send("promote " + seedId);
        seed.await(mark, 10, "room:promoted", l -> "promoted".equals(l.path("event").asText())
                && "speaker".equals(l.path("role").asText()));
        JsonNode onStage = seed.await(mark, 10, "its state on stage", l -> "state".equals(l.path("event").asText())
                && "speaker".equals(l.path("role").asText()));
        assertThat(onStage.path("muted").asBoolean()).as("a new speaker comes up muted").isTrue();
        host.hearsNone(2, "the seed client before it unmutes", l -> heard(l, seedId));
        seed.send("unmute");
        host.hears(seedId, 660, 30);
        seed.hears(hostId, 440, 15);

        // a late joiner: the link between it and the seed client is offered by the lower user id, both ways heard
        BotProcess bob = room.bot("Bob", "--room", roomId);
        String bobId = bob.userId();
        bob.hears(seedId, 660, 30);
        bob.hears(hostId, 440, 30);
        assertThat(firstLink(seed.lines(), hostId)).isEqualTo(seedId.compareTo(hostId) < 0 ? "offering" : "answering");
        assertThat(firstLink(seed.lines(), bobId)).isEqualTo(seedId.compareTo(bobId) < 0 ? "offering" : "answering");

        // it mutes itself: silent for both
        seed.send("mute");
        host.stopsHearing(seedId, 660, 20);
        bob.stopsHearing(seedId, 660, 20);

        assertThat(seed.alive()).as("the seed client survived").isTrue();
        assertThat(host.alive()).as("the host's JVM survived").isTrue();
    }

    @Test
    void theSameClientSignalingInOurShapeStillWorks() throws Exception {
        BotProcess host = room.bot("Other", "--create", "Our shapes");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        SeedClientProcess ours = client("Ours", roomId, "--shape", "ours");
        String oursId = ours.await(0, 30, "ready").path("userId").asText();
        ours.hears(hostId, 440, 30);

        int mark = ours.mark();
        ours.send("speak-request"); // the seed's way to ask for the stage: a raised hand in this room
        ours.await(mark, 10, "the request answered", l -> "done".equals(l.path("event").asText())
                && "hand-raised".equals(l.path("status").asText()));
        host.send("promote " + oursId);
        ours.await(mark, 10, "its state on stage", l -> "state".equals(l.path("event").asText())
                && "speaker".equals(l.path("role").asText()));
        ours.send("unmute");
        host.hears(oursId, 660, 30);
        assertThat(ours.lines()).as("every description and candidate relayed")
                .noneMatch(l -> "relay-refused".equals(l.path("event").asText()));
    }

    private static SeedClientProcess client(String name, String roomId, String... extra) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--tone", "660"));
        args.addAll(List.of(extra));
        SeedClientProcess c = new SeedClientProcess(room.net, name, room.dir, AudioRoom.SERVER, roomId,
                args.toArray(String[]::new));
        clients.add(c);
        return c;
    }

    /** Whether the seed client's link to {@code peer} began with its offer or its answer. */
    private static String firstLink(List<JsonNode> lines, String peer) {
        return lines.stream().filter(l -> peer.equals(l.path("peer").asText()))
                .map(l -> l.path("event").asText()).filter(e -> e.equals("offering") || e.equals("answering"))
                .findFirst().orElse("none");
    }

    private static boolean heard(JsonNode line, String peer) {
        return "hear".equals(line.path("event").asText()) && peer.equals(line.path("peer").asText())
                && line.path("tone").asInt() != 0;
    }
}
