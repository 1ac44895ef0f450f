package org.voicerooms.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.client.audio.PeerLinkConnection.Stats;

/** The quality label: its word never contradicts the figures it shows. */
class QualityTest {

    private static Stats link(double rtt, double loss, double jitter, double received) {
        return new Stats(rtt, loss, jitter, received, 1000, 0.1, "CONNECTED", "host");
    }

    @Test
    void aFastCleanLinkIsGoodAndItsJitterIsShown() {
        assertThat(Quality.describe(List.of(link(1, 0, 3, 5000)))).isEqualTo("Good · 1 ms · 0% loss · 3 ms jitter");
    }

    @Test
    void aLinkThatReceivesNothingDoesNotMakeOneMillisecondAndNoLossPoor() {
        // a listener's link only sends: libwebrtc still reports a jitter for the stream that never came
        assertThat(Quality.describe(List.of(link(1, 0, 95, 0)))).isEqualTo("Good · 1 ms · 0% loss");
    }

    @Test
    void realJitterIsWhatTheWordSays() {
        assertThat(Quality.describe(List.of(link(1, 0, 95, 5000), link(2, 0.5, 4, 5000))))
                .isEqualTo("Poor · 2 ms · 0.5% loss · 95 ms jitter");
        assertThat(Quality.describe(List.of())).isEqualTo("No audio links");
    }
}
