package org.voicerooms.server.live;

import org.bson.types.ObjectId;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.ChatDeleted;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
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
 * signaling relay to their peers. Same rules for Socket.IO and REST; each action is one {@link LiveState} update.
 */
public final class MemberActions {

    private final LiveService service;

    public MemberActions(LiveService service) {
        this.service = service;
    }

    // ---- the caller's own actions ----

    /** Raises the caller's hand. */
    public void raiseHand(Caller caller, String roomId) {
        service.withMember(caller, roomId, (live, me) -> {
            raise(live, me, service.room(live));
            return null;
        });
    }

    private void raise(LiveRoom live, Member me, Room room) {
        if (me.role.onStage()) {
            throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
        }
        if (!room.permissions().allowHandRaise()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this room does not take raised hands");
        }
        if (!me.handRaised()) {
            me.handRaisedAt = service.now();
            service.toStageAnd(live, me.userId, Events.HAND_RAISED, new HandRaised(live.roomId, me.userId, me.handRaisedAt));
        }
    }

    /** Lowers the caller's hand. */
    public void lowerHand(Caller caller, String roomId) {
        service.withMember(caller, roomId, (live, me) -> {
            if (me.handRaised()) {
                me.handRaisedAt = null;
                service.toStageAnd(live, me.userId, Events.HAND_LOWERED, new HandLowered(live.roomId, me.userId));
            }
            return null;
        });
    }

    /** Asks to speak: on stage at once if the room lets anyone speak and a seat is free, else a raised hand. */
    public SpeakResult speakRequest(Caller caller, String roomId) {
        return service.withMember(caller, roomId, (live, me) -> {
            Room room = service.room(live);
            if (me.role.onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
            }
            if (room.permissions().anyoneCanSpeak() && live.stageCount() < room.maxSpeakers()) {
                service.changeRole(live, me, Role.SPEAKER, null);
                return new SpeakResult("granted");
            }
            if (!room.permissions().allowHandRaise()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            raise(live, me, room);
            return new SpeakResult("hand-raised");
        });
    }

    /** Mutes or unmutes the caller (stage only). */
    public void muteSelf(Caller caller, String roomId, boolean muted) {
        service.withMember(caller, roomId, (live, me) -> {
            if (!me.role.onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners have no microphone to unmute");
            }
            if (me.muted != muted) {
                me.muted = muted;
                if (muted && me.speaking) {
                    service.roomService.addSpeakTime(live.roomId, me.stopSpeaking(service.now()));
                    service.sendSpeaking(live, me);
                }
                service.publishMuted(live, me);
            }
            return null;
        });
    }

    /** Voice activity of the caller; ignored while muted. */
    public void speaking(Caller caller, String roomId, boolean speaking) {
        service.withMember(caller, roomId, (live, me) -> {
            if (!me.role.onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the stage speaks");
            }
            if (me.muted && speaking || me.speaking == speaking) {
                return null;
            }
            if (speaking) {
                me.speaking = true;
                me.speakingSince = service.now();
            } else {
                service.roomService.addSpeakTime(live.roomId, me.stopSpeaking(service.now()));
            }
            service.publishSpeaking(live, me);
            return null;
        });
    }

    // ---- chat and reactions ----

    /** Sends a chat line to the room. */
    public ChatMessage chat(Caller caller, String roomId, String text) {
        String clean = Check.text("text", text, 1, LiveRules.CHAT_MAX, true);
        return service.withMember(caller, roomId, (live, me) -> {
            service.chats.check(roomId + ":" + me.userId);
            ChatMessage message = new ChatMessage(roomId, new ObjectId().toHexString(), me.userId, me.displayName,
                    clean, service.now());
            live.addChat(message);
            service.outbox.toRoom(roomId, Events.CHAT_MESSAGE, message);
            return message;
        });
    }

    /** Deletes a chat line: its author, the host or a moderator. */
    public void deleteChat(Caller caller, String roomId, String messageId) {
        Check.id("messageId", messageId);
        service.withMember(caller, roomId, (live, me) -> {
            ChatMessage message = live.chat(messageId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such message"));
            if (!message.userId().equals(me.userId) && !me.role.canModerate()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only its author or a moderator can delete a message");
            }
            live.removeChat(messageId);
            service.outbox.toRoom(roomId, Events.CHAT_DELETED, new ChatDeleted(roomId, messageId, me.userId));
            return null;
        });
    }

    /** Sends an emoji reaction. */
    public Reaction react(Caller caller, String roomId, String emoji) {
        String clean = Check.text("emoji", emoji, 1, LiveRules.REACTION_MAX, false);
        if (clean.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c))) {
            throw ApiException.invalid("emoji", "a reaction is an emoji, not text");
        }
        return service.withMember(caller, roomId, (live, me) -> {
            service.reactions.check(roomId + ":" + me.userId);
            Reaction reaction = new Reaction(roomId, me.userId, clean, service.now());
            service.outbox.toRoom(roomId, Events.REACTION_SENT, reaction);
            return reaction;
        });
    }

    // ---- signaling relay ----

    /** Relays an SDP offer or answer to a peer in the same room, along an edge the topology allows. */
    public void relaySdp(Caller caller, Event<Sdp> relayed, Sdp sdp) {
        Check.id("peerId", sdp.peerId());
        requireSize("sdp", sdp.sdp(), LiveRules.SDP_MAX);
        relay(caller, sdp.roomId(), sdp.peerId(), relayed, new Sdp(sdp.roomId(), caller.userId(), sdp.sdp()));
    }

    /** Relays an ICE candidate like {@link #relaySdp}. */
    public void relayCandidate(Caller caller, IceCandidate c) {
        Check.id("peerId", c.peerId());
        requireSize("candidate", c.candidate(), LiveRules.CANDIDATE_MAX);
        if (c.sdpMid() != null && c.sdpMid().length() > LiveRules.SDP_MID_MAX) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "sdpMid is too long", "sdpMid");
        }
        relay(caller, c.roomId(), c.peerId(), Events.RELAYED_ICE_CANDIDATE,
                new IceCandidate(c.roomId(), caller.userId(), c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
    }

    private static void requireSize(String field, String value, int max) {
        Check.required(field, value);
        if (value.length() > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, field + " is larger than " + max + " characters",
                    field);
        }
    }

    private <T> void relay(Caller caller, String roomId, String peerId, Event<T> event, T payload) {
        service.withMember(caller, roomId, (live, me) -> {
            Member peer = live.member(peerId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "that peer is not in this room"));
            if (peer == me) {
                throw ApiException.invalid("peerId", "you cannot signal yourself");
            }
            if (!Topology.connected(me.role, peer.role)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners do not connect to each other");
            }
            service.outbox.toUser(peerId, event, payload);
            return null;
        });
    }
}
