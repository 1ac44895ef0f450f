package org.voicerooms.server.live;

import java.time.Duration;

/**
 * Timers of the live core (reconnect grace, coalescing windows, the periodic sweep), injectable so tests move
 * time and see them fire. {@link ExecutorScheduler} runs on wall time.
 */
public interface Scheduler {

    /** A scheduled task; cancelling one that ran or was cancelled does nothing. */
    @FunctionalInterface
    interface Timer {
        void cancel();
    }

    /** Runs {@code task} once after {@code delay}. */
    Timer schedule(Duration delay, Runnable task);

    /** Runs {@code task} every {@code period}, first after one period. */
    Timer every(Duration period, Runnable task);

    /** A monotonic time in nanoseconds, for windows measured on this scheduler's time. */
    long nanoTime();

    /** Tasks scheduled and not yet run or cancelled. */
    int pending();
}
