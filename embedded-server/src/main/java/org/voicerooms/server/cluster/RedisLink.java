package org.voicerooms.server.cluster;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections of one node to its Redis, through Lettuce. Lettuce connections are thread-safe and multiplexed, so
 * one connection serves every thread of the node. They reconnect by themselves after a Redis restart; while Redis is
 * away commands fail at once (rather than queue without bound), and the callers fall back to what they can do alone.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    /** How long one command may take before it counts as failed. */
    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisClient client;
    private final String address;
    private final StatefulRedisConnection<String, String> strings;
    private final StatefulRedisConnection<String, byte[]> bytes;

    private RedisLink(RedisClient client, String address, StatefulRedisConnection<String, String> strings,
                      StatefulRedisConnection<String, byte[]> bytes) {
        this.client = client;
        this.address = address;
        this.strings = strings;
        this.bytes = bytes;
    }

    /**
     * Connects to {@code uri} and checks that Redis answers.
     *
     * @throws RedisUnreachableException naming the address when it does not
     */
    public static RedisLink connect(String uri) {
        RedisURI redisUri = RedisURI.create(uri);
        String address = redisUri.getHost() + ":" + redisUri.getPort();
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .build());
        try {
            StatefulRedisConnection<String, String> strings = client.connect();
            StatefulRedisConnection<String, byte[]> bytes = client.connect(
                    RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
            strings.sync().ping();
            LOG.info("Connected to Redis at {}", address);
            return new RedisLink(client, address, strings, bytes);
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
            throw new RedisUnreachableException("cannot reach Redis at " + address + " (" + rootMessage(e) + ")", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** host:port of the Redis, for logs. */
    public String address() {
        return address;
    }

    /** Commands with text keys and values; thread-safe. */
    public StatefulRedisConnection<String, String> strings() {
        return strings;
    }

    /** Commands with text keys and binary values (bucket4j's buckets); thread-safe. */
    public StatefulRedisConnection<String, byte[]> bytes() {
        return bytes;
    }

    /** A new publish/subscribe connection; it re-subscribes by itself after a reconnect. Close it when done. */
    public StatefulRedisPubSubConnection<String, String> pubSub() {
        return client.connectPubSub();
    }

    /** Whether Redis answers a PING within {@code timeout}. */
    public boolean answers(Duration timeout) {
        try {
            strings.async().ping().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RedisException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            strings.close();
            bytes.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
