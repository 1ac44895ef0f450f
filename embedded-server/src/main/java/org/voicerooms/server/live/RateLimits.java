package org.voicerooms.server.live;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/**
 * Token buckets (bucket4j) per key, on the server's clock so tests can move time. {@link #check} answers
 * RATE_LIMITED when a key has no token left; buckets that refilled completely are pruned now and then, and the
 * number of keys is bounded ({@link #MAX_KEYS}) so a flood of new keys cannot grow the map without end.
 */
public final class RateLimits {

    /** Keys kept at most; past it, arbitrary busy keys are forgotten (they start again with a full bucket). */
    public static final int MAX_KEYS = 100_000;
    private static final int PRUNE_FROM = 10_000;

    /**
     * Buckets kept outside this process (Redis in a cluster), so every node counts against one budget per key.
     * Implementations are thread-safe.
     */
    public interface Shared {
        /**
         * Takes one token of bucket {@code key} holding {@code capacity} per {@code period}.
         *
         * @return false when the bucket is empty
         * @throws RuntimeException when the shared store does not answer; the caller then counts locally
         */
        boolean tryTake(String key, long capacity, Duration period);
    }

    private final long capacity;
    private final Duration period;
    private final String what;
    private final TimeMeter meter;
    private final Shared shared;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    /** Size that triggers the next prune; doubles while pruning frees little, so a flood of keys stays linear. */
    private volatile int pruneAt = PRUNE_FROM;

    /**
     * @param capacity events allowed per {@code period} (also the burst)
     * @param what     the action, for the error message ("joins", "chat messages")
     */
    public RateLimits(long capacity, Duration period, String what, Clock clock) {
        this(capacity, period, what, clock, null);
    }

    /**
     * Limits counted in {@code shared} (null: in this process only). While the shared store does not answer, each
     * node counts alone, so a budget holds per node instead of per cluster until it is back.
     */
    public RateLimits(long capacity, Duration period, String what, Clock clock, Shared shared) {
        this.shared = shared;
        this.capacity = capacity;
        this.period = period;
        this.what = what;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one token for {@code key}; RATE_LIMITED when none is left. */
    public void check(String key) {
        if (!tryTake(key)) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many " + what + "; at most " + capacity + " per "
                    + human(period));
        }
    }

    /** Takes one token for {@code key}; false when none is left. */
    public boolean tryTake(String key) {
        if (shared != null) {
            try {
                return shared.tryTake(what + ":" + key, capacity, period);
            } catch (RuntimeException e) {
                // the shared store is away: count on this node alone until it answers again
            }
        }
        if (buckets.size() > pruneAt) {
            bound();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                .withCustomTimePrecision(meter).build()).tryConsume(1);
    }

    private synchronized void bound() {
        if (buckets.size() <= pruneAt) {
            return;
        }
        prune();
        var keys = buckets.keySet().iterator();
        while (buckets.size() > MAX_KEYS * 9 / 10 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
        pruneAt = Math.min(MAX_KEYS, Math.max(PRUNE_FROM, buckets.size() * 2));
    }

    /** Keys with a bucket now. */
    public int size() {
        return buckets.size();
    }

    /** Forgets buckets that are full again (their keys have been quiet for a whole period). */
    public void prune() {
        buckets.entrySet().removeIf(e -> e.getValue().getAvailableTokens() >= capacity);
    }

    private static String human(Duration d) {
        if (d.toHours() >= 1 && d.toMinutesPart() == 0 && d.toSecondsPart() == 0) {
            return d.toHours() == 1 ? "hour" : d.toHours() + " hours";
        }
        if (d.toMinutes() >= 1 && d.toSecondsPart() == 0) {
            return d.toMinutes() == 1 ? "minute" : d.toMinutes() + " minutes";
        }
        return d.toSeconds() == 1 ? "second" : d.toSeconds() + " seconds";
    }
}
