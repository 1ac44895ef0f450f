package org.voicerooms.server.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Payloads;
import org.voicerooms.server.cluster.RedisLink;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveEngine;
import org.voicerooms.server.live.LiveTestRooms;
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.live.redis.RedisLiveBus;
import org.voicerooms.server.live.redis.RedisLiveStore;
import org.voicerooms.server.testing.ManualScheduler;
import org.voicerooms.server.testing.MutableClock;
import org.voicerooms.server.testing.cluster.RedisServer;

/**
 * Two nodes' live loops (Redis store and bus, socket registry, fan-out) on one real redis-server: a node hears a
 * room only while one of its sockets sits there, a member joining on the second node hears every event from their
 * join on, and a room subscribed while Redis is down is heard once Redis is back.
 */
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RoomFeedsIT {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static RedisServer redis;
    static Node a;
    static Node b;

    /** One node: its own Redis connections, engine, socket registry and a fan-out into a recording outbox. */
    static final class Node implements AutoCloseable {
        final RedisLink link;
        final RedisLiveBus bus;
        final LiveEngine engine;
        final LiveTestRooms rooms;
        final LiveSockets sockets;
        final SocketFanout[] fanout = new SocketFanout[1];
        /** Every send of this node's fan-out, as "event:to". */
        final BlockingQueue<String> sent = new LinkedBlockingQueue<>();

        Node(String uri) {
            MutableClock clock = new MutableClock(Instant.now());
            link = RedisLink.connect(uri);
            bus = new RedisLiveBus(link, Json.newMapper());
            engine = new LiveEngine(new RedisLiveStore(link, Json.newMapper()), bus);
            rooms = new LiveTestRooms(engine, clock, GRACE);
            sockets = new LiveSockets(new LiveSockets.Rooms() {
                @Override
                public Optional<Instant> dropped(String roomId, String userId) {
                    return rooms.drop(roomId, userId);
                }

                @Override
                public void lost(String roomId, String userId, Instant droppedAt) {
                    rooms.lose(roomId, userId, droppedAt);
                }
            }, roomId -> {
                LiveBus.Subscription s = bus.subscribe(roomId, fanout[0]);
                return () -> {
                    s.close();
                    fanout[0].forget(roomId);
                };
            }, new Recording(), new ManualScheduler(clock), GRACE);
            fanout[0] = new SocketFanout(new Recording(), sockets, new ManualScheduler(clock), 4);
        }

        /** {@code userId} joins {@code roomId} over a socket of this node. */
        void joinOverSocket(String roomId, String userId) {
            rooms.join(roomId, userId, done -> sockets.attached(roomId, userId, "s-" + userId));
        }

        String next() throws InterruptedException {
            String s = sent.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(s).as("an event within " + WAIT).isNotNull();
            return s;
        }

        private final class Recording implements Outbox {
            @Override
            public <T> void toRoom(String roomId, Event<T> event, T payload) {
                String who = payload instanceof Payloads.ParticipantJoined j ? ":" + j.participant().userId() : "";
                sent.add(event.name() + ":" + roomId + who);
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

        @Override
        public void close() {
            bus.close();
            link.close();
        }
    }

    @BeforeAll
    static void start() {
        redis = RedisServer.start(dir);
        a = new Node(redis.uri());
        b = new Node(redis.uri());
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("close: " + e);
            }
        }
    }

    private static long listeners(String roomId) {
        String channel = "vr:live:room:" + roomId;
        return a.link.strings().sync().pubsubNumsub(channel).get(channel);
    }

    @Test
    @Order(1)
    void aNodeWithoutMembersHearsNothingAndAJoinerHearsEveryEventFromTheirJoinOn() throws Exception {
        a.joinOverSocket("r1", "host");
        assertThat(a.next()).isEqualTo("room:participant-joined:r1:host");
        for (int i = 0; i < 20; i++) {
            a.rooms.join("r1", "early" + i, done -> { }); // members seated on no node of this test
        }
        assertThat(listeners("r1")).as("only node A listens to the room").isEqualTo(1);
        assertThat(b.sockets.feeds()).isZero();
        assertThat(b.sent).as("node B heard nothing of the room").isEmpty();

        b.joinOverSocket("r1", "bob");
        assertThat(listeners("r1")).as("node B subscribed before bob's join was answered").isEqualTo(2);
        List<String> later = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String user = "later" + i;
            a.rooms.join("r1", user, done -> { });
            later.add(user);
        }
        List<String> heard = new ArrayList<>();
        String got;
        while (heard.size() < 1 + later.size()
                && (got = b.sent.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)) != null) {
            heard.add(got);
        }
        assertThat(heard).as("what node B heard").hasSize(1 + later.size());
        assertThat(heard.get(0)).as("bob's own arrival first: nothing from before it")
                .isEqualTo("room:participant-joined:r1:bob");
        assertThat(heard.subList(1, heard.size())).as("every event after bob's join, in order")
                .containsExactlyElementsOf(later.stream().map(u -> "room:participant-joined:r1:" + u).toList());

        b.rooms.leave("r1", "bob");
        while (b.sockets.feeds() != 0 || listeners("r1") != 1) {
            Thread.sleep(50); // bob's Left comes back over Redis on the bus's own thread; the @Timeout bounds this
        }
        assertThat(b.sockets.seats()).isZero();
    }

    @Test
    @Order(2)
    void aRoomSubscribedDuringARedisOutageIsHeardWhenRedisIsBack() throws Exception {
        BlockingQueue<Long> heard = new LinkedBlockingQueue<>();
        redis.kill();
        LiveBus.Subscription s;
        try {
            s = b.bus.subscribe("r-outage", (roomId, version, events) -> heard.add(version));
        } finally {
            redis.restart();
        }
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long version = 0;
            Long got = null;
            // Node A publishes until node B hears: both reconnect, and B retries its subscription, on their own time.
            while (got == null && System.nanoTime() < deadline) {
                a.bus.publish("r-outage", ++version, List.of(new org.voicerooms.server.live.LiveEvent.Reacted(
                        "r-outage", null)));
                got = heard.poll(200, TimeUnit.MILLISECONDS);
            }
            assertThat(got).as("a cross-node event after Redis came back").isNotNull();
            assertThat(listeners("r-outage")).isEqualTo(1);
        } finally {
            s.close();
        }
    }
}
