package org.voicerooms.server.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/**
 * The one loop every live change goes through: load the room's snapshot, let the {@link Command} decide, commit
 * with compare-and-set (deciding again on conflict, a bounded number of times), publish the events on the
 * {@link LiveBus}, then run the after-commit steps (database writes) with no room held.
 *
 * <p>On one node, a room's commands take turns (a striped lock), so its events are published in commit order and
 * a memory store never conflicts; between nodes, the store's compare-and-set decides who commits first.
 */
public final class LiveEngine {

    /** Decides and commits at most this many times before giving up (only under heavy contention across nodes). */
    static final int MAX_ATTEMPTS = 8;

    private static final Logger LOG = LoggerFactory.getLogger(LiveEngine.class);

    /** Runs after a commit on the node that committed it, with no room held: the database writes. */
    @FunctionalInterface
    public interface AfterCommit {
        void committed(String roomId, List<LiveEvent> events);
    }

    private final LiveStore store;
    private final LiveBus bus;
    private final List<AfterCommit> afterCommit = new CopyOnWriteArrayList<>();
    private final ReentrantLock[] stripes = new ReentrantLock[256];

    public LiveEngine(LiveStore store, LiveBus bus) {
        this.store = store;
        this.bus = bus;
        java.util.Arrays.setAll(stripes, i -> new ReentrantLock());
    }

    public LiveStore store() {
        return store;
    }

    public void afterCommit(AfterCommit step) {
        afterCommit.add(step);
    }

    /** The committed snapshot, or an empty one (version 0). */
    public RoomSnapshot read(String roomId) {
        return store.get(roomId).map(Versioned::value).orElseGet(() -> RoomSnapshot.empty(roomId));
    }

    /** Applies {@code command}; see {@link #apply(String, Command, RuleContext, Consumer)}. */
    public Decision apply(String roomId, Command command, RuleContext ctx) {
        return apply(roomId, command, ctx, null);
    }

    /**
     * Decides, commits and publishes {@code command} on {@code roomId}.
     *
     * @param committed runs after the commit and before the events are published (null for nothing): a join
     *                  puts its socket in the room here, so the joiner hears its own arrival
     * @throws ApiException the rule's refusal, or CONFLICT if the room kept changing under every attempt
     */
    public Decision apply(String roomId, Command command, RuleContext ctx, Consumer<Decision> committed) {
        Decision decision;
        ReentrantLock lock = stripes[Math.floorMod(roomId.hashCode(), stripes.length)];
        String outerRoom = MDC.get("roomId");
        MDC.put("roomId", roomId);
        lock.lock();
        try {
            decision = decideAndCommit(roomId, command, ctx);
            if (committed != null) {
                committed.accept(decision);
            }
            if (!decision.events().isEmpty()) {
                bus.publish(roomId, decision.next().version(), decision.events());
            }
        } finally {
            lock.unlock();
            restore(outerRoom);
        }
        if (!decision.events().isEmpty()) {
            for (AfterCommit step : afterCommit) {
                try {
                    step.committed(roomId, decision.events());
                } catch (RuntimeException e) {
                    LOG.error("After-commit step failed for room {}", roomId, e);
                }
            }
        }
        return decision;
    }

    private Decision decideAndCommit(String roomId, Command command, RuleContext ctx) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            RoomSnapshot current = read(roomId);
            Decision d = command.decide(current, ctx);
            if (d.next() == current) {
                return d;
            }
            boolean stored = d.next().ended() ? store.delete(roomId, current.version())
                    : store.commit(roomId, current.version(), d.next());
            if (stored) {
                return d;
            }
            LOG.debug("Room {} changed under a commit (attempt {}); deciding again", roomId, attempt);
        }
        throw new ApiException(ErrorCode.CONFLICT, "the room is changing too fast; try again");
    }

    private static void restore(String outerRoom) {
        if (outerRoom != null) {
            MDC.put("roomId", outerRoom);
        } else {
            MDC.remove("roomId");
        }
    }
}
