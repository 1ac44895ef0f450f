package org.voicerooms.server.live;

import org.voicerooms.model.live.Event;

/**
 * Where live-room events go: implemented by the realtime transport (Socket.IO). Calls happen while the room's
 * lock is held, so events reach clients in the order the state changed; implementations must not block or call
 * back into the live service.
 */
public interface Outbox {

    /** Sends to every connection that joined {@code roomId}. */
    <T> void toRoom(String roomId, Event<T> event, T payload);

    /** Sends to every connection of {@code userId}, in any room. */
    <T> void toUser(String userId, Event<T> event, T payload);

    /** Sends to every connection of each of {@code userIds} (each connection once). */
    <T> void toUsers(java.util.Collection<String> userIds, Event<T> event, T payload);

    /** Adds a connection to the room's broadcast group. */
    void attach(String roomId, String socketId);

    /** Removes every connection of {@code userId} from the room's broadcast group. */
    void detach(String roomId, String userId);

    /** An outbox that drops everything, for servers without realtime clients. */
    Outbox NONE = new Outbox() {
        @Override
        public <T> void toRoom(String roomId, Event<T> event, T payload) {
        }

        @Override
        public <T> void toUser(String userId, Event<T> event, T payload) {
        }

        @Override
        public <T> void toUsers(java.util.Collection<String> userIds, Event<T> event, T payload) {
        }

        @Override
        public void attach(String roomId, String socketId) {
        }

        @Override
        public void detach(String roomId, String userId) {
        }
    };
}
