package org.voicerooms.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.server.ConfigException;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.live.MediaPolicy;
import org.voicerooms.server.testing.TestServer;

/**
 * The media plan's decisions with a real Janus (its API on loopback; no media flows here): {@code auto} moves a
 * room to Janus past {@code media-sfu-above} and tells its members; when Janus stops, or hangs, small rooms fall
 * back to a mesh with the reason said, and the server keeps answering; when Janus is back, the room returns; and
 * {@code sfu} without Janus does not start.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MediaPlanIT {

    /** Two failed probes 5 s apart, each waiting at most the 5 s request timeout, plus slack for a busy machine. */
    private static final Duration NOTICED = Duration.ofSeconds(40);

    private static LoopbackJanus janus;

    @BeforeAll
    static void startJanus(@TempDir Path dir) throws Exception {
        assumeTrue(LoopbackJanus.available(), "needs janus (Debian package janus)");
        janus = new LoopbackJanus(dir.resolve("janus"));
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    private static TestServer server(MediaPolicy.Mode mode) {
        return TestServer.start(b -> b.roomCreationsPerDay(1000).janusUrl(List.of(janus.url))
                .janusSecret(LoopbackJanus.SECRET).mediaMode(mode).mediaSfuAbove(2));
    }

    private static JsonNode media(JsonNode joinAck) {
        return joinAck.at("/state/media");
    }

    private static JsonNode join(LiveRoomFixture room, Person p) {
        return ok(p.live().call(Events.JOIN, new JoinRoom(room.roomId)));
    }

    private static boolean says(JsonNode media, String plan, String reason) {
        JsonNode m = media.has("media") ? media.path("media") : media;
        return plan.equals(m.path("plan").asText()) && reason.equals(m.path("reason").asText());
    }

    @Test
    void autoMovesARoomToJanusPastTheLimitAndBackToAMeshWhileJanusIsDown() throws Exception {
        try (TestServer server = server(MediaPolicy.Mode.AUTO);
             LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Growing"))) {
            Person ann = room.outsider("Ann");
            JsonNode annJoin = join(room, ann);
            assertThat(says(media(annJoin), "mesh", "small-room")).as("two people: %s", media(annJoin)).isTrue();
            assertThat(annJoin.at("/state/peers").size()).as("Ann's mesh link to the host").isEqualTo(1);

            Person bob = room.outsider("Bob");
            JsonNode bobJoin = join(room, bob);
            assertThat(says(media(bobJoin), "sfu", "large-room")).as("three people: %s", media(bobJoin)).isTrue();
            assertThat(bobJoin.at("/state/peers").size()).as("no mesh links on Janus").isZero();
            for (Person p : List.of(room.host, ann)) {
                p.live().await(Events.MEDIA, m -> room.roomId.equals(m.path("roomId").asText())
                        && says(m, "sfu", "large-room"));
            }

            long stopped = System.nanoTime();
            janus.stop();
            try {
                ann.live().await(Events.MEDIA, m -> says(m, "mesh", "sfu-unavailable"), NOTICED);
                System.out.printf("Janus stopped: the room was a mesh again after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
                Person cid = room.outsider("Cid");
                JsonNode cidJoin = join(room, cid);
                assertThat(says(media(cidJoin), "mesh", "sfu-unavailable")).as("%s", media(cidJoin)).isTrue();
                assertThat(cidJoin.at("/state/peers").size()).as("Cid links to the host").isEqualTo(1);
            } finally {
                janus.start();
            }
            bob.live().await(Events.MEDIA, m -> says(m, "sfu", "large-room"), NOTICED);
        }
    }

    @Test
    void aHungJanusIsNoticedWithinTheRequestTimeoutAndTheServerKeepsAnswering() throws Exception {
        try (TestServer server = server(MediaPolicy.Mode.SFU);
             LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Hung"))) {
            Person ann = room.outsider("Ann");
            assertThat(says(media(join(room, ann)), "sfu", "sfu-mode")).isTrue();

            long frozen = System.nanoTime();
            janus.freeze();
            try {
                long chatStart = System.nanoTime();
                ok(ann.live().call(Events.CHAT, new ChatSend(room.roomId, "still here")));
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - chatStart)).as("ms for a chat line")
                        .isLessThan(2000);
                ann.live().await(Events.MEDIA, m -> says(m, "mesh", "sfu-unavailable"), NOTICED);
                System.out.printf("Janus hung: the room was a mesh after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - frozen));
            } finally {
                janus.thaw();
            }
            ann.live().await(Events.MEDIA, m -> says(m, "sfu", "sfu-mode"), NOTICED);
        }
    }

    @Test
    void sfuModeWithoutJanusDoesNotStart() {
        assertThatThrownBy(() -> TestServer.start(b -> b.mediaMode(MediaPolicy.Mode.SFU)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("janus-url");
    }

    @Test
    void anUnreachableJanusLeavesSmallRoomsOnAMeshAndSaysWhy() {
        try (TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000)
                .janusUrl(List.of("ws://127.0.0.1:9/")).mediaMode(MediaPolicy.Mode.SFU));
             LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "No Janus"))) {
            Person ann = room.outsider("Ann");
            JsonNode joined = join(room, ann);
            // the first probe may not have answered yet: then the room is told as soon as it has
            if (!says(media(joined), "mesh", "sfu-unavailable")) {
                ann.live().await(Events.MEDIA, m -> says(m, "mesh", "sfu-unavailable"), NOTICED);
            }
            ok(ann.live().call(Events.CHAT, new ChatSend(room.roomId, "heard through the mesh")));
        }
    }
}
