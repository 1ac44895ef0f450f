package org.voicerooms.server.live.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.server.cluster.RedisLink;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveEvent;

/**
 * The {@link LiveBus} of a cluster, over Redis publish/subscribe. Each room has its channel
 * {@code vr:live:room:ID}; a node subscribes to the channel of a room when something on it subscribes to that room,
 * and leaves it with the last subscriber, so it only receives rooms it has members in. {@link LiveEvent.Direct}
 * events go on {@code vr:live:direct}, which every node hears (their addressee may be in no room). A node hears its
 * own publications back from Redis like everyone else's, so every node sees one room's batches in the same order:
 * the order Redis received them, which is commit order (the engine publishes before it lets the room go).
 *
 * <p>Batches are delivered on one thread of this bus, in the order they arrived, never on Lettuce's I/O thread (a
 * subscriber may call Redis). While Redis is away a publication reaches this node's subscribers only.
 *
 * <p>A room's SUBSCRIBE and UNSUBSCRIBE leave in the order its subscribers came and went (one lock orders them; the
 * calls do not wait for Redis under it), and {@link #subscribe} returns once Redis confirmed. One that fails (Redis
 * away, or too slow) is tried again every {@link #RETRY} until it goes through, so a room subscribed during an
 * outage is heard once Redis is back; the connection itself re-subscribes what Redis had confirmed before.
 */
public final class RedisLiveBus implements LiveBus, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLiveBus.class);
    static final String ROOM_CHANNEL = "vr:live:room:";
    static final String DIRECT_CHANNEL = "vr:live:direct";
    private static final String ALL_PATTERN = ROOM_CHANNEL + "*";
    /** How often failed room subscriptions are tried again. */
    static final java.time.Duration RETRY = java.time.Duration.ofSeconds(1);
    /** How long {@link #subscribe} waits for Redis to confirm before leaving the room to the retries. */
    private static final long CONFIRM_MILLIS = 2_000;

    /** One commit's events as they travel. */
    record Batch(String roomId, long version, List<LiveEvent> events) {
    }

    private final RedisLink redis;
    private final ObjectMapper json;
    private final StatefulRedisPubSubConnection<String, String> pubSub;
    private final ScheduledExecutorService delivery;
    private final Map<String, List<Subscriber>> rooms = new ConcurrentHashMap<>();
    /** Orders the room channel commands; guards {@link #retry}. */
    private final Object channels = new Object();
    /** Rooms whose last SUBSCRIBE or UNSUBSCRIBE failed: Redis may not be in the state {@link #rooms} says. */
    private final Set<String> retry = new java.util.HashSet<>();
    private boolean warned;
    private final List<Subscriber> all = new CopyOnWriteArrayList<>();
    private final List<Subscriber> direct = new CopyOnWriteArrayList<>();
    private volatile boolean publishFailing;

    public RedisLiveBus(RedisLink redis, ObjectMapper json) {
        this.redis = redis;
        this.json = json;
        this.delivery = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-live-bus");
            t.setDaemon(true);
            return t;
        });
        this.pubSub = redis.pubSub();
        pubSub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                delivery.execute(() -> receive(channel, message, false));
            }

            @Override
            public void message(String pattern, String channel, String message) {
                delivery.execute(() -> receive(channel, message, true));
            }
        });
        pubSub.sync().subscribe(DIRECT_CHANNEL);
        delivery.scheduleWithFixedDelay(this::retryFailed, RETRY.toMillis(), RETRY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void publish(String roomId, long version, List<LiveEvent> events) {
        List<LiveEvent> toRoom = events.stream().filter(e -> !(e instanceof LiveEvent.Direct)).toList();
        List<LiveEvent> toUsers = events.stream().filter(e -> e instanceof LiveEvent.Direct).toList();
        if (!toRoom.isEmpty()) {
            send(ROOM_CHANNEL + roomId, new Batch(roomId, version, toRoom));
        }
        if (!toUsers.isEmpty()) {
            send(DIRECT_CHANNEL, new Batch(roomId, version, toUsers));
        }
    }

    private void send(String channel, Batch batch) {
        String text;
        try {
            text = json.writeValueAsString(batch);
        } catch (JsonProcessingException e) {
            LOG.error("Cannot encode the events of room {}", batch.roomId(), e);
            return;
        }
        // async: publications of one connection leave in call order, and the room is not held while Redis answers
        redis.strings().async().publish(channel, text).whenComplete((receivers, failure) -> {
            if (failure == null) {
                publishFailing = false;
                return;
            }
            if (!publishFailing) {
                LOG.warn("Cannot publish on Redis ({}); events reach this node's connections only until it is back",
                        failure.getMessage());
            }
            publishFailing = true;
            delivery.execute(() -> deliverLocally(channel, batch));
        });
    }

    private void receive(String channel, String message, boolean viaPattern) {
        Batch batch;
        try {
            batch = json.readValue(message, Batch.class);
        } catch (JsonProcessingException e) {
            LOG.error("Unreadable batch on {}", channel, e);
            return;
        }
        if (channel.equals(DIRECT_CHANNEL)) {
            deliver(direct, batch);
        } else if (viaPattern) {
            deliver(all, batch);
        } else {
            deliver(rooms.getOrDefault(batch.roomId(), List.of()), batch);
        }
    }

    private void deliverLocally(String channel, Batch batch) {
        if (channel.equals(DIRECT_CHANNEL)) {
            deliver(direct, batch);
            return;
        }
        deliver(rooms.getOrDefault(batch.roomId(), List.of()), batch);
        deliver(all, batch);
    }

    private static void deliver(List<Subscriber> to, Batch batch) {
        for (Subscriber s : to) {
            try {
                s.deliver(batch.roomId(), batch.version(), batch.events());
            } catch (RuntimeException e) {
                LOG.error("A subscriber failed on events of room {}", batch.roomId(), e);
            }
        }
    }

    @Override
    public Subscription subscribe(String roomId, Subscriber subscriber) {
        RedisFuture<Void> confirmed = null;
        synchronized (channels) {
            List<Subscriber> list = rooms.computeIfAbsent(roomId, k -> new CopyOnWriteArrayList<>());
            list.add(subscriber);
            if (list.size() == 1) {
                confirmed = channelCommand(roomId, true);
            }
        }
        if (confirmed != null) {
            awaitConfirmed(roomId, confirmed);
        }
        return () -> {
            synchronized (channels) {
                List<Subscriber> list = rooms.get(roomId);
                if (list != null && list.remove(subscriber) && list.isEmpty()) {
                    rooms.remove(roomId);
                    channelCommand(roomId, false);
                }
            }
        };
    }

    /** Sends the room's SUBSCRIBE or UNSUBSCRIBE; a failure marks the room for {@link #retryFailed}. */
    private RedisFuture<Void> channelCommand(String roomId, boolean subscribe) {
        String channel = ROOM_CHANNEL + roomId;
        RedisFuture<Void> future;
        try {
            future = subscribe ? pubSub.async().subscribe(channel) : pubSub.async().unsubscribe(channel);
        } catch (RedisException e) {
            failed(roomId, subscribe, e);
            return null;
        }
        future.whenComplete((ok, failure) -> {
            if (failure != null) {
                failed(roomId, subscribe, failure);
            } else {
                succeeded(roomId);
            }
        });
        return future;
    }

    private void succeeded(String roomId) {
        boolean recovered;
        synchronized (channels) {
            recovered = retry.remove(roomId) && retry.isEmpty() && warned;
            if (recovered) {
                warned = false;
            }
        }
        if (recovered) {
            LOG.info("Room subscriptions are in line with Redis again");
        }
    }

    private void failed(String roomId, boolean subscribe, Throwable failure) {
        boolean first;
        synchronized (channels) {
            retry.add(roomId);
            first = !warned;
            warned = true;
        }
        if (first) {
            LOG.warn("Cannot {} room {} on Redis now ({}); retried every {} ms until it is back",
                    subscribe ? "subscribe to" : "unsubscribe from", roomId, failure.getMessage(), RETRY.toMillis());
        }
    }

    private static void awaitConfirmed(String roomId, RedisFuture<Void> confirmed) {
        try {
            confirmed.get(CONFIRM_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // marked for the retries by channelCommand; the room is heard once Redis is back
            LOG.debug("Subscription to room {} not confirmed: {}", roomId, e.toString());
        }
    }

    /** Brings Redis in line with {@link #rooms} for every room whose last command failed. */
    private void retryFailed() {
        synchronized (channels) {
            for (String roomId : List.copyOf(retry)) {
                channelCommand(roomId, rooms.containsKey(roomId));
            }
        }
    }

    @Override
    public Subscription subscribeAll(Subscriber subscriber) {
        if (all.isEmpty()) {
            redisCall(() -> pubSub.sync().psubscribe(ALL_PATTERN), "subscribe to every room");
        }
        all.add(subscriber);
        return () -> {
            if (all.remove(subscriber) && all.isEmpty()) {
                redisCall(() -> pubSub.sync().punsubscribe(ALL_PATTERN), "unsubscribe from every room");
            }
        };
    }

    @Override
    public Subscription subscribeDirect(Subscriber subscriber) {
        direct.add(subscriber);
        return () -> direct.remove(subscriber);
    }

    /** Rooms this node hears (subscribed channels); for tests: nothing may stay behind. */
    public int subscribedRooms() {
        return rooms.size();
    }

    private static void redisCall(Runnable call, String what) {
        try {
            call.run();
        } catch (RedisException e) {
            // the connection re-subscribes to its channels by itself once Redis is back
            LOG.warn("Cannot {} now ({}); retried when Redis is back", what, e.getMessage());
        }
    }

    /** Stops hearing Redis and delivering. */
    @Override
    public void close() {
        try {
            pubSub.close();
        } finally {
            delivery.shutdown();
            try {
                delivery.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
