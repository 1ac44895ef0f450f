package org.voicerooms.server.friends;

import org.voicerooms.model.live.Event;

/**
 * Sends an event to every open realtime connection of one user, in a room or not. Implemented by the realtime
 * transport; {@link #NONE} for a server without one. Must not block.
 */
@FunctionalInterface
public interface UserNotifier {

    /** Sends {@code payload} as {@code event} to each connection of {@code userId}; nothing when none is open. */
    <T> void toUser(String userId, Event<T> event, T payload);

    /** Drops everything. */
    UserNotifier NONE = new UserNotifier() {
        @Override
        public <T> void toUser(String userId, Event<T> event, T payload) {
        }
    };
}
