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
    /** Each threshold at and just past it: the word changes only past the stated figure. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} ms, {1}% loss, {2} ms jitter → {3}")
    @org.junit.jupiter.params.provider.CsvSource({
            "150,   0,    0,    Good",
            "151,   0,    0,    Fair",
            "400,   0,    0,    Fair",
            "401,   0,    0,    Poor",
            "10,    2,    0,    Good",
            "10,    2.1,  0,    Fair",
            "10,    8,    0,    Fair",
            "10,    8.1,  0,    Poor",
            "10,    0,    30,   Good",
            "10,    0,    30.5, Fair",
            "10,    0,    60,   Fair",
            "10,    0,    60.5, Poor"})
    void thresholds(double rtt, double loss, double jitter, String word) {
        assertThat(Quality.describe(List.of(link(rtt, loss, jitter, 5000)))).startsWith(word + " · ");
    }

    @Test
    void lossBelowAHundredthIsShownAsNoneAndAboveWithOneDecimal() {
        assertThat(Quality.describe(List.of(link(5, 0.049, 1, 5000)))).isEqualTo("Good · 5 ms · 0% loss · 1 ms jitter");
        assertThat(Quality.describe(List.of(link(5, 0.05, 1, 5000)))).isEqualTo("Good · 5 ms · 0.1% loss · 1 ms jitter");
    }

    @Test
    void linksWithoutFiguresYetSayConnectingAndNoLinksSaySo() {
        assertThat(Quality.describe(List.of())).isEqualTo("No audio links");
        assertThat(Quality.describe(List.of(link(Double.NaN, Double.NaN, Double.NaN, 0))))
                .isEqualTo("Connecting audio…");
        // one link with figures is enough for a word; the one without does not count
        assertThat(Quality.describe(List.of(link(Double.NaN, Double.NaN, Double.NaN, 0), link(20, 0, 2, 100))))
                .isEqualTo("Good · 20 ms · 0% loss · 2 ms jitter");
    }
}
