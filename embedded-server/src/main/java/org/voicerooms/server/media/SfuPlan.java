package org.voicerooms.server.media;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveEvent;

/**
 * The media plan's subscriber on the live bus: the room changes the SFU must carry out, in commit order, on a
 * thread of its own (Janus requests must not hold up the bus). Every mute the room holds (a moderator's, the
 * member's own, a new speaker's) stops Janus forwarding the speaker, so a client that keeps sending is not heard;
 * only the speaker's own unmute lifts it, never a moderator. Leaving the stage ends the publishing; leaving, a kick
 * or a ban ends all the member's media; the end of the room destroys its Janus room. Every node of a cluster hears
 * every change, and each carries it out for the connections it holds (only the node holding a speaker's publishing
 * handle has it to moderate or hang up); a change of publishers anywhere re-syncs each node's subscribers.
 */
public final class SfuPlan implements LiveBus.Subscriber, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuPlan.class);

    private final SfuSignaling sfu;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "voicerooms-sfu-plan");
        t.setDaemon(true);
        return t;
    });

    public SfuPlan(SfuSignaling sfu) {
        this.sfu = sfu;
    }

    @Override
    public void deliver(String roomId, long version, List<LiveEvent> events) {
        for (LiveEvent event : events) {
            Runnable change = change(event);
            if (change != null) {
                LOG.info("SFU follows {} in room {}", event.getClass().getSimpleName(), roomId);
                thread.execute(() -> {
                    try {
                        change.run();
                    } catch (RuntimeException e) {
                        LOG.warn("SFU change in room {} failed", roomId, e);
                    }
                });
            }
        }
    }

    /** What the SFU does for {@code event}, or null for nothing. */
    Runnable change(LiveEvent event) {
        if (event instanceof LiveEvent.MuteChanged m) {
            if (m.muted()) {
                return () -> sfu.muted(m.roomId(), m.userId());
            }
            if (m.by() == null) {
                return () -> sfu.unmutedThemselves(m.roomId(), m.userId());
            }
        } else if (event instanceof LiveEvent.RoleChanged r && r.before().onStage() && !r.role().onStage()) {
            return () -> sfu.leftStage(r.roomId(), r.userId());
        } else if (event instanceof LiveEvent.RoleChanged r && r.role().onStage() && r.muted()) {
            return () -> sfu.muted(r.roomId(), r.userId()); // new speakers come up muted
        } else if (event instanceof LiveEvent.Left l) {
            return () -> sfu.left(l.roomId(), l.userId());
        } else if (event instanceof LiveEvent.SfuPublishersChanged p) {
            return () -> sfu.publishersChanged(p.roomId());
        } else if (event instanceof LiveEvent.Ended e) {
            return () -> sfu.ended(e.roomId());
        }
        return null;
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
