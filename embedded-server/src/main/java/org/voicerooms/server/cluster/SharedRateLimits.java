package org.voicerooms.server.cluster;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voicerooms.server.live.RateLimits;

/**
 * Rate-limit buckets of every node of a cluster in Redis, through bucket4j's Lettuce backend (compare-and-swap on
 * one key per bucket). A bucket's key expires once it would have refilled, so quiet keys leave nothing behind.
 * The buckets read time from the node's clock, like the local ones.
 */
public final class SharedRateLimits implements RateLimits.Shared {

    private static final String PREFIX = "vr:rl:";

    private final ProxyManager<String> buckets;
    private final Map<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    public SharedRateLimits(RedisLink redis, Clock clock) {
        TimeMeter meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        this.buckets = Bucket4jLettuce.casBasedBuilder(redis.bytes())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(1)))
                .clientClock(meter)
                .requestTimeout(RedisLink.COMMAND_TIMEOUT)
                .build();
    }

    @Override
    public boolean tryTake(String key, long capacity, Duration period) {
        BucketConfiguration configuration = configurations.computeIfAbsent(capacity + "/" + period,
                k -> BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period)).build());
        return buckets.builder().build(PREFIX + key, () -> configuration).tryConsume(1);
    }
}
