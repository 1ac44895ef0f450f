package org.voicerooms.server.live;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Room snapshots in this process: the single-node {@link LiveStore}. Commits are atomic per room. */
public final class MemoryLiveStore implements LiveStore {

    private final Map<String, RoomSnapshot> rooms = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned<RoomSnapshot>> get(String roomId) {
        RoomSnapshot s = rooms.get(roomId);
        return s == null ? Optional.empty() : Optional.of(new Versioned<>(s, s.version()));
    }

    @Override
    public boolean commit(String roomId, long expectedVersion, RoomSnapshot next) {
        if (next.version() != expectedVersion + 1 || !next.roomId().equals(roomId)) {
            throw new IllegalArgumentException("version " + next.version() + " does not follow " + expectedVersion);
        }
        boolean[] done = {false};
        rooms.compute(roomId, (id, current) -> {
            long stored = current == null ? 0 : current.version();
            if (stored != expectedVersion) {
                return current;
            }
            done[0] = true;
            return next;
        });
        return done[0];
    }

    @Override
    public boolean delete(String roomId, long expectedVersion) {
        boolean[] done = {false};
        rooms.computeIfPresent(roomId, (id, current) -> {
            if (current.version() != expectedVersion) {
                return current;
            }
            done[0] = true;
            return null;
        });
        return done[0] || (expectedVersion == 0 && !rooms.containsKey(roomId));
    }

    @Override
    public Set<String> roomIds() {
        return Set.copyOf(rooms.keySet());
    }

    @Override
    public Set<String> roomsOf(String userId) {
        Set<String> out = new HashSet<>();
        rooms.forEach((id, s) -> {
            if (s.member(userId).isPresent()) {
                out.add(id);
            }
        });
        return out;
    }
}
