package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voicerooms.server.live.Rooms.NODE;
import static org.voicerooms.server.live.Rooms.T0;
import static org.voicerooms.server.live.Rooms.ctx;
import static org.voicerooms.server.live.Rooms.room;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;

/** The decide → compare-and-set → publish loop, on the memory store and on one that loses races on purpose. */
class LiveEngineTest {

    private static Attendance.Join join(String id) {
        return new Attendance.Join(id, id, id.equals(Rooms.id("host")), false, false, false, NODE, "v-" + id);
    }

    /** A memory store where another node commits first {@code conflicts} times. */
    private static final class RacingStore implements LiveStore {
        final MemoryLiveStore inner = new MemoryLiveStore();
        int conflicts;
        int commits;

        RacingStore(int conflicts) {
            this.conflicts = conflicts;
        }

        @Override
        public Optional<Versioned<RoomSnapshot>> get(String roomId) {
            return inner.get(roomId);
        }

        @Override
        public boolean commit(String roomId, long expectedVersion, RoomSnapshot next) {
            commits++;
            if (conflicts > 0) {
                conflicts--;
                // somebody else's join lands first
                RoomSnapshot other = join("other" + conflicts).decide(get(roomId).map(Versioned::value)
                        .orElse(RoomSnapshot.empty(roomId)), ctx(room(100, 3), T0)).next();
                inner.commit(roomId, expectedVersion, other);
                return false;
            }
            return inner.commit(roomId, expectedVersion, next);
        }

        @Override
        public boolean delete(String roomId, long expectedVersion) {
            return inner.delete(roomId, expectedVersion);
        }

        @Override
        public Set<String> roomIds() {
            return inner.roomIds();
        }

        @Override
        public Set<String> roomsOf(String userId) {
            return inner.roomsOf(userId);
        }
    }

    @Test
    void aCommitThatLosesARaceIsDecidedAgainOnTheNewerSnapshot() {
        RacingStore store = new RacingStore(2);
        LocalLiveBus bus = new LocalLiveBus();
        List<Long> published = new ArrayList<>();
        bus.subscribeAll((roomId, version, events) -> published.add(version));
        LiveEngine engine = new LiveEngine(store, bus);

        engine.apply("r1", join(Rooms.id("host")), ctx(room(100, 3), T0));

        RoomSnapshot s = engine.read("r1");
        assertThat(s.members()).extracting(MemberState::userId).containsExactly("other1", "other0", Rooms.id("host"));
        assertThat(s.version()).isEqualTo(3);
        assertThat(store.commits).isEqualTo(3);
        assertThat(published).as("published once, at the version committed").containsExactly(3L);
    }

    @Test
    void aRoomThatKeepsChangingGivesUpWithConflict() {
        LiveEngine engine = new LiveEngine(new RacingStore(100), new LocalLiveBus());
        assertThatThrownBy(() -> engine.apply("r1", join(Rooms.id("host")), ctx(room(100, 3), T0)))
                .isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.error().code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void afterCommitStepsSeeEachCommitOnceAndARefusalPublishesNothing() {
        LocalLiveBus bus = new LocalLiveBus();
        AtomicInteger batches = new AtomicInteger();
        bus.subscribeAll((roomId, version, events) -> batches.incrementAndGet());
        LiveEngine engine = new LiveEngine(new MemoryLiveStore(), bus);
        List<LiveEvent> recorded = new ArrayList<>();
        engine.afterCommit((roomId, events) -> recorded.addAll(events));

        engine.apply("r1", join(Rooms.id("host")), ctx(room(100, 3), T0));
        Command promoteAGhost = new Moderation.Promote(Rooms.id("host"), Rooms.id("ghost"));
        assertThatThrownBy(() -> engine.apply("r1", promoteAGhost, ctx(room(100, 3), T0)))
                .isInstanceOf(ApiException.class);

        assertThat(batches).hasValue(1);
        assertThat(recorded).filteredOn(LiveEvent.VisitOpened.class::isInstance).hasSize(1);
        assertThat(engine.read("r1").member(Rooms.id("host")).orElseThrow().role()).isEqualTo(Role.HOST);
    }

    @Test
    void anEndedRoomIsForgotten() {
        MemoryLiveStore store = new MemoryLiveStore();
        LiveEngine engine = new LiveEngine(store, new LocalLiveBus());
        engine.apply("r1", join(Rooms.id("host")), ctx(room(100, 3), T0));
        engine.apply("r1", new Attendance.End("time-limit"), ctx(null, T0));
        assertThat(store.roomIds()).isEmpty();
        assertThat(store.roomsOf(Rooms.id("host"))).isEmpty();
    }

    @Test
    void theMemoryStoreComparesAndSets() {
        MemoryLiveStore store = new MemoryLiveStore();
        RoomSnapshot v1 = new RoomSnapshot("r1", 1, false, List.of(), List.of("k"), List.of(), List.of(), List.of());
        assertThat(store.commit("r1", 0, v1)).isTrue();
        assertThat(store.commit("r1", 0, v1)).as("stale: somebody stored first").isFalse();
        RoomSnapshot v2 = new RoomSnapshot("r1", 2, false, List.of(), List.of(), List.of(), List.of(), List.of());
        assertThat(store.commit("r1", 1, v2)).isTrue();
        assertThat(store.get("r1")).contains(new Versioned<>(v2, 2));
        assertThat(store.delete("r1", 1)).isFalse();
        assertThat(store.delete("r1", 2)).isTrue();
        assertThat(store.get("r1")).isEmpty();
        assertThatThrownBy(() -> store.commit("r1", 0, v2)).isInstanceOf(IllegalArgumentException.class);
    }
}
