package org.voicerooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies the attendance rules through a real {@link LiveEngine} for tests outside this package (the realtime
 * registry's), with room "r1" of {@link Rooms#room} and time from the test's clock.
 */
public final class LiveTestRooms {

    private final LiveEngine engine;
    private final Clock clock;
    private final Duration grace;

    public LiveTestRooms(LiveEngine engine, Clock clock, Duration grace) {
        this.engine = engine;
        this.clock = clock;
        this.grace = grace;
    }

    private RuleContext ctx() {
        return new RuleContext(Rooms.room(1000, 10, "host"), clock.instant(), Rooms.NODE, grace, 500);
    }

    /** Joins (or rejoins) over a socket of this node; {@code committed} seats the socket. */
    public void join(String roomId, String userId, Consumer<Decision> committed) {
        engine.apply(roomId, new Attendance.Join(userId, userId, userId.equals("host"), false, false, false,
                Rooms.NODE, "v-" + userId + "-" + clock.millis()), ctx(), committed);
    }

    public void leave(String roomId, String userId) {
        engine.apply(roomId, new Attendance.Leave(userId), ctx());
    }

    public Optional<Instant> drop(String roomId, String userId) {
        return Optional.ofNullable((Instant) engine.apply(roomId, new Attendance.Drop(userId, Rooms.NODE), ctx())
                .reply());
    }

    public void lose(String roomId, String userId, Instant droppedAt) {
        engine.apply(roomId, new Attendance.Lose(userId, droppedAt), ctx());
    }
}
