package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voicerooms.server.live.Rooms.T0;
import static org.voicerooms.server.live.Rooms.ctx;
import static org.voicerooms.server.live.Rooms.member;
import static org.voicerooms.server.live.Rooms.room;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;

/** The room's SFU home in its live state: one per room however many nodes race for it; the publishers' nudge. */
class SfuCommandsTest {

    private static final SfuHome A = new SfuHome("ws://10.213.0.1:8188", 11, "secret-a");
    private static final SfuHome B = new SfuHome("ws://10.213.0.1:8188", 22, "secret-b");
    private static final SfuHome OTHER_GATEWAY = new SfuHome("ws://10.213.0.1:8189", 33, "secret-c");

    private static MemoryLiveStore storeWithARoom() {
        MemoryLiveStore store = new MemoryLiveStore();
        RoomSnapshot first = Rooms.snapshot(member("h1", Role.HOST, 0));
        RoomSnapshot v1 = new RoomSnapshot(first.roomId(), 1, false, first.members(), List.of(), List.of(),
                List.of(), List.of());
        assertThat(store.commit("r1", 0, v1)).isTrue();
        return store;
    }

    @Test
    void theFirstClaimIsRecordedAndLaterOnesGetIt() {
        LiveEngine engine = new LiveEngine(storeWithARoom(), new LocalLiveBus());
        RuleContext c = ctx(room(100, 3), T0);
        assertThat(engine.apply("r1", new SfuCommands.Claim(A, null), c).reply()).isEqualTo(A);
        assertThat(engine.apply("r1", new SfuCommands.Claim(B, null), c).reply()).isEqualTo(A);
        assertThat(engine.read("r1").sfu()).isEqualTo(A);
        // a home whose gateway stopped answering is replaced, once: a second replacement of it keeps the first
        assertThat(engine.apply("r1", new SfuCommands.Claim(OTHER_GATEWAY, A), c).reply()).isEqualTo(OTHER_GATEWAY);
        assertThat(engine.apply("r1", new SfuCommands.Claim(B, A), c).reply()).isEqualTo(OTHER_GATEWAY);
    }

    @Test
    void laterRoomChangesKeepTheHome() {
        LiveEngine engine = new LiveEngine(storeWithARoom(), new LocalLiveBus());
        RuleContext c = ctx(room(100, 3), T0);
        engine.apply("r1", new SfuCommands.Claim(A, null), c);
        engine.apply("r1", new Attendance.Join("b1", "Bob", false, false, false, false, Rooms.NODE, "v-b1"), c);
        assertThat(engine.read("r1").member("b1")).isPresent();
        assertThat(engine.read("r1").sfu()).isEqualTo(A);
    }

    @Test
    void aRoomThatIsNotLiveHasNoHome() {
        LiveEngine engine = new LiveEngine(new MemoryLiveStore(), new LocalLiveBus());
        assertThatThrownBy(() -> engine.apply("r1", new SfuCommands.Claim(A, null), ctx(room(100, 3), T0)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    @Timeout(30)
    void nodesRacingAgreeOnOneHome() throws Exception {
        for (int round = 0; round < 20; round++) {
            MemoryLiveStore shared = storeWithARoom();
            int nodes = 4;
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Object>> answers = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                // each node has its own engine (its own locks) over the one store, as the cluster's nodes do
                LiveEngine node = new LiveEngine(shared, new LocalLiveBus());
                SfuHome mine = new SfuHome("ws://10.213.0.1:8188", 100 + n, "secret-" + n);
                answers.add(pool.submit(() -> {
                    go.await();
                    return node.apply("r1", new SfuCommands.Claim(mine, null), ctx(room(100, 3), T0)).reply();
                }));
            }
            go.countDown();
            Set<Object> homes = new HashSet<>();
            for (Future<Object> f : answers) {
                homes.add(f.get(10, TimeUnit.SECONDS));
            }
            pool.shutdownNow();
            assertThat(homes).hasSize(1);
            assertThat(homes).containsExactly(shared.get("r1").orElseThrow().value().sfu());
        }
    }

    @Test
    void publishersChangedIsSaidToTheRoomWithoutChangingIt() {
        MemoryLiveStore store = storeWithARoom();
        LocalLiveBus bus = new LocalLiveBus();
        List<LiveEvent> heard = new CopyOnWriteArrayList<>();
        bus.subscribeAll((roomId, version, events) -> heard.addAll(events));
        LiveEngine engine = new LiveEngine(store, bus);
        long before = engine.read("r1").version();
        engine.apply("r1", new SfuCommands.PublishersChanged(), ctx(room(100, 3), T0));
        assertThat(heard).containsExactly(new LiveEvent.SfuPublishersChanged("r1"));
        assertThat(engine.read("r1").version()).isEqualTo(before);
    }

    @Test
    void theSecretStaysOutOfLogs() {
        assertThat(A.toString()).doesNotContain("secret-a");
        assertThat(Rooms.snapshot(member("h1", Role.HOST, 0)).withSfu(A).toString()).doesNotContain("secret-a");
    }
}
