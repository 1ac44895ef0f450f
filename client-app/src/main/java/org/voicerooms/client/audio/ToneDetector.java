package org.voicerooms.client.audio;

/**
 * Finds which of a few known tones is in a stretch of 16-bit PCM (Goertzel filters), and how loud the audio is.
 * Used by the bot and the audio tests to say "I hear 440 Hz" from the samples a remote track delivers.
 */
public final class ToneDetector {

    private final int[] frequencies;

    public ToneDetector(int... frequencies) {
        this.frequencies = frequencies.clone();
    }

    /** What one buffer holds: RMS level in dBFS and the strongest known tone (0 when none stands out). */
    public record Reading(double dbfs, int tone, double toneShare) {
    }

    /**
     * Reads interleaved little-endian 16-bit PCM; only the first channel is used.
     *
     * @param toneShare the dominant tone's share of the signal's energy for it to count (0..1)
     */
    public Reading read(byte[] pcm, int channels, int frames, int sampleRate, double toneShare) {
        double[] x = new double[frames];
        double energy = 0;
        for (int i = 0; i < frames; i++) {
            int at = i * channels * 2;
            if (at + 1 >= pcm.length) {
                break;
            }
            double v = (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8)) / 32768.0;
            x[i] = v;
            energy += v * v;
        }
        double rms = Math.sqrt(energy / Math.max(1, frames));
        double dbfs = rms <= 1e-9 ? -120 : 20 * Math.log10(rms);
        int best = 0;
        double bestShare = 0;
        for (int f : frequencies) {
            double power = goertzel(x, frames, f, sampleRate);
            // Power of a pure tone of amplitude A over N samples is (A*N/2)^2; energy is A^2*N/2.
            double share = energy <= 1e-12 ? 0 : 2 * power / (frames * energy);
            if (share > bestShare) {
                bestShare = share;
                best = f;
            }
        }
        return new Reading(dbfs, bestShare >= toneShare ? best : 0, bestShare);
    }

    private static double goertzel(double[] x, int n, int frequency, int sampleRate) {
        double w = 2 * Math.PI * frequency / sampleRate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            double s0 = x[i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        return s1 * s1 + s2 * s2 - coeff * s1 * s2;
    }
}
