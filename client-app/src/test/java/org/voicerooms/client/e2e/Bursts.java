package org.voicerooms.client.e2e;

import java.util.ArrayList;
import java.util.List;

/**
 * Matches the latency benchmark's bursts to the onsets found at the listener. Each burst is coded by its tone,
 * cycling through {@link #TONES}, so a burst can only be taken for another one {@code TONES.length} bursts away;
 * with bursts about a second apart, that needs a delay of five seconds, past the matching window. A delay longer
 * than a burst spacing is therefore reported as itself (1,040 ms), never as the gap to the next burst (40 ms), and a
 * burst whose tone never arrives is counted as lost instead of borrowing a neighbour's onset.
 */
final class Bursts {

    /** Burst tones in Hz, multiples of 200 so that 10 ms Goertzel windows separate them cleanly. */
    static final int[] TONES = {600, 800, 1000, 1200, 1400};

    private Bursts() {
    }

    /** A burst written into the talker's microphone: when its first sample went in, and its tone. */
    record Burst(long atNanos, int tone) {
    }

    /** A burst onset found at the listener: when, and the tone recognised in it (0: none stood out). */
    record Onset(long atNanos, int tone) {
    }

    /**
     * The matching: latencies of the bursts found, in burst order, the bursts lost, and the onsets whose tone was
     * not recognised (not counted as found).
     */
    record Match(List<Double> latenciesMs, int lost, int unidentified) {
    }

    /** The tone of burst number {@code i}. */
    static int toneOf(int i) {
        return TONES[Math.floorMod(i, TONES.length)];
    }

    /**
     * The longest window that cannot take a burst for another with the same tone, for bursts at least
     * {@code spacingNanos} apart: a little under {@code TONES.length} spacings.
     */
    static long safeWindow(long spacingNanos) {
        return spacingNanos * TONES.length - spacingNanos / 2;
    }

    /**
     * Each burst takes the first onset with its tone within {@code windowNanos} after it that no earlier burst took.
     *
     * @throws IllegalArgumentException if the window is wider than {@link #safeWindow} of the bursts' spacing
     */
    static Match match(List<Burst> bursts, List<Onset> onsets, long windowNanos) {
        long spacing = Long.MAX_VALUE;
        for (int i = 1; i < bursts.size(); i++) {
            spacing = Math.min(spacing, bursts.get(i).atNanos() - bursts.get(i - 1).atNanos());
        }
        if (bursts.size() > 1 && windowNanos > safeWindow(spacing)) {
            throw new IllegalArgumentException("a " + windowNanos / 1_000_000 + " ms window can alias bursts "
                    + spacing / 1_000_000 + " ms apart");
        }
        boolean[] taken = new boolean[onsets.size()];
        List<Double> latencies = new ArrayList<>();
        int lost = 0;
        for (Burst b : bursts) {
            int found = -1;
            for (int i = 0; i < onsets.size() && found < 0; i++) {
                Onset o = onsets.get(i);
                if (!taken[i] && o.tone() == b.tone() && o.atNanos() >= b.atNanos()
                        && o.atNanos() < b.atNanos() + windowNanos) {
                    found = i;
                }
            }
            if (found < 0) {
                lost++;
            } else {
                taken[found] = true;
                latencies.add((onsets.get(found).atNanos() - b.atNanos()) / 1e6);
            }
        }
        int unidentified = (int) onsets.stream().filter(o -> o.tone() == 0).count();
        return new Match(latencies, lost, unidentified);
    }
}
