package org.voicerooms.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.SfuPayloads.SfuCandidate;
import org.voicerooms.model.live.SfuPayloads.SfuSdp;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/**
 * The {@code sfu:*} events' rules, checked before any Janus request (end-to-end audio through a real Janus is
 * client-app's SfuAudioE2EIT): only the stage publishes, only members subscribe, bad SDPs are typed errors, a Janus
 * that cannot be reached is SERVICE_UNAVAILABLE within the request timeout and the session goes on, and a server
 * without Janus says so.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SfuSignalingIT {

    /** Nothing listens on the discard port: every Janus request fails at once. */
    @RegisterExtension
    static final TestServer withJanus = TestServer.start(b -> b.roomCreationsPerDay(1000)
            .janusUrl(List.of("ws://127.0.0.1:9/")).janusSecret("secret"));

    @RegisterExtension
    static final TestServer withoutJanus = TestServer.start(b -> b.roomCreationsPerDay(1000));

    private static final String OFFER = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=mid:0\r\n";

    @Test
    void onlyTheStagePublishesAndOnlyMembersSubscribe() {
        try (LiveRoomFixture room = new LiveRoomFixture(withJanus, Map.of("title", "SFU rules"))) {
            Person listener = room.listener("Lis");
            Person outsider = room.outsider("Out");

            assertThat(code(listener.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId, OFFER))))
                    .as("a listener's offer").isEqualTo("FORBIDDEN");
            assertThat(code(outsider.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId, OFFER))))
                    .as("an outsider's offer").isEqualTo("NOT_FOUND");
            assertThat(code(outsider.live().call(Events.SFU_SUBSCRIBE, new RoomRef(room.roomId))))
                    .as("an outsider's subscription").isEqualTo("NOT_FOUND");
            assertThat(code(outsider.live().call(Events.SFU_ANSWER, new SfuSdp(room.roomId, OFFER))))
                    .isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void badSdpsAreTypedErrors() {
        try (LiveRoomFixture room = new LiveRoomFixture(withJanus, Map.of("title", "SFU input"))) {
            JsonNode blank = room.host.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId, " "));
            assertThat(code(blank)).isEqualTo("VALIDATION_FAILED");
            assertThat(blank.at("/error/field").asText()).isEqualTo("sdp");
            assertThat(code(room.host.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId,
                    "v=0\r\n" + "a=x\r\n".repeat(5000))))).isEqualTo("VALIDATION_FAILED");
            assertThat(code(room.host.live().call(Events.SFU_CANDIDATE, new SfuCandidate(room.roomId, true,
                    "c".repeat(2000), "0", 0)))).isEqualTo("VALIDATION_FAILED");
            assertThat(code(room.host.live().call(Events.SFU_PUBLISH, new SfuSdp("not-an-id", OFFER))))
                    .isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void anUnreachableJanusIsServiceUnavailableAndTheSessionGoesOn() {
        try (LiveRoomFixture room = new LiveRoomFixture(withJanus, Map.of("title", "SFU down"))) {
            long start = System.nanoTime();
            assertThat(code(room.host.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId, OFFER))))
                    .isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(code(room.host.live().call(Events.SFU_SUBSCRIBE, new RoomRef(room.roomId))))
                    .isEqualTo("SERVICE_UNAVAILABLE");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms for both refusals").isLessThan(10_000);
            ok(room.host.live().call(Events.CHAT, new ChatSend(room.roomId, "still here")));
        }
    }

    @Test
    void aServerWithoutJanusRefusesTheSfuEvents() {
        try (LiveRoomFixture room = new LiveRoomFixture(withoutJanus, Map.of("title", "Mesh only"))) {
            assertThat(code(room.host.live().call(Events.SFU_PUBLISH, new SfuSdp(room.roomId, OFFER))))
                    .isEqualTo("CONFLICT");
            assertThat(code(room.host.live().call(Events.SFU_SUBSCRIBE, new RoomRef(room.roomId))))
                    .isEqualTo("CONFLICT");
        }
    }
}
