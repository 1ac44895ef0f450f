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
import org.junit.jupiter.api.Test;
import org.voicerooms.model.rooms.Role;

/** The contract every {@link LiveState} keeps, checked on the in-memory one. */
class MemoryLiveStateTest {

    private final MemoryLiveState state = new MemoryLiveState();

    private static Member member(String id, Role role) {
        return new Member(id, id, role, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void updatesOfOneRoomDoNotInterleave() throws Exception {
        // Each update reads the size, yields, then adds a member named after it: lost updates would show as a
        // short room.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String id = "u" + i;
            done.add(pool.submit(() -> {
                go.await();
                return state.update("r1", room -> {
                    int before = room.size();
                    Thread.yield();
                    room.add(member(id, Role.LISTENER));
                    return before;
                });
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(state.counts("r1").participants()).isEqualTo(400);
        assertThat(state.members("r1")).hasSize(400);
    }

    @Test
    void readingAnAbsentRoomCreatesNothing() {
        assertThat(state.updateIfPresent("nope", room -> "ran")).isEmpty();
        assertThat(state.counts("nope").participants()).isZero();
        assertThat(state.members("nope")).isEmpty();
        assertThat(state.roomIds()).isEmpty();
    }

    @Test
    void anEndedRoomIsForgottenAndAFreshOneStartsClean() {
        state.update("r1", room -> {
            room.add(member("a", Role.HOST));
            room.kick("b");
            return null;
        });
        assertThat(state.roomIds()).containsExactly("r1");
        state.update("r1", room -> {
            room.remove("a");
            room.ended = true;
            return null;
        });
        assertThat(state.roomIds()).isEmpty();
        boolean kicked = state.update("r1", room -> room.isKicked("b"));
        assertThat(kicked).isFalse();
    }

    @Test
    void anEmptyRunningRoomRemembersItsKicks() {
        state.update("r1", room -> {
            room.kick("b");
            return null;
        });
        assertThat(state.updateIfPresent("r1", room -> room.isKicked("b"))).contains(true);
    }

    @Test
    void updatesNestOnOneThread() {
        String inner = state.update("r1", outer -> {
            outer.add(member("a", Role.HOST));
            return state.updateIfPresent("r1", room -> room.member("a").isPresent() ? "seen" : "missed")
                    .orElse("absent");
        });
        assertThat(inner).isEqualTo("seen");
    }

    @Test
    void aFailingUpdateStillEndsAndDropsTheRoom() {
        assertThatThrownBy(() -> state.update("r1", room -> {
            room.ended = true;
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(state.roomIds()).isEmpty();
    }

    @Test
    void roomsOfAndCountsFollowMembership() {
        state.update("r1", room -> {
            room.add(member("a", Role.HOST));
            room.add(member("b", Role.LISTENER));
            return null;
        });
        state.update("r2", room -> {
            room.add(member("b", Role.SPEAKER));
            return null;
        });
        assertThat(state.roomsOf("b")).containsExactlyInAnyOrder("r1", "r2");
        assertThat(state.roomsOf("a")).containsExactly("r1");
        assertThat(state.counts("r1")).isEqualTo(new RoomPresence.Counts(2, 1));
        assertThat(state.allCounts()).containsKeys("r1", "r2");
        assertThat(state.roomsWith(List.of("a", "zzz"))).containsExactly("r1");
    }
}
