package org.voicerooms.server.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.server.NodeInfo;

/**
 * The live nodes of a cluster, in Redis. Each node writes {@code vr:node:ID} (its {@link NodeInfo}) with a time to
 * live of {@link #TTL} every {@link #HEARTBEAT}, and keeps its id in the set {@code vr:nodes}. A node that stops
 * beating (killed, cut off) disappears from {@link #live()} within {@link #TTL}; {@link #dead()} then names it until
 * a survivor that took over its members calls {@link #forget}. A graceful stop removes the node's entry at once
 * and leaves its id, so a survivor takes over the members still in their reconnect grace there.
 */
public final class NodeRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
    /** How often a node renews its entry. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(2);
    /**
     * How long an entry lives without renewal: five missed heartbeats mean the node is gone. Shorter lets a busy
     * node (a long GC pause, a starved CPU) be taken for dead while it still holds its members; 3 s did, under load.
     */
    public static final Duration TTL = Duration.ofSeconds(10);
    static final String NODES = "vr:nodes";

    private final RedisLink redis;
    private final ObjectMapper json;
    private final String id;
    private final String url;
    private final String startedAt;
    private final IntSupplier connections;
    private final ScheduledExecutorService beats;
    private volatile boolean draining;
    private volatile boolean reachable = true;

    /**
     * Registers this node and starts beating.
     *
     * @param connections realtime connections this node holds, read at every beat
     */
    public NodeRegistry(RedisLink redis, ObjectMapper json, String id, String url, Clock clock,
                        IntSupplier connections) {
        this.redis = redis;
        this.json = json;
        this.id = id;
        this.url = url;
        this.startedAt = clock.instant().toString();
        this.connections = connections;
        this.beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-node-heartbeat");
            t.setDaemon(true);
            return t;
        });
        beat();
        beats.scheduleWithFixedDelay(this::beat, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    static String key(String nodeId) {
        return "vr:node:" + nodeId;
    }

    /** This node's id. */
    public String id() {
        return id;
    }

    /** This node as it announces itself now. */
    public NodeInfo self() {
        return new NodeInfo(id, url, connections.getAsInt(), startedAt, draining);
    }

    /** Marks this node as stopping in its next beat (done at once here): clients should go elsewhere. */
    public void drain() {
        draining = true;
        beat();
    }

    /** Whether {@link #drain} was called. */
    public boolean draining() {
        return draining;
    }

    /** Whether the last beat reached Redis. */
    public boolean reachable() {
        return reachable;
    }

    private void beat() {
        try {
            RedisCommands<String, String> redis = this.redis.strings().sync();
            redis.set(key(id), json.writeValueAsString(self()), SetArgs.Builder.px(TTL.toMillis()));
            redis.sadd(NODES, id);
            if (!reachable) {
                LOG.info("Redis at {} answers again; node {} registered", this.redis.address(), id);
            }
            reachable = true;
        } catch (RedisException | JsonProcessingException e) {
            if (reachable) {
                LOG.warn("Node {} cannot reach Redis at {} ({}); serving what it can alone and retrying every {} ms",
                        id, this.redis.address(), e.getMessage(), HEARTBEAT.toMillis());
            }
            reachable = false;
        } catch (RuntimeException e) {
            LOG.error("Heartbeat of node {} failed", id, e);
        }
    }

    /** The nodes whose heartbeat is current, this one first, then by id; just this one when Redis does not answer. */
    public List<NodeInfo> live() {
        List<NodeInfo> nodes = new ArrayList<>();
        try {
            for (KeyValue<String, String> entry : entries()) {
                if (entry.hasValue()) {
                    NodeInfo node = json.readValue(entry.getValue(), NodeInfo.class);
                    if (!node.id().equals(id)) {
                        nodes.add(node);
                    }
                }
            }
        } catch (RedisException | JsonProcessingException e) {
            LOG.debug("Cannot list the nodes: {}", e.getMessage());
            nodes.clear();
        }
        nodes.sort(Comparator.comparing(NodeInfo::id));
        nodes.add(0, self());
        return nodes;
    }

    /** Ids of nodes that were registered and whose heartbeat expired: their members need a new home. */
    public List<String> dead() {
        List<String> dead = new ArrayList<>();
        for (KeyValue<String, String> entry : entries()) {
            if (!entry.hasValue()) {
                dead.add(entry.getKey().substring(key("").length()));
            }
        }
        return dead;
    }

    private List<KeyValue<String, String>> entries() {
        RedisCommands<String, String> redis = this.redis.strings().sync();
        Set<String> ids = redis.smembers(NODES);
        if (ids.isEmpty()) {
            return List.of();
        }
        return redis.mget(ids.stream().map(NodeRegistry::key).toArray(String[]::new));
    }

    /** Drops a dead node from the registry once its members have been taken care of. */
    public void forget(String nodeId) {
        redis.strings().sync().srem(NODES, nodeId);
    }

    /**
     * Stops beating and removes this node's entry (if Redis answers); its id stays in {@code vr:nodes} for a
     * survivor to take over its members. Idempotent.
     */
    @Override
    public void close() {
        if (beats.isShutdown()) {
            return;
        }
        beats.shutdownNow();
        try {
            beats.awaitTermination(2, TimeUnit.SECONDS);
            RedisCommands<String, String> redis = this.redis.strings().sync();
            redis.del(key(id));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RedisException e) {
            LOG.warn("Node {} could not unregister from Redis: {}", id, e.getMessage());
        }
    }
}
