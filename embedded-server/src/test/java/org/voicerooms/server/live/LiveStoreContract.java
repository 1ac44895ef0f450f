package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.rooms.Role;

/**
 * What every {@link LiveStore} promises, run against the memory store ({@link MemoryLiveStoreContractTest}) and
 * against Redis ({@code RedisLiveStoreIT}): compare-and-set commits, deletes, and the room and member indexes.
 */
@Timeout(60)
public abstract class LiveStoreContract {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** A new, empty store (each test uses its own room ids, so a shared backing store is fine). */
    protected abstract LiveStore store();

    private static String newRoom() {
        return "room-" + java.util.UUID.randomUUID();
    }

    protected static RoomSnapshot snapshot(String roomId, long version, String... memberIds) {
        List<MemberState> members = new ArrayList<>();
        for (String id : memberIds) {
            members.add(MemberState.joined(id, "Name " + id, id.startsWith("host") ? Role.HOST : Role.LISTENER, T0,
                    "node-a", "visit-" + id));
        }
        return new RoomSnapshot(roomId, version, false, members, List.of("banned-1"), List.of(),
                List.of(new RoomSnapshot.Knock("knocker", "Knocker", T0)), List.of());
    }

    @Test
    void aFirstCommitExpectsVersionZeroAndReadsBackEqual() {
        LiveStore store = store();
        String room = newRoom();
        assertThat(store.get(room)).isEmpty();
        RoomSnapshot first = snapshot(room, 1, "host-1", "u-2");
        assertThat(store.commit(room, 0, first)).isTrue();
        Versioned<RoomSnapshot> read = store.get(room).orElseThrow();
        assertThat(read.version()).isEqualTo(1);
        assertThat(read.value()).isEqualTo(first);
        assertThat(store.roomIds()).contains(room);
    }

    @Test
    void aCommitOnAStaleVersionIsRefusedAndChangesNothing() {
        LiveStore store = store();
        String room = newRoom();
        assertThat(store.commit(room, 0, snapshot(room, 1, "host-1"))).isTrue();
        assertThat(store.commit(room, 1, snapshot(room, 2, "host-1", "u-2"))).isTrue();
        assertThat(store.commit(room, 1, snapshot(room, 2, "host-1", "u-3"))).as("stale").isFalse();
        assertThat(store.commit(room, 0, snapshot(room, 1, "u-4"))).as("as if new").isFalse();
        assertThat(store.get(room).orElseThrow().value().member("u-2")).isPresent();
        assertThat(store.roomsOf("u-3")).doesNotContain(room);
    }

    @Test
    void aVersionThatDoesNotFollowIsABug() {
        LiveStore store = store();
        String room = newRoom();
        assertThatThrownBy(() -> store.commit(room, 0, snapshot(room, 2, "host-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roomsOfFollowsMembersInAndOut() {
        LiveStore store = store();
        String room = newRoom();
        String other = newRoom();
        store.commit(room, 0, snapshot(room, 1, "host-1", "u-2"));
        store.commit(other, 0, snapshot(other, 1, "host-2", "u-2"));
        assertThat(store.roomsOf("u-2")).contains(room, other);
        store.commit(room, 1, snapshot(room, 2, "host-1"));
        assertThat(store.roomsOf("u-2")).contains(other).doesNotContain(room);
        assertThat(store.roomsOf("host-1")).contains(room);
    }

    @Test
    void deleteNeedsTheCurrentVersionAndForgetsEverything() {
        LiveStore store = store();
        String room = newRoom();
        store.commit(room, 0, snapshot(room, 1, "host-1", "u-2"));
        assertThat(store.delete(room, 0)).as("stale delete").isFalse();
        assertThat(store.get(room)).isPresent();
        assertThat(store.delete(room, 1)).isTrue();
        assertThat(store.get(room)).isEmpty();
        assertThat(store.roomIds()).doesNotContain(room);
        assertThat(store.roomsOf("u-2")).doesNotContain(room);
        assertThat(store.delete(room, 0)).as("deleting what is gone").isTrue();
        assertThat(store.commit(room, 0, snapshot(room, 1, "host-1"))).as("a room may start again").isTrue();
    }

    @Test
    void concurrentWritersEachWinExactlyOnceWithRetries() throws Exception {
        LiveStore store = store();
        String room = newRoom();
        store.commit(room, 0, snapshot(room, 1, "host-1"));
        int writers = 8;
        int each = 25;
        AtomicInteger conflicts = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                String user = "u-" + w;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < each; i++) {
                        while (true) {
                            Versioned<RoomSnapshot> cur = store.get(room).orElseThrow();
                            List<String> ids = new ArrayList<>(cur.value().members().stream()
                                    .map(MemberState::userId).toList());
                            ids.add(user + "-" + i);
                            if (store.commit(room, cur.version(), snapshot(room, cur.version() + 1,
                                    ids.toArray(String[]::new)))) {
                                break;
                            }
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        RoomSnapshot last = store.get(room).orElseThrow().value();
        assertThat(last.version()).isEqualTo(1 + writers * each);
        assertThat(last.members()).hasSize(1 + writers * each);
        assertThat(store.roomsOf("u-3-24")).contains(room);
    }
}
