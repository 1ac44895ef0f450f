package org.voicerooms.server.live;

import java.util.List;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.server.http.Caller;

/**
 * Consent-first stage: the host or a moderator invites a listener to speak, and only the listener's yes brings
 * them on stage (muted, as every new speaker). Each step is a {@link Command} below; the invitation lives in the
 * room's snapshot until it is answered, or the listener leaves.
 */
public final class StageInvites {

    private final LiveService live;

    public StageInvites(LiveService live) {
        this.live = live;
    }

    /** Invites {@code userId}, a listener in the room, to speak (host, moderators). */
    public void invite(Caller caller, String roomId, String userId) {
        live.act(roomId, new Invite(caller.userId(), userId), null);
    }

    /** The caller answers their invitation to speak. */
    public void answer(Caller caller, String roomId, boolean accept) {
        live.act(roomId, new Answer(caller.userId(), accept), accept ? live.room(roomId) : null);
    }

    record Invite(String by, String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = Moderation.moderator(c, by);
            MemberState target = c.target(me, Check.id("userId", userId));
            if (target.role().onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "already on stage");
            }
            c.inviteToSpeak(userId, by);
            c.emit(new LiveEvent.SpeakInvited(c.roomId(), userId, by, me.displayName()));
            return c.decision(null);
        }
    }

    record Answer(String userId, boolean accept) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            RoomSnapshot.SpeakInvite invite = c.takeSpeakInvite(userId)
                    .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "no invitation to speak"));
            if (me.role().onStage()) {
                return c.decision(null);
            }
            if (!accept) {
                List<String> staff = c.members().stream().filter(m -> m.role().canModerate())
                        .map(MemberState::userId).toList();
                c.emit(new LiveEvent.SpeakDeclined(c.roomId(), LiveEvent.Audience.users(staff), userId));
                return c.decision(null);
            }
            if (c.stageCount() >= ctx.room().maxSpeakers()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            c.changeRole(me, Role.SPEAKER, invite.by());
            return c.decision(null);
        }
    }
}
