package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A room that grows from a mesh to Janus while it runs ({@code media-mode auto}, a limit of 2 participants): bots
 * that follow the room's media plan as the app does (no {@code --media} flag), real libwebrtc audio, a real server
 * and Janus inside a private network ({@link MediaMove}). The listener who was there before the move keeps hearing
 * the host across it, without rejoining; the longest hole in the host's tone at that listener is the move's gap.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MediaMoveE2EIT {

    /** The goal for the gap a move may leave at a listener. */
    static final long GAP_LIMIT_MS = 1000;

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(JanusGateway.available(), "needs janus (Debian package janus)");
        room = new AudioRoom("media-move");
        room.net.devices("Host", 440);
        room.net.devices("Bob", 550);
        room.net.devices("Carl", 660);
        room.startServerWithJanus("--media-mode", "auto",
                "--media-sfu-above", "2");
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    @Test
    void aListenerKeepsHearingTheHostWhileTheRoomMovesFromTheMeshToJanus() throws Exception {
        MediaMove.Result r = MediaMove.run(room, "Growing room");
        System.out.printf("Mesh -> SFU move: longest hole in the host's tone at the listener %s (holes over 60 ms:"
                + " %s); the listener's mesh link closed %d ms after room:media%n",
                r.gaps().isEmpty() ? "under 60 ms" : r.gapMs() + " ms", r.gaps(), r.moveMs());
        assertThat(r.gapMs()).as("ms of the host's tone lost at Bob during the move").isLessThanOrEqualTo(GAP_LIMIT_MS);
        assertThat(r.moveMs()).as("ms the move kept the old connections").isBetween(0L, 8_000L);
    }
}
