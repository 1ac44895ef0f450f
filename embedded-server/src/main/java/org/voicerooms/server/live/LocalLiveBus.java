package org.voicerooms.server.live;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node {@link LiveBus}: delivers synchronously on the publisher's thread, so a room's batches arrive in
 * commit order (the {@link LiveEngine} publishes while it holds the room on this node). A failing subscriber is
 * logged and the others still get the batch.
 */
public final class LocalLiveBus implements LiveBus {

    private static final Logger LOG = LoggerFactory.getLogger(LocalLiveBus.class);

    private final Map<String, List<Subscriber>> rooms = new ConcurrentHashMap<>();
    private final List<Subscriber> all = new CopyOnWriteArrayList<>();
    private final List<Subscriber> direct = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String roomId, long version, List<LiveEvent> events) {
        List<LiveEvent> toRoom = events.stream().filter(e -> !(e instanceof LiveEvent.Direct)).toList();
        List<LiveEvent> toUsers = events.stream().filter(e -> e instanceof LiveEvent.Direct).toList();
        if (!toRoom.isEmpty()) {
            deliver(rooms.getOrDefault(roomId, List.of()), roomId, version, toRoom);
            deliver(all, roomId, version, toRoom);
        }
        if (!toUsers.isEmpty()) {
            deliver(direct, roomId, version, toUsers);
        }
    }

    private static void deliver(List<Subscriber> to, String roomId, long version, List<LiveEvent> events) {
        for (Subscriber s : to) {
            try {
                s.deliver(roomId, version, events);
            } catch (RuntimeException e) {
                LOG.error("A subscriber failed on events of room {}", roomId, e);
            }
        }
    }

    @Override
    public Subscription subscribe(String roomId, Subscriber subscriber) {
        rooms.computeIfAbsent(roomId, k -> new CopyOnWriteArrayList<>()).add(subscriber);
        return () -> rooms.computeIfPresent(roomId, (k, list) -> {
            list.remove(subscriber);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public Subscription subscribeAll(Subscriber subscriber) {
        all.add(subscriber);
        return () -> all.remove(subscriber);
    }

    @Override
    public Subscription subscribeDirect(Subscriber subscriber) {
        direct.add(subscriber);
        return () -> direct.remove(subscriber);
    }

    /** Rooms with at least one subscriber (for tests: nothing may stay behind). */
    public int subscribedRooms() {
        return rooms.size();
    }
}
