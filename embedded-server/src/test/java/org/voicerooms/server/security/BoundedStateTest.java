package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.voicerooms.server.live.RateLimits;

/** Threat: memory growth through keys an attacker chooses (Low): rate-limit buckets stay bounded. */
class BoundedStateTest {

    @Test
    void rateLimitBucketsStayBoundedUnderAFloodOfKeys() {
        RateLimits limits = new RateLimits(5, Duration.ofMinutes(1), "things", Clock.systemUTC());
        long start = System.nanoTime();
        for (int i = 0; i < 300_000; i++) {
            limits.tryTake("key-" + i); // each key spends a token, so none of them is prunable as full
        }
        assertThat(limits.size()).as("buckets kept").isLessThanOrEqualTo(RateLimits.MAX_KEYS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("time for 300,000 keys, ms")
                .isLessThan(20_000);
    }
}
