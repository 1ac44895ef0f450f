package org.voicerooms.server.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of a single node, in memory. Thread-safe. */
public final class InMemoryPresence implements RoomPresence {

    /** roomId → (userId → on stage). */
    private final Map<String, Map<String, Boolean>> rooms = new ConcurrentHashMap<>();

    /** Records {@code userId} in {@code roomId}, on stage or in the audience; entering again updates the seat. */
    public void enter(String roomId, String userId, boolean onStage) {
        rooms.computeIfAbsent(roomId, k -> new ConcurrentHashMap<>()).put(userId, onStage);
    }

    /** Removes {@code userId} from {@code roomId}. */
    public void leave(String roomId, String userId) {
        rooms.computeIfPresent(roomId, (k, members) -> {
            members.remove(userId);
            return members.isEmpty() ? null : members;
        });
    }

    /** Forgets everyone in {@code roomId} (the room ended). */
    public void clear(String roomId) {
        rooms.remove(roomId);
    }

    @Override
    public Counts counts(String roomId) {
        Map<String, Boolean> members = rooms.get(roomId);
        return members == null ? Counts.EMPTY : count(members);
    }

    private static Counts count(Map<String, Boolean> members) {
        int speakers = (int) members.values().stream().filter(Boolean::booleanValue).count();
        return new Counts(members.size(), speakers);
    }

    @Override
    public Map<String, Counts> allCounts() {
        Map<String, Counts> out = new HashMap<>();
        rooms.forEach((id, members) -> out.put(id, count(members)));
        return out;
    }

    @Override
    public Set<String> members(String roomId) {
        Map<String, Boolean> members = rooms.get(roomId);
        return members == null ? Set.of() : Set.copyOf(members.keySet());
    }

    @Override
    public Set<String> roomsWith(Collection<String> userIds) {
        Set<String> wanted = new HashSet<>(userIds);
        Set<String> out = new HashSet<>();
        rooms.forEach((id, members) -> {
            if (members.keySet().stream().anyMatch(wanted::contains)) {
                out.add(id);
            }
        });
        return out;
    }
}
