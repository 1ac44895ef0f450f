package org.voicerooms.server.live;

import java.time.Duration;
import org.bson.types.ObjectId;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.Payloads.SpeakResult;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.server.http.Caller;

/**
 * What a member does for themselves: hands, asking to speak, mute, voice activity, chat, reactions, and the
 * signaling relay to their peers. Each action is a {@link Command} record below (its {@code decide} is the rule)
 * applied through {@link LiveService#act}; the same for Socket.IO and REST.
 */
public final class MemberActions {

    private final LiveService live;
    private final RateLimits chats;
    private final RateLimits reactions;

    public MemberActions(LiveService live, java.time.Clock clock) {
        this.live = live;
        this.chats = new RateLimits(5, Duration.ofSeconds(10), "chat messages", clock);
        this.reactions = new RateLimits(10, Duration.ofSeconds(10), "reactions", clock);
        live.alsoOnSweep(chats::prune);
        live.alsoOnSweep(reactions::prune);
    }

    /** Raises the caller's hand. */
    public void raiseHand(Caller caller, String roomId) {
        live.act(roomId, new RaiseHand(caller.userId()), live.room(roomId));
    }

    /** Lowers the caller's hand. */
    public void lowerHand(Caller caller, String roomId) {
        live.act(roomId, new LowerHand(caller.userId()), null);
    }

    /** Asks to speak: on stage at once if the room lets anyone speak and a seat is free, else a raised hand. */
    public SpeakResult speakRequest(Caller caller, String roomId) {
        return (SpeakResult) live.act(roomId, new SpeakRequest(caller.userId()), live.room(roomId));
    }

    /** Mutes or unmutes the caller (stage only). */
    public void muteSelf(Caller caller, String roomId, boolean muted) {
        live.act(roomId, new MuteSelf(caller.userId(), muted), null);
    }

    /** Voice activity of the caller; ignored while muted. */
    public void speaking(Caller caller, String roomId, boolean speaking) {
        live.act(roomId, new Speaking(caller.userId(), speaking), null);
    }

    /** Sends a chat line to the room. */
    public ChatMessage chat(Caller caller, String roomId, String text) {
        String clean = Check.text("text", text, 1, LiveRules.CHAT_MAX, true);
        Check.id("roomId", roomId);
        if (live.isInside(roomId, caller.userId())) {
            chats.check(roomId + ":" + caller.userId());
        }
        return (ChatMessage) live.act(roomId, new Chat(caller.userId(), new ObjectId().toHexString(), clean), null);
    }

    /** Deletes a chat line: its author, the host or a moderator. */
    public void deleteChat(Caller caller, String roomId, String messageId) {
        Check.id("messageId", messageId);
        live.act(roomId, new DeleteChat(caller.userId(), messageId), null);
    }

    /** Sends an emoji reaction. */
    public Reaction react(Caller caller, String roomId, String emoji) {
        String clean = Check.text("emoji", emoji, 1, LiveRules.REACTION_MAX, false);
        if (clean.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c))) {
            throw ApiException.invalid("emoji", "a reaction is an emoji, not text");
        }
        Check.id("roomId", roomId);
        if (live.isInside(roomId, caller.userId())) {
            reactions.check(roomId + ":" + caller.userId());
        }
        return (Reaction) live.act(roomId, new React(caller.userId(), clean), null);
    }

    /** Relays an SDP offer or answer to a peer in the same room, along an edge the topology allows. */
    public void relaySdp(Caller caller, Event<Sdp> relayed, Sdp sdp) {
        Check.id("peerId", sdp.peerId());
        requireSize("sdp", sdp.sdp(), LiveRules.SDP_MAX);
        if (sdp.offer() != null || sdp.answer() != null) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "send the description as sdp", "sdp");
        }
        Sdp out = Sdp.relayed(sdp.roomId(), caller.userId(), sdp.sdp(), relayed == Events.RELAYED_ANSWER);
        live.act(sdp.roomId(), new Relay(caller.userId(), sdp.peerId(),
                new LiveEvent.SdpRelayed(sdp.roomId(), sdp.peerId(), relayed == Events.RELAYED_ANSWER, out)), null);
    }

    /** Relays an ICE candidate like {@link #relaySdp}. */
    public void relayCandidate(Caller caller, IceCandidate c) {
        Check.id("peerId", c.peerId());
        requireSize("candidate", c.candidate(), LiveRules.CANDIDATE_MAX);
        if (c.sdpMid() != null && c.sdpMid().length() > LiveRules.SDP_MID_MAX) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "sdpMid is too long", "sdpMid");
        }
        IceCandidate out = new IceCandidate(c.roomId(), caller.userId(), c.candidate(), c.sdpMid(),
                c.sdpMLineIndex());
        live.act(c.roomId(), new Relay(caller.userId(), c.peerId(),
                new LiveEvent.IceRelayed(c.roomId(), c.peerId(), out)), null);
    }

    private static void requireSize(String field, String value, int max) {
        Check.required(field, value);
        if (value.length() > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, field + " is larger than " + max + " characters",
                    field);
        }
    }

    // ---- the rules ----

    record RaiseHand(String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            raise(c, c.actor(userId), ctx.room());
            return c.decision(null);
        }
    }

    private static void raise(RoomChange c, MemberState me, Room room) {
        if (me.role().onStage()) {
            throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
        }
        if (!room.permissions().allowHandRaise()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this room does not take raised hands");
        }
        if (!me.handRaised()) {
            MemberState up = c.put(me.withHand(c.ctx().now()));
            c.emit(new LiveEvent.HandRaised(c.roomId(), c.stageAnd(me.userId()), me.userId(), up.handRaisedAt()));
        }
    }

    record LowerHand(String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.lowerHand(c.actor(userId));
            return c.decision(null);
        }
    }

    record SpeakRequest(String userId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            Room room = ctx.room();
            if (me.role().onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
            }
            if (room.permissions().anyoneCanSpeak() && c.stageCount() < room.maxSpeakers()) {
                c.changeRole(me, Role.SPEAKER, null);
                return c.decision(new SpeakResult("granted"));
            }
            if (!room.permissions().allowHandRaise()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            raise(c, me, room);
            return c.decision(new SpeakResult("hand-raised"));
        }
    }

    record MuteSelf(String userId, boolean muted) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            if (!me.role().onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners have no microphone to unmute");
            }
            if (me.muted() != muted) {
                MemberState next = me.withMuted(muted);
                if (muted && me.speaking()) {
                    next = c.silence(next);
                    c.emit(new LiveEvent.SpeakingChanged(c.roomId(), userId, false, false));
                }
                c.put(next);
                c.emit(new LiveEvent.MuteChanged(c.roomId(), userId, muted, null, true, false));
            }
            return c.decision(null);
        }
    }

    record Speaking(String userId, boolean speaking) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            if (!me.role().onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the stage speaks");
            }
            if (me.muted() && speaking || me.speaking() == speaking) {
                return c.decision(null);
            }
            c.put(speaking ? me.startSpeaking(ctx.now()) : c.silence(me));
            c.emit(new LiveEvent.SpeakingChanged(c.roomId(), userId, speaking, true));
            return c.decision(null);
        }
    }

    record Chat(String userId, String messageId, String text) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            ChatMessage message = new ChatMessage(c.roomId(), messageId, userId, me.displayName(), text, ctx.now());
            c.addChat(message);
            c.emit(new LiveEvent.ChatPosted(c.roomId(), message));
            return c.decision(message);
        }
    }

    record DeleteChat(String userId, String messageId) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            ChatMessage message = c.chatMessage(messageId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such message"));
            if (!message.userId().equals(userId) && !me.role().canModerate()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only its author or a moderator can delete a message");
            }
            c.removeChat(messageId);
            c.emit(new LiveEvent.ChatRemoved(c.roomId(), messageId, userId));
            return c.decision(null);
        }
    }

    record React(String userId, String emoji) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            c.actor(userId);
            Reaction reaction = new Reaction(c.roomId(), userId, emoji, ctx.now());
            c.emit(new LiveEvent.Reacted(c.roomId(), reaction));
            return c.decision(reaction);
        }
    }

    /** Relays {@code relayed} (addressed to {@code peerId}) if the topology links the two. */
    record Relay(String userId, String peerId, LiveEvent relayed) implements Command {
        @Override
        public Decision decide(RoomSnapshot snapshot, RuleContext ctx) {
            RoomChange c = new RoomChange(snapshot, ctx);
            MemberState me = c.actor(userId);
            MemberState peer = c.member(peerId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "that peer is not in this room"));
            if (peer.userId().equals(userId)) {
                throw ApiException.invalid("peerId", "you cannot signal yourself");
            }
            if (!Topology.connected(me.role(), peer.role())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners do not connect to each other");
            }
            c.emit(relayed);
            return c.decision(null);
        }
    }

}
