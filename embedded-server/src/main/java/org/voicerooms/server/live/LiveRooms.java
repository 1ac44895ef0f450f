package org.voicerooms.server.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live state of every room this node runs, in memory: the single-node implementation of live state. Rooms
 * appear on first join and go when they end. Also answers {@link RoomPresence} for room listings.
 */
public final class LiveRooms implements RoomPresence {

    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();

    LiveRoom getOrCreate(String roomId) {
        return rooms.computeIfAbsent(roomId, LiveRoom::new);
    }

    Optional<LiveRoom> get(String roomId) {
        return Optional.ofNullable(rooms.get(roomId));
    }

    /**
     * Forgets a room whose lock the caller holds once it has ended. Empty live rooms stay: they remember who was
     * kicked and who was let in for as long as the room runs.
     */
    void dropIfIdle(LiveRoom room) {
        if (room.ended) {
            rooms.remove(room.roomId, room);
        }
    }

    Collection<LiveRoom> all() {
        return rooms.values();
    }

    @Override
    public Counts counts(String roomId) {
        LiveRoom room = rooms.get(roomId);
        if (room == null) {
            return Counts.EMPTY;
        }
        synchronized (room) {
            return new Counts(room.size(), room.stageCount());
        }
    }

    @Override
    public Map<String, Counts> allCounts() {
        Map<String, Counts> out = new HashMap<>();
        for (LiveRoom room : rooms.values()) {
            synchronized (room) {
                if (room.size() > 0) {
                    out.put(room.roomId, new Counts(room.size(), room.stageCount()));
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> members(String roomId) {
        LiveRoom room = rooms.get(roomId);
        if (room == null) {
            return Set.of();
        }
        synchronized (room) {
            return Set.copyOf(room.seats().keySet());
        }
    }

    @Override
    public Set<String> roomsWith(Collection<String> userIds) {
        Set<String> out = new HashSet<>();
        for (LiveRoom room : rooms.values()) {
            synchronized (room) {
                for (String id : userIds) {
                    if (room.member(id).isPresent()) {
                        out.add(room.roomId);
                        break;
                    }
                }
            }
        }
        return out;
    }
}
