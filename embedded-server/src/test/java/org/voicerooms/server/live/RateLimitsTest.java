package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.voicerooms.server.testing.MutableClock;

/** Token buckets refill on the server's clock, by the share of the period that passed. */
class RateLimitsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final RateLimits limits = new RateLimits(5, Duration.ofSeconds(10), "chat messages", clock);

    private int taken(String key, int tries) {
        int n = 0;
        for (int i = 0; i < tries; i++) {
            n += limits.tryTake(key) ? 1 : 0;
        }
        return n;
    }

    @Test
    void aBucketRefillsByThePartOfThePeriodThatPassed() {
        assertThat(taken("a", 8)).as("the burst").isEqualTo(5);
        clock.advance(Duration.ofSeconds(4)); // 4/10 of a period: 2 of 5 tokens
        assertThat(taken("a", 5)).isEqualTo(2);
        clock.advance(Duration.ofMillis(1_999));
        assertThat(taken("a", 1)).as("not a whole token yet").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(taken("a", 5)).isEqualTo(1);
        assertThat(taken("b", 6)).as("keys do not share").isEqualTo(5);
    }

    @Test
    void aQuietKeyIsPrunedOnceFullAgain() {
        taken("a", 5);
        limits.prune();
        assertThat(limits.size()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10));
        limits.prune();
        assertThat(limits.size()).isZero();
    }
}
