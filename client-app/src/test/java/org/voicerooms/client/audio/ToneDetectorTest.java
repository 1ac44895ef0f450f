package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToneDetectorTest {

    private static byte[] tone(int hz, double amplitude, int rate, int frames, int channels) {
        byte[] pcm = new byte[frames * channels * 2];
        for (int i = 0; i < frames; i++) {
            short v = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
            for (int c = 0; c < channels; c++) {
                int at = (i * channels + c) * 2;
                pcm[at] = (byte) v;
                pcm[at + 1] = (byte) (v >> 8);
            }
        }
        return pcm;
    }

    @Test
    void namesTheToneInTenMillisecondsOfAudio() {
        ToneDetector d = new ToneDetector(440, 660, 880);
        for (int hz : new int[] {440, 660, 880}) {
            ToneDetector.Reading r = d.read(tone(hz, 0.5, 48_000, 480, 2), 2, 480, 48_000, 0.5);
            assertThat(r.tone()).isEqualTo(hz);
            assertThat(r.dbfs()).isBetween(-10.0, -8.0); // a 0.5 sine is -9 dBFS RMS
        }
    }

    @Test
    void silenceAndNoiseAreNoTone() {
        ToneDetector d = new ToneDetector(440, 660, 880);
        assertThat(d.read(new byte[960], 1, 480, 48_000, 0.5).tone()).isZero();
        assertThat(d.read(new byte[960], 1, 480, 48_000, 0.5).dbfs()).isEqualTo(-120);
        byte[] noise = new byte[960];
        new java.util.Random(7).nextBytes(noise);
        assertThat(d.read(noise, 1, 480, 48_000, 0.5).tone()).isZero();
    }
}
