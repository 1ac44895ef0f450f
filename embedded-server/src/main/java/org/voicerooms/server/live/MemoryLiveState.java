package org.voicerooms.server.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Live state in this process: the single-node implementation of {@link LiveState}. Each room is guarded by its own
 * monitor (reentrant, so nested updates of one room work); rooms appear on first update and go when they end.
 */
public final class MemoryLiveState implements LiveState {

    private final Map<String, LiveRoom> rooms = new ConcurrentHashMap<>();

    @Override
    public <T> T update(String roomId, Function<LiveRoom, T> action) {
        while (true) {
            LiveRoom room = rooms.computeIfAbsent(roomId, LiveRoom::new);
            synchronized (room) {
                if (rooms.get(roomId) != room) {
                    continue; // it ended and was dropped while we waited; start from a fresh state
                }
                try {
                    return action.apply(room);
                } finally {
                    dropIfEnded(room);
                }
            }
        }
    }

    @Override
    public <T> Optional<T> updateIfPresent(String roomId, Function<LiveRoom, T> action) {
        LiveRoom room = rooms.get(roomId);
        if (room == null) {
            return Optional.empty();
        }
        synchronized (room) {
            if (rooms.get(roomId) != room) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(action.apply(room));
            } finally {
                dropIfEnded(room);
            }
        }
    }

    private void dropIfEnded(LiveRoom room) {
        // Empty live rooms stay: they remember who was kicked and who was let in for as long as the room runs.
        if (room.ended) {
            rooms.remove(room.roomId, room);
        }
    }

    @Override
    public Set<String> roomIds() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public Set<String> roomsOf(String userId) {
        Set<String> out = new HashSet<>();
        for (LiveRoom room : List.copyOf(rooms.values())) {
            synchronized (room) {
                if (room.member(userId).isPresent()) {
                    out.add(room.roomId);
                }
            }
        }
        return out;
    }

    @Override
    public Counts counts(String roomId) {
        return updateIfPresent(roomId, LiveRoom::presentCounts).orElse(Counts.EMPTY);
    }

    @Override
    public Map<String, Counts> allCounts() {
        Map<String, Counts> out = new HashMap<>();
        for (LiveRoom room : List.copyOf(rooms.values())) {
            synchronized (room) {
                if (room.size() > 0) {
                    out.put(room.roomId, room.presentCounts());
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> members(String roomId) {
        return updateIfPresent(roomId, room -> Set.copyOf(room.seats().keySet())).orElse(Set.of());
    }

    @Override
    public Set<String> stage(String roomId) {
        return updateIfPresent(roomId, room -> room.seats().entrySet().stream().filter(Map.Entry::getValue)
                .map(Map.Entry::getKey).collect(Collectors.toUnmodifiableSet())).orElse(Set.of());
    }

    @Override
    public Set<String> roomsWith(Collection<String> userIds) {
        Set<String> out = new HashSet<>();
        for (LiveRoom room : List.copyOf(rooms.values())) {
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
