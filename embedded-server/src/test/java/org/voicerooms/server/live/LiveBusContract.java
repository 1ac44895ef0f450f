package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link LiveBus} promises, run against the in-process bus ({@link LocalLiveBusContractTest}) and against
 * Redis publish/subscribe ({@code RedisLiveBusIT}): a room's subscribers get its batches in publish order and no
 * other room's, global subscribers get every room's, direct events go to direct subscribers only, and a closed
 * subscription gets nothing more. Delivery may be asynchronous, so every check waits (with a bound).
 */
@Timeout(60)
public abstract class LiveBusContract {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    /** How long a check waits for a batch that must come, and for one that must not. */
    protected static final Duration WAIT = Duration.ofSeconds(5);
    protected static final Duration QUIET = Duration.ofMillis(300);

    /** A bus; every call of a test returns the same one. */
    protected abstract LiveBus bus();

    /** A second bus on the same backbone (another node), or the same bus for a single-node implementation. */
    protected abstract LiveBus otherNode();

    record Got(String roomId, long version, List<LiveEvent> events) {
    }

    static final class Inbox implements LiveBus.Subscriber {
        final BlockingQueue<Got> queue = new LinkedBlockingQueue<>();

        @Override
        public void deliver(String roomId, long version, List<LiveEvent> events) {
            queue.add(new Got(roomId, version, events));
        }

        Got next() throws InterruptedException {
            Got got = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(got).as("a batch within %s", WAIT).isNotNull();
            return got;
        }

        void quiet() throws InterruptedException {
            assertThat(queue.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)).as("nothing more").isNull();
        }
    }

    private static String newRoom() {
        return "room-" + UUID.randomUUID();
    }

    static LiveEvent hand(String roomId, String userId) {
        return new LiveEvent.HandRaised(roomId, LiveEvent.Audience.ROOM, userId, T0);
    }

    static LiveEvent invited(String roomId, String userId) {
        return new LiveEvent.Invited(roomId, userId, "Title", "host-1", "Host", T0);
    }

    @Test
    void aRoomsSubscribersOnAnyNodeGetItsBatchesInOrderAndNoOtherRoom() throws Exception {
        String room = newRoom();
        String other = newRoom();
        Inbox here = new Inbox();
        Inbox there = new Inbox();
        try (LiveBus.Subscription a = bus().subscribe(room, here);
             LiveBus.Subscription b = otherNode().subscribe(room, there)) {
            for (int v = 1; v <= 50; v++) {
                bus().publish(room, v, List.of(hand(room, "u-" + v)));
                bus().publish(other, v, List.of(hand(other, "x-" + v)));
            }
            for (Inbox inbox : List.of(here, there)) {
                List<Long> versions = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Got got = inbox.next();
                    assertThat(got.roomId()).isEqualTo(room);
                    assertThat(got.events()).containsExactly(hand(room, "u-" + got.version()));
                    versions.add(got.version());
                }
                assertThat(versions).isSorted().hasSize(50).doesNotHaveDuplicates();
                inbox.quiet();
            }
        }
    }

    @Test
    void directEventsGoToDirectSubscribersAndTheRestToTheRoomAndToEveryRoomSubscribers() throws Exception {
        String room = newRoom();
        Inbox roomInbox = new Inbox();
        Inbox everyRoom = new Inbox();
        Inbox directInbox = new Inbox();
        try (LiveBus.Subscription a = otherNode().subscribe(room, roomInbox);
             LiveBus.Subscription b = otherNode().subscribeAll(everyRoom);
             LiveBus.Subscription c = otherNode().subscribeDirect(directInbox)) {
            bus().publish(room, 7, List.of(hand(room, "u-1"), invited(room, "outsider")));
            assertThat(roomInbox.next()).isEqualTo(new Got(room, 7, List.of(hand(room, "u-1"))));
            Got all;
            do {
                all = everyRoom.next(); // other tests' rooms may pass by
            } while (!all.roomId().equals(room));
            assertThat(all).isEqualTo(new Got(room, 7, List.of(hand(room, "u-1"))));
            Got direct;
            do {
                direct = directInbox.next();
            } while (!direct.roomId().equals(room));
            assertThat(direct).isEqualTo(new Got(room, 7, List.of(invited(room, "outsider"))));
            roomInbox.quiet();
        }
    }

    @Test
    void aClosedSubscriptionGetsNothingMore() throws Exception {
        String room = newRoom();
        Inbox first = new Inbox();
        Inbox second = new Inbox();
        LiveBus.Subscription s1 = otherNode().subscribe(room, first);
        try (LiveBus.Subscription s2 = otherNode().subscribe(room, second)) {
            bus().publish(room, 1, List.of(hand(room, "u-1")));
            first.next();
            second.next();
            s1.close();
            s1.close();
            bus().publish(room, 2, List.of(hand(room, "u-2")));
            assertThat(second.next().version()).isEqualTo(2);
            first.quiet();
        }
    }
}
