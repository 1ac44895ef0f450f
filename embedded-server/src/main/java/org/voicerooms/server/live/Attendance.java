package org.voicerooms.server.live;

import java.time.Instant;
import java.util.List;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;

/**
 * The rules of coming and going, as {@link Command} records: join (with knocking), leave, a dropped connection
 * and its reconnect grace, REST seat leases, ending, settings changes. Pure; {@link LiveService} reads what they
 * need from the database first and applies them.
 */
final class Attendance {

    private Attendance() {
    }

    /**
     * Joins, or knocks. What the database knows is read before: {@code staff} (host or moderator), {@code invited},
     * {@code friendOfHost} (for friends-only rooms), {@code kickedBefore} (a kick stored while the room ran).
     * A member already inside (another tab, or back within the grace) keeps role and hand and gets the state again.
     *
     * @param node      the node holding the joining socket; null for a REST join
     * @param visitId   the id of the participations document a new visit gets
     */
    record Join(String userId, String displayName, boolean staff, boolean invited, boolean friendOfHost,
                boolean kickedBefore, String node, String visitId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            Room room = ctx.room();
            if (c.ended()) {
                throw ApiException.of(ErrorCode.ROOM_ENDED);
            }
            if (c.isKicked(userId) || kickedBefore) {
                throw ApiException.of(ErrorCode.KICKED);
            }
            MemberState existing = c.member(userId).orElse(null);
            if (existing != null) {
                MemberState back = c.put(existing.connected(node, ctx.now()));
                return c.decision(new JoinResult(JoinResult.JOINED, c.state(back)));
            }
            boolean allowed = staff || invited || c.isApproved(userId) || switch (room.type()) {
                case PUBLIC -> !room.privacy().requireApproval();
                case FRIENDS_ONLY -> !room.privacy().requireApproval() && friendOfHost;
                case PRIVATE -> false;
            };
            if (!allowed) {
                if (!room.privacy().requireApproval()) {
                    throw new ApiException(ErrorCode.FORBIDDEN, "this room is invitation-only");
                }
                if (c.knock(userId, displayName)) {
                    List<String> staffInside = c.members().stream().filter(m -> m.role().canModerate())
                            .map(MemberState::userId).toList();
                    c.emit(new LiveEvent.Knocked(c.roomId(), LiveEvent.Audience.users(staffInside), userId,
                            displayName, ctx.now()));
                }
                return c.decision(new JoinResult(JoinResult.PENDING, null));
            }
            if (c.size() >= room.maxParticipants() && !room.isHost(userId)) {
                throw ApiException.of(ErrorCode.ROOM_FULL);
            }
            Role role = room.isHost(userId) ? Role.HOST : room.moderators().contains(userId) ? Role.MODERATOR
                    : Role.LISTENER;
            MemberState member = c.put(MemberState.joined(userId, displayName, role, ctx.now(), node, visitId));
            c.followMedia(); // a room growing past the mesh's limit moves before anyone links to the newcomer
            c.emit(new LiveEvent.VisitOpened(c.roomId(), userId, visitId, role, ctx.now(), c.size()));
            c.emit(new LiveEvent.Joined(c.roomId(), c.announce(member), member.view()));
            if (role == Role.HOST) {
                // The creator is back: whoever hosted in their absence is a moderator again.
                for (MemberState m : c.members()) {
                    if (!m.userId().equals(userId) && m.role() == Role.HOST) {
                        c.changeRole(m, Role.MODERATOR, userId);
                    }
                }
            }
            return c.decision(new JoinResult(JoinResult.JOINED, c.state(c.member(userId).orElseThrow())));
        }
    }

    /** Leaves quietly; leaving a room one is not in does nothing. */
    record Leave(String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.member(userId).ifPresent(m -> c.remove(m, "left"));
            return c.decision(null);
        }
    }

    /**
     * The member's last connection on {@code node} closed: the seat is kept for the reconnect grace. Answers the
     * instant of the drop (the {@link Lose} that may follow names it), or null if nothing changed.
     */
    record Drop(String userId, String node) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState m = c.member(userId).orElse(null);
            if (m == null || m.inGrace() || m.node() == null || !m.node().equals(node)) {
                return c.decision(null); // connected elsewhere since, or REST-only
            }
            MemberState dropped = m.dropped(ctx.now(), ctx.now().plus(ctx.grace()));
            if (m.speaking()) {
                dropped = c.silence(dropped);
                c.emit(new LiveEvent.SpeakingChanged(c.roomId(), userId, false, false));
            }
            c.put(dropped);
            return c.decision(dropped.droppedAt());
        }
    }

    /** The grace after the drop at {@code droppedAt} ran out: the member leaves, unless they came back since. */
    record Lose(String userId, Instant droppedAt) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.member(userId).filter(m -> droppedAt.equals(m.droppedAt())).ifPresent(m -> c.remove(m, "disconnected"));
            return c.decision(null);
        }
    }

    /**
     * Members who joined over REST and hold no realtime connection keep their seat only while they renew it
     * within {@code member-lease}: a REST join alone would otherwise hold a seat forever.
     */
    record ExpireLeases(Instant idleSince) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            for (MemberState m : c.members()) {
                if (m.node() == null && !m.inGrace() && m.lastActivity().isBefore(idleSince)
                        && c.member(m.userId()).isPresent()) {
                    c.remove(c.member(m.userId()).orElseThrow(), "lease-expired");
                }
            }
            return c.decision(null);
        }
    }

    /** Ends the room, telling everyone why: host-ended, no-host, time-limit, server-stopping. */
    record End(String reason) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.end(reason);
            return c.decision(null);
        }
    }

    /** The media policy may say otherwise now (the SFU went down or came back): the room follows it. */
    record FollowMedia() implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            if (snapshot.version() == 0 || snapshot.members().isEmpty()) {
                return Decision.none(snapshot);
            }
            RoomChange c = new RoomChange(snapshot, ctx);
            c.followMedia();
            return c.decision(null);
        }
    }

    /**
     * The host changed the settings: members see the room again (without the ban list), and staff get a new state,
     * since what they may do (the actions in it) follows the settings, e.g. moving listeners on stage directly.
     */
    record Update(Room shown) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            if (snapshot.version() == 0) {
                return Decision.none(snapshot);
            }
            List<LiveEvent> events = new java.util.ArrayList<>();
            events.add(new LiveEvent.Updated(snapshot.roomId(), shown));
            RoomChange c = new RoomChange(snapshot, ctx);
            for (MemberState m : snapshot.members()) {
                if (m.role().canModerate()) {
                    events.add(new LiveEvent.StateOf(snapshot.roomId(), m.userId(), c.state(m)));
                }
            }
            return Decision.say(snapshot, events, null);
        }
    }
}
