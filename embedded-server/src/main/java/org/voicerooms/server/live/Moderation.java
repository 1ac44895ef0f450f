package org.voicerooms.server.live;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.rooms.InviteStore;
import org.voicerooms.server.rooms.RoomService;

/**
 * What the host and moderators can do to others (ARCHITECTURE §4): promote, demote, mute, kick, ban, unban,
 * make and unmake moderators, deny hands, answer knocks, invite, end. Nobody acts on the host; moderators do not
 * act on moderators; only the host appoints moderators and ends the room. Each action is a {@link Command}
 * record below (its {@code decide} is the rule, its events what the room hears).
 */
public final class Moderation {

    private static final Logger LOG = LoggerFactory.getLogger(Moderation.class);

    private final LiveService live;
    private final UserStore users;
    private final RoomService rooms;
    private final InviteStore invites;
    /** Invitations one user may send: each reaches someone who never asked for it. */
    private final RateLimits invitations;

    public Moderation(LiveService live, UserStore users, RoomService rooms, InviteStore invites, Clock clock,
                      int invitesPerHour) {
        this.live = live;
        this.users = users;
        this.rooms = rooms;
        this.invites = invites;
        this.invitations = new RateLimits(invitesPerHour, Duration.ofHours(1), "invitations", clock);
        live.alsoOnSweep(invitations::prune);
    }

    /** Brings a listener on stage as a speaker; also grants their raised hand. */
    public void promote(Caller caller, String roomId, String userId) {
        live.act(roomId, new Promote(caller.userId(), userId), live.room(roomId));
    }

    /** Sends a speaker (or, for the host, a moderator) back to the audience. */
    public void demote(Caller caller, String roomId, String userId) {
        live.act(roomId, new Demote(caller.userId(), userId), live.room(roomId));
    }

    /** Mutes someone on stage, without a reason (REST). */
    public void mute(Caller caller, String roomId, String userId) {
        mute(caller, roomId, userId, null);
    }

    /** Kicks someone, without a reason (REST). */
    public void kick(Caller caller, String roomId, String userId) {
        kick(caller, roomId, userId, null);
    }

    /** Bans someone, without a reason (REST). */
    public void ban(Caller caller, String roomId, String userId) {
        ban(caller, roomId, userId, null);
    }

    /** Mutes someone on stage. Only they can unmute themselves. {@code reason} reaches them, or "muted". */
    public void mute(Caller caller, String roomId, String userId, String reason) {
        live.act(roomId, new Mute(caller.userId(), userId, reason(reason, "muted")), null);
    }

    /** Removes someone; they cannot rejoin while the room runs. Stored first: if that fails, nothing changed. */
    public void kick(Caller caller, String roomId, String userId, String reason) {
        Room room = live.room(Check.id("roomId", roomId));
        Kick kick = new Kick(caller.userId(), userId, reason(reason, "kicked"));
        kick.decide(live.snapshot(roomId), live.context(room));
        rooms.kick(roomId, userId);
        live.act(roomId, kick, room);
        LOG.info("{} kicked {} from room {}", caller.userId(), userId, roomId);
    }

    /** Bans someone, present or not; the ban is stored with the room first. */
    public void ban(Caller caller, String roomId, String userId, String reason) {
        String why = reason(reason, "banned");
        Room room = live.room(roomId);
        Ban ban = new Ban(caller.userId(), userId, false);
        Role targetRole = (Role) ban.decide(live.snapshot(roomId), live.context(room)).reply();
        if (users.byId(userId).isEmpty()) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such user");
        }
        rooms.ban(roomId, userId);
        invites.revoke(roomId, userId);
        if (targetRole == Role.MODERATOR) {
            rooms.removeModerator(roomId, userId);
        }
        live.act(roomId, new Ban(caller.userId(), userId, true, why), room);
        LOG.info("{} banned {} from room {}", caller.userId(), userId, roomId);
    }

    /** Lifts a ban (a kick while the room runs stays lifted too). */
    public void unban(Caller caller, String roomId, String userId) {
        Unban unban = new Unban(caller.userId(), userId);
        unban.decide(live.snapshot(Check.id("roomId", roomId)), live.context(null));
        rooms.unban(roomId, userId);
        live.act(roomId, unban, null);
    }

    /** Host only: makes a participant a moderator (on stage). */
    public void makeModerator(Caller caller, String roomId, String userId) {
        live.act(roomId, new MakeModerator(caller.userId(), userId), live.room(roomId));
    }

    /** Host only: a moderator becomes a plain speaker. */
    public void removeModerator(Caller caller, String roomId, String userId) {
        live.act(roomId, new RemoveModerator(caller.userId(), userId), live.room(roomId));
    }

    /** Lowers someone's raised hand without bringing them up. */
    public void denyHand(Caller caller, String roomId, String userId) {
        live.act(roomId, new DenyHand(caller.userId(), userId), null);
    }

    /** Lets a knocking user in; they join again to enter. */
    public void approveJoin(Caller caller, String roomId, String userId) {
        live.act(roomId, new AnswerKnock(caller.userId(), userId, true), null);
    }

    /** Turns a knocking user away. */
    public void denyJoin(Caller caller, String roomId, String userId) {
        live.act(roomId, new AnswerKnock(caller.userId(), userId, false), null);
    }

    /** Invites a user: host and moderators, or anyone inside when the room allows invites. */
    public void invite(Caller caller, String roomId, String userId) {
        Room room = live.room(Check.id("roomId", roomId));
        Invite check = new Invite(caller.userId(), userId, null, true);
        check.decide(live.snapshot(roomId), live.context(room));
        var user = users.byId(userId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such user"));
        invitations.check(caller.userId());
        // Written before anyone hears of it: the invitee may join the moment the invitation arrives.
        invites.invite(roomId, user.id(), caller.userId(), live.now());
        live.act(roomId, new Invite(caller.userId(), userId, room.title(), false), room);
    }

    /** A moderator's reason, trimmed, or {@code fallback} when none was given. */
    static String reason(String given, String fallback) {
        if (given == null || given.isBlank()) {
            return fallback;
        }
        String clean = given.strip();
        if (clean.length() > LiveRules.REASON_MAX) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED,
                    "reason is longer than " + LiveRules.REASON_MAX + " characters", "reason");
        }
        return clean;
    }

    /**
     * Host only: ends the room for everyone. A moderator standing in for a dropped creator hosts the live room but
     * may not end it: ending is for good, and the room is the creator's.
     */
    public void end(Caller caller, String roomId) {
        live.act(roomId, new End(caller.userId()), live.room(roomId));
    }

    // ---- the rules ----

    static MemberState moderator(RoomChange c, String userId) {
        MemberState me = c.actor(userId);
        if (!me.role().canModerate()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host and moderators can do that");
        }
        return me;
    }

    private static MemberState host(RoomChange c, String userId) {
        MemberState me = c.actor(userId);
        if (me.role() != Role.HOST) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host can do that");
        }
        return me;
    }

    record Promote(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(moderator(c, by), userId);
            if (target.role().onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "already on stage");
            }
            if (!ctx.room().permissions().mayPromoteDirectly() && !target.handRaised()) {
                // A raised hand is the listener's yes; anyone else is asked first.
                throw new ApiException(ErrorCode.FORBIDDEN, "this room asks listeners first: invite them to speak");
            }
            if (c.stageCount() >= ctx.room().maxSpeakers()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            c.changeRole(target, Role.SPEAKER, by);
            return c.decision(null);
        }
    }

    /** Demoting a moderator takes them off the room's moderator list too (after the commit). */
    record Demote(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(moderator(c, by), userId);
            if (!target.role().onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "already in the audience");
            }
            c.changeRole(target, Role.LISTENER, by);
            return c.decision(null);
        }
    }

    record Mute(String by, String userId, String reason) implements Command {
        Mute(String by, String userId) {
            this(by, userId, "muted");
        }

        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(moderator(c, by), userId);
            if (!target.role().onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "listeners are always muted");
            }
            if (!target.muted()) {
                c.put(c.silence(target).withMuted(true));
                c.emit(new LiveEvent.MutedBy(c.roomId(), userId, by, reason));
                // the mute says it: muted members do not speak
                c.emit(new LiveEvent.MuteChanged(c.roomId(), userId, true, by, false, true));
            }
            return c.decision(null);
        }
    }

    record Kick(String by, String userId, String reason) implements Command {
        Kick(String by, String userId) {
            this(by, userId, "kicked");
        }

        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(moderator(c, by), userId);
            c.kick(userId);
            c.emit(new LiveEvent.Kicked(c.roomId(), userId, by, false, reason));
            c.remove(target, "kicked");
            return c.decision(null);
        }
    }

    /**
     * Bans someone present or not. Decided twice: first as a check ({@code stored} false: answers the target's
     * role and changes nothing) before the ban is stored, then for real.
     */
    record Ban(String by, String userId, boolean stored, String reason) implements Command {
        Ban(String by, String userId, boolean stored) {
            this(by, userId, stored, "banned");
        }

        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = moderator(c, by);
            Check.id("userId", userId);
            Room doc = ctx.room();
            MemberState target = c.member(userId).orElse(null);
            Role targetRole = target != null ? target.role() : doc.isHost(userId) ? Role.HOST
                    : doc.moderators().contains(userId) ? Role.MODERATOR : Role.LISTENER;
            RoomChange.mayActOn(me, targetRole, userId);
            if (!stored) {
                return Decision.say(snapshot, java.util.List.of(), targetRole);
            }
            c.kick(userId);
            c.emit(new LiveEvent.Kicked(c.roomId(), userId, by, true, reason));
            if (target != null) {
                c.remove(target, "banned");
            }
            return c.decision(targetRole);
        }
    }

    /** Lifts the live kick a ban brought (the stored ban is lifted before). */
    record Unban(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            moderator(c, by);
            Check.id("userId", userId);
            c.pardon(userId);
            return c.decision(null);
        }
    }

    record MakeModerator(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(host(c, by), userId);
            if (target.role() == Role.MODERATOR) {
                return c.decision(null);
            }
            if (!target.role().onStage() && c.stageCount() >= ctx.room().maxSpeakers()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            c.changeRole(target, Role.MODERATOR, by);
            return c.decision(null);
        }
    }

    record RemoveModerator(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState target = c.target(host(c, by), userId);
            if (target.role() != Role.MODERATOR) {
                throw new ApiException(ErrorCode.CONFLICT, "not a moderator");
            }
            c.changeRole(target, Role.SPEAKER, by);
            return c.decision(null);
        }
    }

    record DenyHand(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.lowerHand(c.target(moderator(c, by), userId));
            return c.decision(null);
        }
    }

    record AnswerKnock(String by, String userId, boolean approved) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            moderator(c, by);
            Check.id("userId", userId);
            if (!c.knocking(userId)) {
                throw new ApiException(ErrorCode.NOT_FOUND, "that user is not waiting to join");
            }
            c.answerKnock(userId, approved);
            c.emit(new LiveEvent.KnockAnswered(c.roomId(), userId, approved));
            return c.decision(null);
        }
    }

    /** Invites {@code userId}; {@code checkOnly}: the rule's checks without the event (before the write). */
    record Invite(String by, String userId, String title, boolean checkOnly) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(by);
            if (!me.role().canModerate() && !ctx.room().privacy().allowInvites()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the host and moderators can invite here");
            }
            Check.id("userId", userId);
            if (ctx.room().bannedUsers().contains(userId)) {
                throw ApiException.of(ErrorCode.BANNED);
            }
            if (c.isKicked(userId)) {
                throw ApiException.of(ErrorCode.KICKED);
            }
            if (!checkOnly) {
                c.emit(new LiveEvent.Invited(c.roomId(), userId, title, by, me.displayName(), ctx.now()));
            }
            return c.decision(null);
        }
    }

    record End(String by) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            host(c, by);
            if (!ctx.room().isHost(by)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the room's creator can end it");
            }
            c.end("host-ended");
            return c.decision(null);
        }
    }
}
