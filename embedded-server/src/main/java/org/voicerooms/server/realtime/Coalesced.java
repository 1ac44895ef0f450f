package org.voicerooms.server.realtime;

/**
 * The last value of one of a member's flags (speaking, muted) that this node's sockets were told, and when. Voice
 * activity can flip many times a second, and each flip is one message to every member: a room of a thousand
 * listening to a chatty stage would carry a thousand times the flips. So a flag is broadcast at most once per
 * window; changes inside a window are folded into one flush at its end that sends the latest value if it differs
 * from the last one sent. Times are the scheduler's nanoseconds. Guarded by the caller.
 */
final class Coalesced {

    private Boolean sent;
    private long sentAtNanos;
    private boolean flushPending;
    /** The newest value, which a flush sends. */
    boolean latest;

    /** The room was told {@code value} at {@code nowNanos}. */
    void sent(boolean value, long nowNanos) {
        sent = value;
        latest = value;
        sentAtNanos = nowNanos;
    }

    /** Whether {@code value} differs from what the room was last told. */
    boolean differs(boolean value) {
        return sent == null || sent != value;
    }

    /**
     * For a change now: 0 to send at once, -1 to do nothing (a flush is already due), or the nanoseconds until
     * the window ends, after which the caller flushes (and this records the flush as pending).
     */
    long delay(long windowNanos, long nowNanos) {
        if (flushPending) {
            return -1;
        }
        long wait = sent == null ? 0 : sentAtNanos + windowNanos - nowNanos;
        if (wait <= 0) {
            return 0;
        }
        flushPending = true;
        return wait;
    }

    /** The flush ran. */
    void flushed() {
        flushPending = false;
    }
}
