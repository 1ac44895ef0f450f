package org.voicerooms.server.live;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * Who is in which room right now, as far as room listings need to know: counts for room cards, members for the
 * friends feed and discovery. Storage-neutral so a shared (Redis) implementation can stand behind it later.
 */
public interface RoomPresence {

    /** Participants and speakers of a room now. */
    record Counts(int participants, int speakers) {
        public static final Counts EMPTY = new Counts(0, 0);
    }

    /** Live counts of {@code roomId}; {@link Counts#EMPTY} when nobody is in. */
    Counts counts(String roomId);

    /** Live counts of every room that has someone in it. */
    Map<String, Counts> allCounts();

    /** User ids in {@code roomId} now. */
    Set<String> members(String roomId);

    /** User ids on the stage of {@code roomId} now (host, moderators, speakers). */
    Set<String> stage(String roomId);

    /** Ids of the rooms where at least one of {@code userIds} is now. */
    Set<String> roomsWith(Collection<String> userIds);
}
