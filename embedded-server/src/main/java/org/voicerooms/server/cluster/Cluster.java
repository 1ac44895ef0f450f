package org.voicerooms.server.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.server.NodeInfo;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.live.RateLimits;

/**
 * What one node of a cluster shares with the others through Redis: the node registry and the rate-limit buckets.
 * {@link #connect} at start (it fails fast when Redis does not answer), {@link #register} once the port is bound,
 * {@link #close} at stop.
 */
public final class Cluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    private final RedisLink redis;
    private final Clock clock;
    private final ObjectMapper json;
    private final SharedRateLimits limits;
    private volatile NodeRegistry registry;
    private ScheduledExecutorService sweeper;

    private Cluster(RedisLink redis, Clock clock, ObjectMapper json) {
        this.redis = redis;
        this.clock = clock;
        this.json = json;
        this.limits = new SharedRateLimits(redis, clock);
    }

    /**
     * Connects to the Redis of {@code config}.
     *
     * @throws RedisUnreachableException when it does not answer
     */
    public static Cluster connect(ServerConfig config, Clock clock, ObjectMapper json) {
        return new Cluster(RedisLink.connect(config.redisUri()), clock, json);
    }

    /** The Redis connections, for the live store and bus. */
    public RedisLink redis() {
        return redis;
    }

    /** Rate-limit buckets shared by every node. */
    public RateLimits.Shared rateLimits() {
        return limits;
    }

    /**
     * Enters this node into the registry under {@code nodeId} (the id live room members' {@code node} names) and
     * keeps it there with heartbeats.
     */
    public void register(ServerConfig config, String nodeId, int port, IntSupplier connections) {
        String url = config.nodeUrl() != null ? config.nodeUrl().replaceAll("/$", "") : defaultUrl(config, port);
        registry = new NodeRegistry(redis, json, nodeId, url, clock, connections);
    }

    private static String defaultUrl(ServerConfig config, int port) {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return (config.tls() ? "https" : "http") + "://" + host + ":" + port;
    }

    /**
     * Checks every heartbeat for nodes whose heartbeat expired (killed, cut off, or stopped) and hands each to
     * {@code takeOver} (which moves its members into the reconnect grace), then forgets it. Call after
     * {@link #register}.
     */
    public synchronized void sweepDeadNodes(ToIntFunction<String> takeOver) {
        NodeRegistry r = registry;
        if (r == null || sweeper != null) {
            return;
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(t -> {
            Thread thread = new Thread(t, "voicerooms-node-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                for (String dead : r.dead()) {
                    if (!dead.equals(r.id())) {
                        LOG.info("Node {} stopped beating; taking over its members", dead);
                        takeOver.applyAsInt(dead);
                        r.forget(dead);
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("Dead node sweep skipped: {}", e.getMessage());
            }
        }, NodeRegistry.HEARTBEAT.toMillis(), NodeRegistry.HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The live nodes, this one first; empty before {@link #register}. */
    public List<NodeInfo> nodes() {
        NodeRegistry r = registry;
        return r == null ? List.of() : r.live();
    }

    /** The registry, null before {@link #register}. */
    public NodeRegistry registry() {
        return registry;
    }

    /** Tells the other nodes and clients that this node is stopping. */
    public void drain() {
        NodeRegistry r = registry;
        if (r != null) {
            r.drain();
        }
    }

    /** Whether this node is stopping (after {@link #drain}). */
    public boolean draining() {
        NodeRegistry r = registry;
        return r != null && r.draining();
    }

    /** Whether Redis answers a PING within a second. */
    public boolean redisAnswers() {
        return redis.answers(Duration.ofSeconds(1));
    }

    /** Leaves the registry and closes the connections. */
    @Override
    public void close() {
        synchronized (this) {
            if (sweeper != null) {
                sweeper.shutdownNow();
            }
        }
        try {
            NodeRegistry r = registry;
            if (r != null) {
                r.close();
            }
        } finally {
            redis.close();
        }
    }
}
