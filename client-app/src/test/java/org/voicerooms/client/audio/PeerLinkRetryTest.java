package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offering side's wait before it starts a link over: prompt at first, backing off, never in lockstep. */
class PeerLinkRetryTest {

    @Test
    void theWaitStartsShortDoublesAndStopsGrowing() {
        assertThat(PeerLinkConnection.connectLimit(0, 0)).as("first try").isEqualTo(4000);
        assertThat(PeerLinkConnection.connectLimit(1, 0)).as("second try").isEqualTo(8000);
        assertThat(PeerLinkConnection.connectLimit(2, 0)).as("third try").isEqualTo(16_000);
        assertThat(PeerLinkConnection.connectLimit(9, 0)).as("capped").isEqualTo(30_000);
        assertThat(PeerLinkConnection.connectLimit(40, 0)).as("no overflow however many tries").isEqualTo(30_000);
    }

    @Test
    void linksToDifferentPeersSpreadOverAQuarterOfTheWait() {
        assertThat(PeerLinkConnection.connectLimit(0, 0.999)).isBetween(4990L, 5000L);
        assertThat(PeerLinkConnection.connectLimit(9, 0.5)).isEqualTo(33_750);
    }
}
