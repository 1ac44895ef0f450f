package org.voicerooms.server.live;

import java.util.List;

/**
 * Delivers the events of committed changes to subscribers: the socket fan-out (per room, on every node with
 * members in it), the media plan, analytics. One {@link #publish} per commit, in commit order per room; a batch
 * carries the version it was committed at (the version read, for decisions that changed nothing, such as a relay).
 */
public interface LiveBus {

    /** Receives batches; called on the publisher's thread (memory) or the bus's (shared); must not block long. */
    @FunctionalInterface
    interface Subscriber {
        void deliver(String roomId, long version, List<LiveEvent> events);
    }

    /** Stops a subscription; idempotent. */
    @FunctionalInterface
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Publishes one commit's events. {@link LiveEvent.Direct} events go to {@link #subscribeDirect} subscribers
     * (whoever holds the addressee's connection, even outside the room); all others to the room's subscribers and
     * the global ones.
     */
    void publish(String roomId, long version, List<LiveEvent> events);

    /** Events of one room; subscribe before acting on the room to see the action's own events. */
    Subscription subscribe(String roomId, Subscriber subscriber);

    /** Events of every room (not the direct ones). */
    Subscription subscribeAll(Subscriber subscriber);

    /** {@link LiveEvent.Direct} events of every room. */
    Subscription subscribeDirect(Subscriber subscriber);
}
