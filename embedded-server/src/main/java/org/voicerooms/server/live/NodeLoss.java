package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes over the members of a cluster node that is gone (killed, cut off, or stopped): a survivor puts those still
 * marked as connected there into the reconnect grace, as if their connection had dropped, and runs the grace timers
 * that died with the node. Whoever comes back within the grace, on any node, keeps role and hand; the rest leave.
 * Several survivors may do this at once: each step is a compare-and-set commit that does nothing the second time.
 */
public final class NodeLoss {

    private static final Logger LOG = LoggerFactory.getLogger(NodeLoss.class);

    private final LiveService live;
    private final LiveStore store;
    private final Scheduler timers;

    public NodeLoss(LiveService live, LiveStore store, Scheduler timers) {
        this.live = live;
        this.store = store;
        this.timers = timers;
    }

    /** Moves the members held by node {@code node} into the reconnect grace; returns how many were taken over. */
    public int adopt(String node) {
        int adopted = 0;
        for (String roomId : store.roomIds()) {
            RoomSnapshot room = store.get(roomId).map(Versioned::value).orElse(null);
            if (room == null) {
                continue;
            }
            for (MemberState m : room.members()) {
                if (!node.equals(m.node())) {
                    continue;
                }
                try {
                    Instant droppedAt = m.inGrace() ? m.droppedAt()
                            : (Instant) live.act(roomId, new Attendance.Drop(m.userId(), node), null);
                    Instant until = m.inGrace() ? m.graceUntil() : null;
                    if (droppedAt != null) {
                        Duration wait = until == null ? live.context(null).grace()
                                : Duration.between(live.now(), until);
                        timers.schedule(wait.isNegative() ? Duration.ZERO : wait,
                                () -> live.lost(roomId, m.userId(), droppedAt));
                        adopted++;
                    }
                } catch (RuntimeException e) {
                    LOG.error("Could not take over {} in room {} from node {}", m.userId(), roomId, node, e);
                }
            }
        }
        if (adopted > 0) {
            LOG.info("Took over {} member(s) of node {}: they keep their seats for the reconnect grace", adopted,
                    node);
        }
        return adopted;
    }
}
