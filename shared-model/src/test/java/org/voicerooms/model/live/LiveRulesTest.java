package org.voicerooms.model.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Size limits of realtime messages. */
class LiveRulesTest {

    @Test
    void limitsAreTheDocumentedOnes() {
        assertThat(LiveRules.SDP_MAX).as("sdp ≤ 16 KiB").isEqualTo(16_384);
        assertThat(LiveRules.CHAT_MAX).as("chat 1..500").isEqualTo(500);
        assertThat(LiveRules.CHAT_HISTORY).isEqualTo(100);
    }

    @Test
    void partsOfAnSdpFitInsideOne() {
        assertThat(LiveRules.SDP_MID_MAX).isLessThan(LiveRules.CANDIDATE_MAX);
        assertThat(LiveRules.CANDIDATE_MAX).isLessThan(LiveRules.SDP_MAX);
    }

    /** One visible emoji may be several code points joined; each must still fit. */
    @ParameterizedTest
    @ValueSource(strings = {"👏", "❤️", "👍🏽", "🏳️‍🌈", "👨‍👩‍👧‍👦", "🧑🏿‍🚀"})
    void aComposedEmojiFitsInAReaction(String emoji) {
        assertThat(emoji.length()).isLessThanOrEqualTo(LiveRules.REACTION_MAX);
    }
}
