package org.voicerooms.server.live;

import java.util.List;

/**
 * What a {@link Command} decided: the next snapshot (the same instance when nothing changed), the events to
 * publish once it is committed, and the answer for the caller (null for none).
 */
public record Decision(RoomSnapshot next, List<LiveEvent> events, Object reply) {

    public Decision {
        events = List.copyOf(events);
    }

    /** Nothing changes, nothing is said. */
    public static Decision none(RoomSnapshot room) {
        return new Decision(room, List.of(), null);
    }

    /** Nothing changes; {@code events} are said (a relay, a reaction). */
    public static Decision say(RoomSnapshot room, List<LiveEvent> events, Object reply) {
        return new Decision(room, events, reply);
    }
}
