package org.voicerooms.server.live;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Where the live state of rooms is kept: members with their role, mute, speaking, hand and connections, the hand
 * queue, kicks, knocks and recent chat. {@link LiveService} and {@link Moderation} change rooms only through
 * {@link #update} and never keep a {@link LiveRoom} past the call, so the state can live in this process
 * ({@link MemoryLiveState}) or in a store shared by several nodes.
 *
 * <p>Contract for implementations:
 * <ul>
 *   <li>An update is atomic per room: no other update of the same room, on any node, runs between its start and
 *       its end, and what it changed is kept when it returns (also when it throws after changing something, as the
 *       rules never change state before they are done checking).</li>
 *   <li>Updates of the same room may nest on one thread (ending a room from inside an update tears it down).</li>
 *   <li>A room whose {@link LiveRoom#ended} is set when the outermost update returns is forgotten.</li>
 * </ul>
 */
public interface LiveState extends RoomPresence {

    /** Runs {@code action} on the room's state, creating an empty state first if there is none. */
    <T> T update(String roomId, Function<LiveRoom, T> action);

    /** Runs {@code action} on the room's state if there is one; empty otherwise. */
    <T> Optional<T> updateIfPresent(String roomId, Function<LiveRoom, T> action);

    /** Ids of the rooms that have live state now. */
    Set<String> roomIds();

    /** Ids of the rooms {@code userId} is a member of now (connected or within the reconnect grace). */
    Set<String> roomsOf(String userId);
}
