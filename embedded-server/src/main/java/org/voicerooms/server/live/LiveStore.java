package org.voicerooms.server.live;

import java.util.Optional;
import java.util.Set;

/**
 * Where committed room snapshots live: this process ({@link MemoryLiveStore}) or a store shared by several nodes.
 * Writers never lock a room here; they {@link #commit} with compare-and-set on the version they read and retry
 * on conflict ({@link LiveEngine}).
 */
public interface LiveStore {

    /** The committed snapshot of {@code roomId}; empty if no room state is stored. */
    Optional<Versioned<RoomSnapshot>> get(String roomId);

    /**
     * Stores {@code next} if the stored version is still {@code expectedVersion} (0: nothing stored). Requires
     * {@code next.version() == expectedVersion + 1}. False on conflict: somebody committed first; read again.
     */
    boolean commit(String roomId, long expectedVersion, RoomSnapshot next);

    /** Forgets the room if its stored version is still {@code expectedVersion}; false on conflict. */
    boolean delete(String roomId, long expectedVersion);

    /** Ids of the rooms with stored state. */
    Set<String> roomIds();

    /** Ids of the rooms {@code userId} is a member of (connected or within the reconnect grace). */
    Set<String> roomsOf(String userId);
}
