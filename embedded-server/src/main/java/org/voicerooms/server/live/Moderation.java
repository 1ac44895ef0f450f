package org.voicerooms.server.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.Invited;
import org.voicerooms.model.live.Payloads.JoinAnswered;
import org.voicerooms.model.live.Payloads.Kicked;
import org.voicerooms.model.live.Payloads.Muted;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.http.Caller;

/**
 * What the host and moderators can do to others (ARCHITECTURE §4): promote, demote, mute, kick, ban, unban,
 * make and unmake moderators, deny hands, answer knocks, invite, end. Nobody acts on the host; moderators do not
 * act on moderators; only the host appoints moderators and ends the room.
 */
public final class Moderation {

    private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);

    private final LiveService live;
    private final UserStore users;

    public Moderation(LiveService live, UserStore users) {
        this.live = live;
        this.users = users;
    }

    private static void requireModerator(Member me) {
        if (!me.role.canModerate()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host and moderators can do that");
        }
    }

    private static void requireHost(Member me) {
        if (me.role != Role.HOST) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host can do that");
        }
    }

    /** The target, present in the room and someone {@code me} may act on. */
    private static Member target(LiveRoom room, Member me, String userId) {
        Check.id("userId", userId);
        Member target = room.member(userId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "that user is not in this room"));
        mayActOn(me, target.role, userId);
        return target;
    }

    private static void mayActOn(Member me, Role targetRole, String targetId) {
        if (targetId.equals(me.userId)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "you cannot do that to yourself");
        }
        if (targetRole == Role.HOST) {
            throw new ApiException(ErrorCode.FORBIDDEN, "nobody can do that to the host");
        }
        if (me.role == Role.MODERATOR && targetRole == Role.MODERATOR) {
            throw new ApiException(ErrorCode.FORBIDDEN, "moderators cannot act on other moderators");
        }
    }

    /** Brings a listener on stage as a speaker; also grants their raised hand. */
    public void promote(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Member target = target(room, me, userId);
            if (target.role.onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "already on stage");
            }
            Room doc = live.room(room);
            if (room.stageCount() >= doc.maxSpeakers()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            live.changeRole(room, target, Role.SPEAKER, me.userId);
            return null;
        });
    }

    /** Sends a speaker (or, for the host, a moderator) back to the audience. */
    public void demote(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Member target = target(room, me, userId);
            if (!target.role.onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "already in the audience");
            }
            if (target.role == Role.MODERATOR) {
                live.roomService.removeModerator(roomId, userId);
            }
            live.changeRole(room, target, Role.LISTENER, me.userId);
            return null;
        });
    }

    /** Mutes someone on stage. Only they can unmute themselves. */
    public void mute(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Member target = target(room, me, userId);
            if (!target.role.onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "listeners are always muted");
            }
            if (!target.muted) {
                target.muted = true;
                live.roomService.addSpeakTime(roomId, target.stopSpeaking(live.now()));
                live.outbox.toUser(userId, Events.MUTED, new Muted(roomId, me.userId));
                target.speakingOut.sent(false); // the mute says it: muted members do not speak
                live.sendMuted(room, target, me.userId);
            }
            return null;
        });
    }

    /** Removes someone; they cannot rejoin while the room runs. */
    public void kick(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Member target = target(room, me, userId);
            live.roomService.kick(roomId, userId); // stored first: if that fails, nothing changed
            // once stored, the kick happens whole: a stale invitation admits nobody kicked (join checks the kick)
            LiveService.bestEffort("revoke the invitation of " + userId, () -> live.invites.revoke(roomId, userId));
            room.kick(userId);
            live.outbox.toUser(userId, Events.KICKED, new Kicked(roomId, me.userId, false));
            live.remove(room, target, "kicked");
            LOG.info("{} kicked {}", me.userId, userId);
            return null;
        });
    }

    /** Bans someone, present or not; the ban is stored with the room. */
    public void ban(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Check.id("userId", userId);
            Room doc = live.room(room);
            Member target = room.member(userId).orElse(null);
            Role targetRole = target != null ? target.role : doc.isHost(userId) ? Role.HOST
                    : doc.moderators().contains(userId) ? Role.MODERATOR : Role.LISTENER;
            mayActOn(me, targetRole, userId);
            if (users.byId(userId).isEmpty()) {
                throw new ApiException(ErrorCode.NOT_FOUND, "no such user");
            }
            live.roomService.ban(roomId, userId);
            live.invites.revoke(roomId, userId);
            if (targetRole == Role.MODERATOR) {
                live.roomService.removeModerator(roomId, userId);
            }
            room.kick(userId);
            live.outbox.toUser(userId, Events.KICKED, new Kicked(roomId, me.userId, true));
            if (target != null) {
                live.remove(room, target, "banned");
            }
            LOG.info("{} banned {}", me.userId, userId);
            return null;
        });
    }

    /** Lifts a ban (a kick while the room runs stays). */
    public void unban(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Check.id("userId", userId);
            live.roomService.unban(roomId, userId);
            room.pardon(userId); // a ban also kicked them; lifting it lets them back while the room runs
            return null;
        });
    }

    /** Host only: makes a participant a moderator (on stage). */
    public void makeModerator(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireHost(me);
            Member target = target(room, me, userId);
            if (target.role == Role.MODERATOR) {
                return null;
            }
            Room doc = live.room(room);
            if (!target.role.onStage() && room.stageCount() >= doc.maxSpeakers()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            live.roomService.addModerator(roomId, userId);
            live.changeRole(room, target, Role.MODERATOR, me.userId);
            return null;
        });
    }

    /** Host only: a moderator becomes a plain speaker. */
    public void removeModerator(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireHost(me);
            Member target = target(room, me, userId);
            if (target.role != Role.MODERATOR) {
                throw new ApiException(ErrorCode.CONFLICT, "not a moderator");
            }
            live.roomService.removeModerator(roomId, userId);
            live.changeRole(room, target, Role.SPEAKER, me.userId);
            return null;
        });
    }

    /** Lowers someone's raised hand without bringing them up. */
    public void denyHand(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Member target = target(room, me, userId);
            if (target.handRaised()) {
                target.handRaisedAt = null;
                live.toStageAnd(room, userId, Events.HAND_LOWERED, new HandLowered(roomId, userId));
            }
            return null;
        });
    }

    /** Lets a knocking user in; they join again to enter. */
    public void approveJoin(Caller caller, String roomId, String userId) {
        answerKnock(caller, roomId, userId, true);
    }

    /** Turns a knocking user away. */
    public void denyJoin(Caller caller, String roomId, String userId) {
        answerKnock(caller, roomId, userId, false);
    }

    private void answerKnock(Caller caller, String roomId, String userId, boolean approved) {
        live.withMember(caller, roomId, (room, me) -> {
            requireModerator(me);
            Check.id("userId", userId);
            if (!room.knocking(userId)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "that user is not waiting to join");
            }
            if (approved) {
                room.approve(userId);
            } else {
                room.deny(userId);
            }
            live.outbox.toUser(userId, Events.JOIN_ANSWERED, new JoinAnswered(roomId, approved));
            return null;
        });
    }

    /** Invites a user: host and moderators, or anyone inside when the room allows invites. */
    public void invite(Caller caller, String roomId, String userId) {
        live.withMember(caller, roomId, (room, me) -> {
            Room doc = live.room(room);
            if (!me.role.canModerate() && !doc.privacy().allowInvites()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the host and moderators can invite here");
            }
            Check.id("userId", userId);
            var user = users.byId(userId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such user"));
            if (doc.bannedUsers().contains(userId)) {
                throw ApiException.of(ErrorCode.BANNED);
            }
            if (room.isKicked(userId)) {
                throw ApiException.of(ErrorCode.KICKED);
            }
            live.invitations.check(me.userId);
            live.invites.invite(roomId, user.id(), me.userId, live.now());
            live.outbox.toUser(userId, Events.INVITED, new Invited(roomId, doc.title(), me.userId, me.displayName));
            return null;
        });
    }

    /**
     * Host only: ends the room for everyone. A moderator standing in for a dropped creator hosts the live room but
     * may not end it: ending is for good, and the room is the creator's.
     */
    public void end(Caller caller, String roomId) {
        live.withMember(caller, roomId, (room, me) -> {
            requireHost(me);
            if (!live.room(room).isHost(me.userId)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the room's creator can end it");
            }
            live.endRoom(roomId, "host-ended");
            return null;
        });
    }
}
