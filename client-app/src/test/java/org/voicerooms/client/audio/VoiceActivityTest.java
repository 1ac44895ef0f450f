package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoiceActivityTest {

    private static List<Boolean> feed(VoiceActivity vad, double... levels) {
        List<Boolean> changes = new ArrayList<>();
        for (double l : levels) {
            Boolean c = vad.offer(l);
            if (c != null) {
                changes.add(c);
            }
        }
        return changes;
    }

    @Test
    void speechStartsAfterTwoLoudTicksAndOneClickDoesNot() {
        VoiceActivity vad = new VoiceActivity();
        assertThat(feed(vad, 0, 0.5, 0, 0.5, 0)).as("isolated clicks").isEmpty();
        assertThat(vad.speaking()).isFalse();
        assertThat(feed(vad, 0.2, 0.2)).containsExactly(true);
        assertThat(vad.speaking()).isTrue();
    }

    @Test
    void shortPausesKeepSpeakingAndALongSilenceEndsIt() {
        VoiceActivity vad = new VoiceActivity();
        feed(vad, 0.2, 0.2);
        assertThat(feed(vad, 0, 0, 0, 0, 0.2, 0, 0, 0, 0, 0, 0, 0.2)).as("pauses under 800 ms").isEmpty();
        assertThat(feed(vad, 0, 0, 0, 0, 0, 0, 0, 0)).containsExactly(false);
        assertThat(vad.speaking()).isFalse();
    }

    @Test
    void aLevelBetweenTheThresholdsHoldsWhicheverStateItIsIn() {
        VoiceActivity vad = new VoiceActivity();
        assertThat(feed(vad, 0.02, 0.02, 0.02, 0.02)).as("quiet murmur does not start speech").isEmpty();
        feed(vad, 0.1, 0.1);
        assertThat(feed(vad, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02))
                .as("but keeps speech going").isEmpty();
        assertThat(vad.speaking()).isTrue();
    }
}
