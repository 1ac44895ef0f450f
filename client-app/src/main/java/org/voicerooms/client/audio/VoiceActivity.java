package org.voicerooms.client.audio;

/**
 * Debounced voice activity from a stream of microphone levels, one per {@link #TICK_MS}: speaking starts after the
 * level stays at or above {@link #ON_LEVEL} for {@link #ON_TICKS} ticks, and stops after it stays below
 * {@link #OFF_LEVEL} for {@link #OFF_TICKS} ticks, so a breath or a pause between words does not flicker the ring
 * and the room is not flooded with changes. Not thread-safe: one caller.
 */
final class VoiceActivity {

    static final long TICK_MS = 100;
    /** Levels are linear, 0 to 1 of full scale: 0.03 is about -30 dBFS, normal speech sits well above it. */
    static final double ON_LEVEL = 0.03;
    static final double OFF_LEVEL = 0.015;
    static final int ON_TICKS = 2;
    static final int OFF_TICKS = 8;

    private boolean speaking;
    private int run;

    /** Takes the next level; returns the new state when it changed, else null. */
    Boolean offer(double level) {
        boolean toward = speaking ? level >= OFF_LEVEL : level >= ON_LEVEL;
        if (toward == speaking) {
            run = 0;
            return null;
        }
        run++;
        if (run >= (speaking ? OFF_TICKS : ON_TICKS)) {
            speaking = !speaking;
            run = 0;
            return speaking;
        }
        return null;
    }

    boolean speaking() {
        return speaking;
    }
}
