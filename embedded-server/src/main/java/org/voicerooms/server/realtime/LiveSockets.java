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
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.live.Scheduler;

/**
 * This node's part of live rooms: which of its sockets sit in which room for which user, and the reconnect-grace
 * timers of members whose last socket here closed. A member whose last socket in a room closes is dropped (the
 * seat is kept); if no socket of theirs enters the room again before the grace ends, they are lost. A timer is
 * cancelled when the user comes back or leaves the room, so none outlives its member.
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

    private record Seat(String roomId, String userId) {
    }

    private final Rooms rooms;
    private final Outbox outbox;
    private final Scheduler scheduler;
    private final Duration grace;
    private final Object lock = new Object();
    private final Map<Seat, Set<String>> socketsOf = new HashMap<>();
    private final Map<String, Set<Seat>> seatsOf = new HashMap<>();
    private final Map<Seat, Scheduler.Timer> graceTimers = new HashMap<>();

    LiveSockets(Rooms rooms, Outbox outbox, Scheduler scheduler, Duration grace) {
        this.rooms = rooms;
        this.outbox = outbox;
        this.scheduler = scheduler;
        this.grace = grace;
    }

    /** {@code socketId} of {@code userId} joined {@code roomId}: it hears the room from now; any grace ends. */
    void attached(String roomId, String userId, String socketId) {
        Seat seat = new Seat(roomId, userId);
        Scheduler.Timer timer;
        synchronized (lock) {
            socketsOf.computeIfAbsent(seat, k -> new HashSet<>()).add(socketId);
            seatsOf.computeIfAbsent(socketId, k -> new HashSet<>()).add(seat);
            timer = graceTimers.remove(seat);
        }
        if (timer != null) {
            timer.cancel();
        }
        outbox.attach(roomId, socketId);
    }

    /** {@code userId} is no longer in {@code roomId} (left, kicked, lost, ended): their sockets stop hearing it. */
    void left(String roomId, String userId) {
        Seat seat = new Seat(roomId, userId);
        Scheduler.Timer timer;
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
        }
        if (timer != null) {
            timer.cancel();
        }
        outbox.detach(roomId, userId);
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
        }
    }

    /** Grace timers running now. */
    int graceTimers() {
        synchronized (lock) {
            return graceTimers.size();
        }
    }

    /** Room seats held by sockets of this node. */
    int seats() {
        synchronized (lock) {
            return socketsOf.size();
        }
    }
}
