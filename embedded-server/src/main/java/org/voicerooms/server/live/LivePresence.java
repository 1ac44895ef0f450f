package org.voicerooms.server.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@link RoomPresence} read from committed snapshots: what room listings know of who is inside. */
public final class LivePresence implements RoomPresence {

    private final LiveStore store;

    public LivePresence(LiveStore store) {
        this.store = store;
    }

    private RoomSnapshot read(String roomId) {
        return store.get(roomId).map(Versioned::value).orElseGet(() -> RoomSnapshot.empty(roomId));
    }

    @Override
    public Counts counts(String roomId) {
        return read(roomId).presentCounts();
    }

    @Override
    public Map<String, Counts> allCounts() {
        Map<String, Counts> out = new HashMap<>();
        for (String roomId : store.roomIds()) {
            RoomSnapshot s = read(roomId);
            if (s.size() > 0) {
                out.put(roomId, s.presentCounts());
            }
        }
        return out;
    }

    @Override
    public Set<String> members(String roomId) {
        return read(roomId).members().stream().map(MemberState::userId).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<String> stage(String roomId) {
        return Set.copyOf(read(roomId).stageIds());
    }

    @Override
    public Set<String> roomsWith(Collection<String> userIds) {
        Set<String> out = new HashSet<>();
        for (String roomId : store.roomIds()) {
            RoomSnapshot s = read(roomId);
            if (userIds.stream().anyMatch(id -> s.member(id).isPresent())) {
                out.add(roomId);
            }
        }
        return out;
    }
}
