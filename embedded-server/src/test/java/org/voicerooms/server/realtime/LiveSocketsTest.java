package org.voicerooms.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.live.Event;
import org.voicerooms.server.live.LiveEngine;
import org.voicerooms.server.live.LiveTestRooms;
import org.voicerooms.server.live.LocalLiveBus;
import org.voicerooms.server.live.MemoryLiveStore;
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.testing.ManualScheduler;
import org.voicerooms.server.testing.MutableClock;

/**
 * This node's sockets in live rooms and their reconnect grace, on the whole loop (rules, memory store, local bus,
 * fan-out) with time moved by the test: a member who comes back keeps the seat, one who does not is lost when the
 * grace ends, and no timer outlives what it was for.
 */
class LiveSocketsTest {

    private static final Duration GRACE = Duration.ofSeconds(30);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final MemoryLiveStore store = new MemoryLiveStore();
    private final LocalLiveBus bus = new LocalLiveBus();
    private final LiveEngine engine = new LiveEngine(store, bus);
    private final LiveTestRooms rooms = new LiveTestRooms(engine, clock, GRACE);
    private final List<String> sent = new ArrayList<>();
    private final SocketFanout[] fanout = new SocketFanout[1];
    private final LiveSockets sockets = new LiveSockets(new LiveSockets.Rooms() {
        @Override
        public Optional<Instant> dropped(String roomId, String userId) {
            return rooms.drop(roomId, userId);
        }

        @Override
        public void lost(String roomId, String userId, Instant droppedAt) {
            rooms.lose(roomId, userId, droppedAt);
        }
    }, roomId -> {
        var subscription = bus.subscribe(roomId, fanout[0]);
        return () -> {
            subscription.close();
            fanout[0].forget(roomId);
        };
    }, new Recording(), scheduler, GRACE);

    LiveSocketsTest() {
        fanout[0] = new SocketFanout(new Recording(), sockets, scheduler, 4);
    }

    /** Records broadcasts as "event:to". */
    private final class Recording implements Outbox {
        @Override
        public <T> void toRoom(String roomId, Event<T> event, T payload) {
            sent.add(event.name() + ":" + roomId);
        }

        @Override
        public <T> void toUser(String userId, Event<T> event, T payload) {
            sent.add(event.name() + ":" + userId);
        }

        @Override
        public <T> void toUsers(Collection<String> userIds, Event<T> event, T payload) {
            sent.add(event.name() + ":" + userIds);
        }

        @Override
        public void attach(String roomId, String socketId) {
        }

        @Override
        public void detach(String roomId, String userId) {
        }
    }

    private void join(String userId, String socketId) {
        rooms.join("r1", userId, done -> sockets.attached("r1", userId, socketId));
    }

    @Test
    void theGraceEndsForWhoStayedAwayAndNotForWhoCameBack() {
        join("host", "s-host");
        join("bob", "s-bob");
        join("ann", "s-ann");
        sockets.closed("bob", "s-bob");
        sockets.closed("ann", "s-ann");
        assertThat(sockets.graceTimers()).isEqualTo(2);

        scheduler.advance(Duration.ofSeconds(10));
        join("bob", "s-bob-2"); // back within the grace, on a new connection
        assertThat(sockets.graceTimers()).as("bob's timer is cancelled, not left to run").isEqualTo(1);

        scheduler.advance(Duration.ofSeconds(19));
        assertThat(engine.read("r1").member("ann")).as("one second of grace left").isPresent();
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(engine.read("r1").member("ann")).isEmpty();
        assertThat(engine.read("r1").member("bob")).isPresent();
        assertThat(sent).contains("room:participant-left:r1");
        assertThat(scheduler.pending()).isZero();

        scheduler.advance(Duration.ofMinutes(5));
        assertThat(engine.read("r1").member("bob")).as("still inside long after").isPresent();
    }

    @Test
    void aSecondSocketOfTheSameUserKeepsThemConnected() {
        join("host", "s-host");
        join("bob", "s1");
        join("bob", "s2");
        sockets.closed("bob", "s1");
        assertThat(engine.read("r1").member("bob").orElseThrow().inGrace()).isFalse();
        assertThat(sockets.graceTimers()).isZero();
    }

    @Test
    void tenThousandJoinLeaveAndReconnectCyclesLeaveNoTimerOrSeatBehind() {
        join("host", "s-host");
        for (int i = 0; i < 10_000; i++) {
            String user = "u" + (i % 50);
            join(user, "a" + i);
            sockets.closed(user, "a" + i); // drops: grace starts
            join(user, "b" + i); // back: grace cancelled
            if (i % 2 == 0) {
                rooms.leave("r1", user); // leaves for good
            } else {
                sockets.closed(user, "b" + i); // drops again, and the grace runs out
                scheduler.advance(GRACE);
            }
        }
        assertThat(scheduler.pending()).as("timers still scheduled").isZero();
        assertThat(sockets.graceTimers()).isZero();
        assertThat(sockets.seats()).as("only the host's socket is seated").isEqualTo(1);
        assertThat(engine.read("r1").members()).hasSize(1);
        assertThat(bus.subscribedRooms()).as("the host still holds the room's feed").isEqualTo(1);
        assertThat(sockets.feeds()).isEqualTo(1);
        assertThat(sent.stream().filter(s -> s.startsWith("room:participant-left")).count()).isEqualTo(10_000);
    }

    @Test
    void theNodeHearsARoomFromItsFirstLocalMemberUntilItsLastIsGoneGraceIncluded() {
        assertThat(bus.subscribedRooms()).isZero();
        join("host", "s-host");
        assertThat(sent).as("the first member hears their own arrival").contains("room:participant-joined:r1");
        assertThat(bus.subscribedRooms()).isEqualTo(1);
        join("bob", "s-bob");
        rooms.leave("r1", "bob");
        assertThat(bus.subscribedRooms()).as("the host still sits here").isEqualTo(1);

        sockets.closed("host", "s-host");
        assertThat(bus.subscribedRooms()).as("held through the host's grace").isEqualTo(1);
        join("host", "s-host-2");
        sockets.closed("host", "s-host-2");
        scheduler.advance(GRACE);
        assertThat(engine.read("r1").member("host")).isEmpty();
        assertThat(bus.subscribedRooms()).as("nobody left here: the room's feed is let go").isZero();
        assertThat(sockets.feeds()).isZero();
        assertThat(fanout[0].flagged()).isZero();

        int before = sent.size();
        rooms.join("r2", "ann", done -> { }); // a member on another node: this node hears nothing of that room
        assertThat(sent).hasSize(before);
    }
}
