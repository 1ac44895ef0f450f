package org.voicerooms.server.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.voicerooms.server.live.Scheduler;

/**
 * A {@link Scheduler} on a {@link MutableClock}: nothing runs until the test calls {@link #advance}, which moves
 * the clock and runs every task that has come due, in due order (a task scheduled by a running task runs too if
 * it falls due inside the advance). Single-threaded: tasks run on the test's thread.
 */
public final class ManualScheduler implements Scheduler {

    private final MutableClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private final class Task implements Timer {
        Instant due;
        final long order = sequence++;
        final Runnable run;
        final Duration period;
        boolean cancelled;

        Task(Instant due, Runnable run, Duration period) {
            this.due = due;
            this.run = run;
            this.period = period;
        }

        @Override
        public void cancel() {
            synchronized (ManualScheduler.this) {
                cancelled = true;
                tasks.remove(this);
            }
        }
    }

    public ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Timer schedule(Duration delay, Runnable task) {
        Task t = new Task(clock.instant().plus(delay), task, null);
        tasks.add(t);
        return t;
    }

    @Override
    public synchronized Timer every(Duration period, Runnable task) {
        Task t = new Task(clock.instant().plus(period), task, period);
        tasks.add(t);
        return t;
    }

    @Override
    public long nanoTime() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public synchronized int pending() {
        return tasks.size();
    }

    /** Moves the clock by {@code amount}, running the tasks that fall due on the way, each at its due time. */
    public void advance(Duration amount) {
        Instant end = clock.instant().plus(amount);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due.isAfter(end))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    break;
                }
                if (next.due.isAfter(clock.instant())) {
                    clock.set(next.due);
                }
                if (next.period != null) {
                    next.due = next.due.plus(next.period);
                } else {
                    tasks.remove(next);
                }
            }
            next.run.run();
        }
        clock.set(end);
    }
}
