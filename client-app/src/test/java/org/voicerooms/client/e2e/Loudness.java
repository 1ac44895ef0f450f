package org.voicerooms.client.e2e;

/** What a speaker played, judged as an ear would: loudness of 16-bit mono PCM at 48 kHz. */
final class Loudness {

    private static final int PIECE = 480; // 10 ms

    private Loudness() {
    }

    /** RMS in dBFS; -120 for silence. */
    static double dbfs(byte[] pcm) {
        int n = pcm.length / 2;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = sample(pcm, i);
            sum += s * s;
        }
        double rms = n == 0 ? 0 : Math.sqrt(sum / n);
        return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
    }

    /** The share of 10 ms pieces 10 dB or more under the median piece: 0 for sound that is whole. */
    static double dropouts(byte[] pcm) {
        int pieces = pcm.length / 2 / PIECE;
        if (pieces == 0) {
            return 0;
        }
        double[] power = new double[pieces];
        for (int i = 0; i < pieces * PIECE; i++) {
            double s = sample(pcm, i);
            power[i / PIECE] += s * s;
        }
        double[] sorted = power.clone();
        java.util.Arrays.sort(sorted);
        double median = sorted[pieces / 2];
        if (median == 0) {
            return 0;
        }
        return (double) java.util.Arrays.stream(power).filter(p -> p < median / 10).count() / pieces;
    }

    private static double sample(byte[] pcm, int i) {
        return (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768.0;
    }
}
