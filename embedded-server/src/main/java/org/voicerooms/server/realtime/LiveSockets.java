package org.voicerooms.server.realtime;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.live.Scheduler;

/**
 * This node's part of live rooms: which of its sockets sit in which room for which user, and the reconnect-grace
 * timers of members whose last socket here closed. A member whose last socket in a room closes is dropped (the
 * seat is kept); if no socket of theirs enters the room again before the grace ends, they are lost. A timer is
 * cancelled when the user comes back or leaves the room, so none outlives its member.
 *
 * <p>The node hears a room's events (its {@link Feeds feed}) while it holds a seat there: from the first local
 * member's join, opened before the join is answered so that member misses nothing, until the last local member is
 * gone, their reconnect grace included. On a cluster this is what keeps a node off the channels of rooms it has no
 * member in.
 */
final class LiveSockets {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSockets.class);

    /** What the registry asks of the live rooms: the rules run there. */
    interface Rooms {
        /** The member's last connection here closed; when the drop was recorded, or empty if nothing changed. */
        Optional<Instant> dropped(String roomId, String userId);

        /** The grace of the drop at {@code droppedAt} ended. */
        void lost(String roomId, String userId, Instant droppedAt);
    }

    /** Opens this node's subscription to one room's events; returns once the room's events reach this node. */
    @FunctionalInterface
    interface Feeds {
        LiveBus.Subscription open(String roomId);
    }

    private record Seat(String roomId, String userId) {
    }

    /** One room's subscription and how many seats hold it; changed only while its monitor is held. */
    private static final class Feed {
        int holders;
        boolean dead;
        LiveBus.Subscription subscription;
    }

    private final Rooms rooms;
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final Duration grace;
    private final Object lock = new Object();
    private final Map<Seat, Set<String>> socketsOf = new HashMap<>();
    private final Map<String, Set<Seat>> seatsOf = new HashMap<>();
    private final Map<Seat, Scheduler.Timer> graceTimers = new HashMap<>();
    /** Seats that hold their room's feed: a socket sits there, or its member is inside the reconnect grace. */
    private final Set<Seat> held = new HashSet<>();
    private final Map<String, Feed> feeds = new HashMap<>();
    private final Feeds feedSource;

    LiveSockets(Rooms rooms, Feeds feeds, Outbox outbox, Scheduler scheduler, Duration grace) {
        this.rooms = rooms;
        this.feedSource = feeds;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    /** {@code socketId} of {@code userId} joined {@code roomId}: it hears the room from now; any grace ends. */
    void attached(String roomId, String userId, String socketId) {
        Seat seat = new Seat(roomId, userId);
        Scheduler.Timer timer;
        boolean hold;
        synchronized (lock) {
            socketsOf.computeIfAbsent(seat, k -> new HashSet<>()).add(socketId);
            seatsOf.computeIfAbsent(socketId, k -> new HashSet<>()).add(seat);
            timer = graceTimers.remove(seat);
            hold = held.add(seat);
        }
        if (timer != null) {
            timer.cancel();
        }
        if (hold) {
            hold(roomId);
        }
        outbox.attach(roomId, socketId);
    }

    /** {@code userId} is no longer in {@code roomId} (left, kicked, lost, ended): their sockets stop hearing it. */
    void left(String roomId, String userId) {
        Seat seat = new Seat(roomId, userId);
        Scheduler.Timer timer;
        boolean release;
        synchronized (lock) {
            Set<String> sockets = socketsOf.remove(seat);
            if (sockets != null) {
                for (String socketId : sockets) {
                    seatsOf.computeIfPresent(socketId, (k, seats) -> {
                        seats.remove(seat);
                        return seats.isEmpty() ? null : seats;
                    });
                }
            }
            timer = graceTimers.remove(seat);
            release = held.remove(seat);
        }
        if (timer != null) {
            timer.cancel();
        }
        outbox.detach(roomId, userId);
        if (release) {
            release(roomId);
        }
    }

    /** A socket closed: each room where it was the user's last socket here drops them, and the grace starts. */
    void closed(String userId, String socketId) {
        Set<Seat> emptied = new HashSet<>();
        synchronized (lock) {
            Set<Seat> seats = seatsOf.remove(socketId);
            if (seats == null) {
                return;
            }
            for (Seat seat : seats) {
                Set<String> sockets = socketsOf.get(seat);
                if (sockets != null && sockets.remove(socketId) && sockets.isEmpty()) {
                    socketsOf.remove(seat);
                    emptied.add(seat);
                }
            }
        }
        for (Seat seat : emptied) {
            try {
                rooms.dropped(seat.roomId(), userId).ifPresent(at -> startGrace(seat, at));
            } catch (RuntimeException e) {
                LOG.error("Could not drop {} from room {}", userId, seat.roomId(), e);
            } finally {
                releaseIfUnused(seat);
            }
        }
    }

    /** Lets the seat's feed go when neither a socket nor a grace timer holds the seat any more. */
    private void releaseIfUnused(Seat seat) {
        boolean release;
        synchronized (lock) {
            release = !socketsOf.containsKey(seat) && !graceTimers.containsKey(seat) && held.remove(seat);
        }
        if (release) {
            release(seat.roomId());
        }
    }

    private void hold(String roomId) {
        while (true) {
            Feed feed;
            synchronized (lock) {
                feed = feeds.computeIfAbsent(roomId, k -> new Feed());
            }
            synchronized (feed) {
                if (feed.dead) {
                    continue; // its last holder just let it go; take a new one
                }
                feed.holders++;
                if (feed.subscription == null) {
                    feed.subscription = feedSource.open(roomId);
                }
                return;
            }
        }
    }

    private void release(String roomId) {
        Feed feed;
        synchronized (lock) {
            feed = feeds.get(roomId);
        }
        if (feed == null) {
            return;
        }
        synchronized (feed) {
            if (--feed.holders > 0) {
                return;
            }
            feed.dead = true;
            synchronized (lock) {
                feeds.remove(roomId, feed);
            }
            if (feed.subscription != null) {
                feed.subscription.close();
                feed.subscription = null;
            }
        }
    }

    private void startGrace(Seat seat, Instant droppedAt) {
        synchronized (lock) {
            if (socketsOf.containsKey(seat)) {
                return; // back already, on another socket
            }
            Scheduler.Timer old = graceTimers.put(seat, scheduler.schedule(grace, () -> expire(seat, droppedAt)));
            if (old != null) {
                old.cancel();
            }
        }
    }

    private void expire(Seat seat, Instant droppedAt) {
        synchronized (lock) {
            graceTimers.remove(seat);
        }
        try {
            rooms.lost(seat.roomId(), seat.userId(), droppedAt);
        } catch (RuntimeException e) {
            LOG.error("Could not remove {} from room {} after the reconnect grace", seat.userId(), seat.roomId(), e);
        } finally {
            releaseIfUnused(seat); // when the member had left already, no Left event comes to let it go
        }
    }

    /** Grace timers running now. */
    int graceTimers() {
        synchronized (lock) {
            return graceTimers.size();
        }
    }

    /** Rooms whose events this node hears. */
    int feeds() {
        synchronized (lock) {
            return feeds.size();
        }
    }

    /** Room seats held by sockets of this node. */
    int seats() {
        synchronized (lock) {
            return socketsOf.size();
        }
    }
}
