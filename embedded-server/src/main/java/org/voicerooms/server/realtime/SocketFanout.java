package org.voicerooms.server.realtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.MediaPayloads;
import org.voicerooms.model.live.Payloads;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveEvent;
import org.voicerooms.server.live.Outbox;
import org.voicerooms.server.live.Scheduler;

/**
 * The one place where live events become wire events ({@link Events}): each {@link LiveEvent} a {@link LiveBus}
 * delivers goes to the sockets of this node it is meant for. Speaking and muted flags are coalesced here, per node
 * ({@link Coalesced}); events only the database cares about are ignored.
 */
final class SocketFanout implements LiveBus.Subscriber {

    private final Outbox outbox;
    private final LiveSockets sockets;
    private final Scheduler scheduler;
    private final long windowNanos;
    /** Per room member: what this node's sockets last heard of their speaking and muted flags. */
    private final Map<String, Flags> flags = new ConcurrentHashMap<>();

    private static final class Flags {
        final Coalesced speaking = new Coalesced();
        final Coalesced muted = new Coalesced();
        boolean gone;
    }

    SocketFanout(Outbox outbox, LiveSockets sockets, Scheduler scheduler, int changesPerSecond) {
        this.outbox = outbox;
        this.sockets = sockets;
        this.scheduler = scheduler;
        this.windowNanos = 1_000_000_000L / changesPerSecond;
    }

    @Override
    public void deliver(String roomId, long version, List<LiveEvent> events) {
        for (LiveEvent e : events) {
            send(e);
        }
    }

    private void send(LiveEvent e) {
        if (e instanceof LiveEvent.Joined j) {
            to(j.roomId(), j.to(), Events.PARTICIPANT_JOINED, new Payloads.ParticipantJoined(j.roomId(),
                    j.participant()));
        } else if (e instanceof LiveEvent.Left l) {
            to(l.roomId(), l.to(), Events.PARTICIPANT_LEFT, new Payloads.ParticipantLeft(l.roomId(), l.userId(),
                    l.reason()));
            gone(l.roomId(), l.userId());
        } else if (e instanceof LiveEvent.RoleChanged r) {
            Flags f = flags(r.roomId(), r.userId());
            synchronized (f) {
                // The role change says both: off stage or newly on it, a member is muted and silent.
                f.speaking.sent(r.speaking(), scheduler.nanoTime());
                f.muted.sent(r.muted(), scheduler.nanoTime());
            }
            outbox.toRoom(r.roomId(), Events.ROLE_CHANGED, new Payloads.RoleChanged(r.roomId(), r.userId(),
                    r.role(), r.by(), r.displayName(), r.muted()));
        } else if (e instanceof LiveEvent.Promoted p) {
            outbox.toUser(p.userId(), Events.PROMOTED, new Payloads.Promoted(p.roomId(), p.role(), p.by()));
        } else if (e instanceof LiveEvent.StateOf s) {
            outbox.toUser(s.userId(), Events.STATE, s.state());
        } else if (e instanceof LiveEvent.HandRaised h) {
            to(h.roomId(), h.to(), Events.HAND_RAISED, new Payloads.HandRaised(h.roomId(), h.userId(),
                    h.raisedAt()));
        } else if (e instanceof LiveEvent.HandLowered h) {
            to(h.roomId(), h.to(), Events.HAND_LOWERED, new Payloads.HandLowered(h.roomId(), h.userId()));
        } else if (e instanceof LiveEvent.SpeakingChanged s) {
            flag(s.roomId(), s.userId(), true, s.speaking(), s.coalesce(), null);
        } else if (e instanceof LiveEvent.MuteChanged m) {
            if (m.silenced()) {
                Flags f = flags(m.roomId(), m.userId());
                synchronized (f) {
                    f.speaking.sent(false, scheduler.nanoTime());
                }
            }
            flag(m.roomId(), m.userId(), false, m.muted(), m.coalesce(), m.by());
        } else if (e instanceof LiveEvent.MutedBy m) {
            outbox.toUser(m.userId(), Events.MUTED, new Payloads.Muted(m.roomId(), m.by(), m.reason()));
        } else if (e instanceof LiveEvent.SpeakInvited i) {
            outbox.toUser(i.userId(), Events.SPEAK_INVITED, new Payloads.SpeakInvited(i.roomId(), i.by(),
                    i.byName()));
        } else if (e instanceof LiveEvent.SpeakDeclined d) {
            to(d.roomId(), d.to(), Events.SPEAK_DECLINED, new Payloads.SpeakDeclined(d.roomId(), d.userId()));
        } else if (e instanceof LiveEvent.Kicked k) {
            outbox.toUser(k.userId(), Events.KICKED, new Payloads.Kicked(k.roomId(), k.by(), k.banned(),
                    k.reason()));
        } else if (e instanceof LiveEvent.Knocked k) {
            to(k.roomId(), k.to(), Events.JOIN_REQUESTED, new Payloads.JoinRequested(k.roomId(), k.userId(),
                    k.displayName(), k.at()));
        } else if (e instanceof LiveEvent.KnockAnswered a) {
            outbox.toUser(a.userId(), Events.JOIN_ANSWERED, new Payloads.JoinAnswered(a.roomId(), a.approved()));
        } else if (e instanceof LiveEvent.Invited i) {
            outbox.toUser(i.userId(), Events.INVITED, new Payloads.Invited(i.roomId(), i.title(), i.by(),
                    i.byName()));
        } else if (e instanceof LiveEvent.ChatPosted c) {
            outbox.toRoom(c.roomId(), Events.CHAT_MESSAGE, c.message());
        } else if (e instanceof LiveEvent.ChatRemoved c) {
            outbox.toRoom(c.roomId(), Events.CHAT_DELETED, new Payloads.ChatDeleted(c.roomId(), c.messageId(),
                    c.by()));
        } else if (e instanceof LiveEvent.Reacted r) {
            outbox.toRoom(r.roomId(), Events.REACTION_SENT, r.reaction());
        } else if (e instanceof LiveEvent.SdpRelayed s) {
            outbox.toUser(s.userId(), s.answer() ? Events.RELAYED_ANSWER : Events.RELAYED_OFFER, s.sdp());
        } else if (e instanceof LiveEvent.IceRelayed i) {
            outbox.toUser(i.userId(), Events.RELAYED_ICE_CANDIDATE, i.candidate());
        } else if (e instanceof LiveEvent.Ended end) {
            outbox.toRoom(end.roomId(), Events.ENDED, new Payloads.RoomEnded(end.roomId(), end.reason()));
            end.members().forEach(userId -> gone(end.roomId(), userId));
        } else if (e instanceof LiveEvent.Updated u) {
            outbox.toRoom(u.roomId(), Events.UPDATED, new Payloads.RoomUpdated(u.room()));
        } else if (e instanceof LiveEvent.MediaChanged m) {
            outbox.toRoom(m.roomId(), Events.MEDIA, new MediaPayloads.MediaChanged(m.roomId(), m.media()));
        }
        // VisitOpened, VisitClosed, SpokeFor: for the database only; SfuPublishersChanged: for the media plan
    }

    private <T> void to(String roomId, LiveEvent.Audience audience, Event<T> event, T payload) {
        if (audience.wholeRoom()) {
            outbox.toRoom(roomId, event, payload);
        } else {
            outbox.toUsers(audience.users(), event, payload);
        }
    }

    private void gone(String roomId, String userId) {
        Flags f = flags.remove(key(roomId, userId));
        if (f != null) {
            synchronized (f) {
                f.gone = true;
            }
        }
        sockets.left(roomId, userId);
    }

    /** This node stopped hearing {@code roomId}: what it kept of the room's members goes. */
    void forget(String roomId) {
        String prefix = roomId + '/';
        flags.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Members whose speaking and muted flags this node keeps (for tests: nothing may stay behind). */
    int flagged() {
        return flags.size();
    }

    private static String key(String roomId, String userId) {
        return roomId + '/' + userId;
    }

    private Flags flags(String roomId, String userId) {
        return flags.computeIfAbsent(key(roomId, userId), k -> new Flags());
    }

    /** Sends a flag now, or folds it into the flush at the end of its window. */
    private void flag(String roomId, String userId, boolean speaking, boolean value, boolean coalesce, String by) {
        Flags f = flags(roomId, userId);
        Coalesced slot = speaking ? f.speaking : f.muted;
        synchronized (f) {
            long now = scheduler.nanoTime();
            if (!coalesce) {
                slot.sent(value, now);
            } else {
                slot.latest = value;
                long delay = slot.delay(windowNanos, now);
                if (delay != 0) {
                    if (delay > 0) {
                        scheduler.schedule(Duration.ofNanos(delay), () -> flush(roomId, userId, f, speaking));
                    }
                    return;
                }
                if (!slot.differs(value)) {
                    return;
                }
                slot.sent(value, now);
            }
        }
        sendFlag(roomId, userId, speaking, value, by);
    }

    private void flush(String roomId, String userId, Flags f, boolean speaking) {
        Coalesced slot = speaking ? f.speaking : f.muted;
        boolean value;
        synchronized (f) {
            slot.flushed();
            if (f.gone || !slot.differs(slot.latest)) {
                return;
            }
            value = slot.latest;
            slot.sent(value, scheduler.nanoTime());
        }
        sendFlag(roomId, userId, speaking, value, null);
    }

    private void sendFlag(String roomId, String userId, boolean speaking, boolean value, String by) {
        if (speaking) {
            outbox.toRoom(roomId, Events.SPEAKING_CHANGED, new Payloads.SpeakingChanged(roomId, userId, value));
        } else {
            outbox.toRoom(roomId, Events.MUTE_CHANGED, new Payloads.MuteChanged(roomId, userId, value, by));
        }
    }
}
