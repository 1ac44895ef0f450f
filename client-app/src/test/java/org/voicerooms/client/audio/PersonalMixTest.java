package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The personal mix's arithmetic, without opening a playout stream: levels, queuing, rates and clipping. */
class PersonalMixTest {

    private final PersonalMix mix = new PersonalMix(false, () -> { });

    @AfterEach
    void close() {
        mix.close();
    }

    /** 10 ms of a constant {@code value} (16-bit), {@code channels} interleaved, at {@code rate}. */
    private static byte[] frame(short value, int rate, int channels) {
        int frames = rate / 100;
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames * channels; i++) {
            pcm[2 * i] = (byte) value;
            pcm[2 * i + 1] = (byte) (value >> 8);
        }
        return pcm;
    }

    private static short sample(byte[] out, int i) {
        return (short) ((out[2 * i] & 0xff) | (out[2 * i + 1] << 8));
    }

    /** One 10 ms pull at 48 kHz, {@code channels} out, as the playout stream makes it. */
    private byte[] pull(int channels) {
        byte[] out = new byte[480 * channels * 2];
        assertThat(mix.onPlaybackData(out, 480, 2 * channels, channels, 48_000)).isEqualTo(480);
        return out;
    }

    @Test
    void aVoiceIsPlayedAtItsLevelOnceAFewFramesAreQueued() {
        mix.play("ann", 0.5, frame((short) 10_000, 48_000, 1), 48_000, 1, 480);
        mix.play("ann", 0.5, frame((short) 10_000, 48_000, 1), 48_000, 1, 480);
        assertThat(sample(pull(1), 0)).as("20 ms queued: not yet, so that an early pull does not crackle")
                .isZero();
        mix.play("ann", 0.5, frame((short) 10_000, 48_000, 1), 48_000, 1, 480);
        byte[] out = pull(1);
        assertThat((int) sample(out, 0)).isCloseTo(5_000, within(2));
        assertThat((int) sample(out, 479)).isCloseTo(5_000, within(2));
    }

    @Test
    void voicesAddUpAndTheSumClipsInsteadOfWrapping() {
        for (int i = 0; i < 3; i++) {
            mix.play("ann", 2.0, frame((short) 12_000, 48_000, 1), 48_000, 1, 480);
            mix.play("bob", 1.5, frame((short) 8_000, 48_000, 1), 48_000, 1, 480);
        }
        byte[] out = pull(2);
        assertThat(sample(out, 0)).as("24,000 + 12,000 is over full scale").isEqualTo((short) 32_767);
        assertThat(sample(out, 1)).as("the same on the second channel").isEqualTo((short) 32_767);
    }

    @Test
    void stereoInIsFoldedToOneVoiceAndOtherRatesAreConverted() {
        for (int i = 0; i < 4; i++) {
            mix.play("ann", 1.5, frame((short) 4_000, 16_000, 2), 16_000, 2, 160);
        }
        byte[] out = pull(1);
        assertThat((int) sample(out, 100)).isCloseTo(6_000, within(2));
        assertThat((int) sample(out, 479)).as("16 kHz x 40 ms became 48 kHz x 40 ms: a whole pull's worth")
                .isCloseTo(6_000, within(2));
    }

    @Test
    void aVoiceThatRunsAheadIsCutBackInsteadOfLaggingMoreAndMore() {
        for (int i = 0; i < 30; i++) { // 300 ms pushed, nothing pulled
            mix.play("ann", 1.0, frame((short) (1_000 + i), 48_000, 1), 48_000, 1, 480);
        }
        byte[] out = pull(1);
        // past 200 ms queued (the 21st push) it was cut to the newest 30 ms: what plays starts at the 19th push
        assertThat((int) sample(out, 0)).isEqualTo(1_018);
    }

    @Test
    void aForgottenVoiceStopsAtOnce() {
        for (int i = 0; i < 5; i++) {
            mix.play("ann", 0.5, frame((short) 10_000, 48_000, 1), 48_000, 1, 480);
        }
        mix.forget("ann");
        assertThat(sample(pull(1), 0)).as("back at 100 %: libwebrtc plays them, nothing queued here").isZero();
    }

    @Test
    void aVoiceThatRanDryWaitsForAFewFramesBeforePlayingOn() {
        for (int i = 0; i < 3; i++) {
            mix.play("ann", 1.0, frame((short) 3_000, 48_000, 1), 48_000, 1, 480);
        }
        pull(1);
        pull(1);
        pull(1);
        byte[] dry = pull(1);
        assertThat(sample(dry, 0)).isZero();
        mix.play("ann", 1.0, frame((short) 3_000, 48_000, 1), 48_000, 1, 480);
        assertThat(sample(pull(1), 0)).as("one frame after running dry: still waiting").isZero();
    }
}
