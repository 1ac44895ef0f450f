package org.voicerooms.model.live;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.voicerooms.model.live.Payloads.ChatDelete;
import org.voicerooms.model.live.Payloads.ChatDeleted;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.FriendChanged;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.Invited;
import org.voicerooms.model.live.Payloads.JoinAnswered;
import org.voicerooms.model.live.Payloads.JoinRequested;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.Kicked;
import org.voicerooms.model.live.Payloads.MuteChanged;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Muted;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.ReactionSend;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomEnded;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.RoomUpdated;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.Payloads.SpeakAnswer;
import org.voicerooms.model.live.Payloads.SpeakDeclined;
import org.voicerooms.model.live.Payloads.SpeakInvited;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.live.Payloads.SpeakingChanged;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.ErrorBody;

/**
 * The realtime protocol in one place: every Socket.IO event name with its payload. No event name is written
 * anywhere else. Client → server events carry an acknowledgement callback answered {@code {"ok": true, ...}} or
 * {@code {"ok": false, "error": {"code", "message"}}}; server → client events have none.
 */
public final class Events {

    private static final Map<String, Event<?>> BY_NAME = new LinkedHashMap<>();

    // ---- client → server ----
    /**
     * Enter a room (public, invited, friends-only as a friend, or after approval). Ack: the room state, which is
     * also pushed as {@code room:state}. {@code role: speaker} asks to speak at once after joining.
     */
    public static final Event<JoinRoom> JOIN = client("room:join", JoinRoom.class);
    /** Leave quietly. */
    public static final Event<RoomRef> LEAVE = client("room:leave", RoomRef.class);
    /** Ask to speak: granted at once when the room lets anyone speak and a seat is free, else a raised hand. */
    public static final Event<RoomRef> SPEAK_REQUEST = client("room:speak-request", RoomRef.class);
    /** Raise a hand (listeners, when the room allows it). */
    public static final Event<RoomRef> HAND_RAISE = client("room:hand-raise", RoomRef.class);
    /** Lower one's own hand. */
    public static final Event<RoomRef> HAND_LOWER = client("room:hand-lower", RoomRef.class);
    /** Mute or unmute oneself (stage only). */
    public static final Event<MuteToggle> MUTE_TOGGLE = client("room:mute-toggle", MuteToggle.class);
    /** Report one's voice activity (stage only). */
    public static final Event<Speaking> SPEAKING = client("room:speaking", Speaking.class);
    /**
     * Invite a listener to speak (host, moderators): they get {@code room:speak-invited} and answer with
     * {@code room:speak-answer}; nobody comes on stage without saying yes.
     */
    public static final Event<Target> SPEAK_INVITE = client("room:speak-invite", Target.class);
    /** Answer an invitation to speak: accepting puts the sender on stage, muted, while a seat is free. */
    public static final Event<SpeakAnswer> SPEAK_ANSWER = client("room:speak-answer", SpeakAnswer.class);
    /**
     * Move a listener on stage directly as a speaker (host, moderators; when the room's {@code allowDirectPromote}
     * permits it, otherwise invite them); also grants a raised hand.
     */
    public static final Event<Target> PROMOTE = client("room:promote", Target.class);
    /** Send a speaker back to the audience (host, moderators; moderators not on moderators). */
    public static final Event<Target> DEMOTE = client("room:demote", Target.class);
    /** Mute a speaker (host, moderators). Never unmutes. */
    public static final Event<Target> MUTE = client("room:mute", Target.class);
    /** Remove someone; they cannot rejoin this room. */
    public static final Event<Target> KICK = client("room:kick", Target.class);
    /** Remove someone and store the ban. */
    public static final Event<Target> BAN = client("room:ban", Target.class);
    /** Lift a ban. */
    public static final Event<Target> UNBAN = client("room:unban", Target.class);
    /** Make a participant a moderator (host only). */
    public static final Event<Target> MAKE_MODERATOR = client("room:make-moderator", Target.class);
    /** Take moderation away (host only); they stay on stage as a speaker. */
    public static final Event<Target> REMOVE_MODERATOR = client("room:remove-moderator", Target.class);
    /** Deny a raised hand (host, moderators). */
    public static final Event<Target> HAND_DENY = client("room:hand-deny", Target.class);
    /** Let a knocking user in (host, moderators). */
    public static final Event<Target> JOIN_APPROVE = client("room:join-approve", Target.class);
    /** Turn a knocking user away (host, moderators). */
    public static final Event<Target> JOIN_DENY = client("room:join-deny", Target.class);
    /** Invite a user (host, moderators; anyone in the room when it allows invites). */
    public static final Event<Target> INVITE = client("room:invite", Target.class);
    /** End the room (host only). */
    public static final Event<RoomRef> END = client("room:end", RoomRef.class);
    /** Send a chat line. */
    public static final Event<ChatSend> CHAT = client("room:chat", ChatSend.class);
    /** Delete a chat line (author, host, moderators). */
    public static final Event<ChatDelete> CHAT_DELETE = client("room:chat-delete", ChatDelete.class);
    /** Send an emoji reaction. */
    public static final Event<ReactionSend> REACTION = client("room:reaction", ReactionSend.class);
    /** SDP offer to a peer. */
    public static final Event<Sdp> OFFER = client("webrtc:offer", Sdp.class);
    /** SDP answer to a peer. */
    public static final Event<Sdp> ANSWER = client("webrtc:answer", Sdp.class);
    /** ICE candidate to a peer. */
    public static final Event<IceCandidate> ICE_CANDIDATE = client("webrtc:ice-candidate", IceCandidate.class);

    // ---- client → server, audio through the SFU ----
    /** Publish the microphone (stage members only): the offer of the publishing connection. Ack: {@code {sdp}}. */
    public static final Event<SfuPayloads.SfuSdp> SFU_PUBLISH = client("sfu:publish", SfuPayloads.SfuSdp.class);
    /** Stop publishing (leaving the stage). */
    public static final Event<RoomRef> SFU_UNPUBLISH = client("sfu:unpublish", RoomRef.class);
    /** Receive the stage. Ack: a {@link SfuPayloads.SfuSubscription}; later changes come as {@code sfu:offer}. */
    public static final Event<RoomRef> SFU_SUBSCRIBE = client("sfu:subscribe", RoomRef.class);
    /** The answer to the latest subscription offer. */
    public static final Event<SfuPayloads.SfuSdp> SFU_ANSWER = client("sfu:answer", SfuPayloads.SfuSdp.class);
    /** An ICE candidate of the publishing or the subscribing connection. */
    public static final Event<SfuPayloads.SfuCandidate> SFU_CANDIDATE = client("sfu:candidate",
            SfuPayloads.SfuCandidate.class);

    // ---- server → client ----
    /** Full room state for the receiver. */
    public static final Event<RoomState> STATE = server("room:state", RoomState.class);
    /** Someone joined. */
    public static final Event<ParticipantJoined> PARTICIPANT_JOINED =
            server("room:participant-joined", ParticipantJoined.class);
    /** Someone left. */
    public static final Event<ParticipantLeft> PARTICIPANT_LEFT =
            server("room:participant-left", ParticipantLeft.class);
    /** A role changed. */
    public static final Event<RoleChanged> ROLE_CHANGED = server("room:role-changed", RoleChanged.class);
    /** A hand went up. */
    public static final Event<HandRaised> HAND_RAISED = server("room:hand-raised", HandRaised.class);
    /** A hand went down. */
    public static final Event<HandLowered> HAND_LOWERED = server("room:hand-lowered", HandLowered.class);
    /** Voice activity changed. */
    public static final Event<SpeakingChanged> SPEAKING_CHANGED =
            server("room:speaking-changed", SpeakingChanged.class);
    /** Mute state changed. */
    public static final Event<MuteChanged> MUTE_CHANGED = server("room:mute-changed", MuteChanged.class);
    /** To the muted user. */
    public static final Event<Muted> MUTED = server("room:muted", Muted.class);
    /** An invitation to speak (to the invited listener). */
    public static final Event<SpeakInvited> SPEAK_INVITED = server("room:speak-invited", SpeakInvited.class);
    /** An invitation to speak was declined (to the host and moderators inside). */
    public static final Event<SpeakDeclined> SPEAK_DECLINED = server("room:speak-declined", SpeakDeclined.class);
    /** To the promoted user. */
    public static final Event<Promoted> PROMOTED = server("room:promoted", Promoted.class);
    /** To the kicked or banned user. */
    public static final Event<Kicked> KICKED = server("room:kicked", Kicked.class);
    /** The room ended. */
    public static final Event<RoomEnded> ENDED = server("room:ended", RoomEnded.class);
    /** Settings changed. */
    public static final Event<RoomUpdated> UPDATED = server("room:updated", RoomUpdated.class);
    /**
     * The room's media plan changed (a mesh grew past the SFU limit, or the SFU became unreachable): members move
     * their audio to the new plan without rejoining, keeping the old connections until the new ones carry audio.
     */
    public static final Event<MediaPayloads.MediaChanged> MEDIA = server("room:media", MediaPayloads.MediaChanged.class);
    /** A chat line. */
    public static final Event<ChatMessage> CHAT_MESSAGE = server("room:chat-message", ChatMessage.class);
    /** A chat line was deleted. */
    public static final Event<ChatDeleted> CHAT_DELETED = server("room:chat-deleted", ChatDeleted.class);
    /** A reaction. */
    public static final Event<Reaction> REACTION_SENT = server("room:reaction-sent", Reaction.class);
    /** Someone knocks (to the stage). */
    public static final Event<JoinRequested> JOIN_REQUESTED = server("room:join-requested", JoinRequested.class);
    /** The answer to a knock (to the knocker). */
    public static final Event<JoinAnswered> JOIN_ANSWERED = server("room:join-answered", JoinAnswered.class);
    /** An invitation (to the invited user). */
    public static final Event<Invited> INVITED = server("room:invited", Invited.class);
    /**
     * To every connection of a user, in or out of rooms: a friend request arrived, was accepted, or a friendship or
     * request ended. Lets a People screen follow along without refreshing.
     */
    public static final Event<FriendChanged> FRIEND_CHANGED = server("user:friend-changed", FriendChanged.class);
    /** Relayed SDP offer; peerId is the sender. */
    public static final Event<Sdp> RELAYED_OFFER = server("webrtc:offer", Sdp.class);
    /** Relayed SDP answer. */
    public static final Event<Sdp> RELAYED_ANSWER = server("webrtc:answer", Sdp.class);
    /** Relayed ICE candidate. */
    public static final Event<IceCandidate> RELAYED_ICE_CANDIDATE = server("webrtc:ice-candidate", IceCandidate.class);
    /** A new offer for the subscribing connection: the speakers publishing changed. Answer with sfu:answer. */
    public static final Event<SfuPayloads.SfuSubscription> SFU_OFFER = server("sfu:offer",
            SfuPayloads.SfuSubscription.class);
    /** An error not tied to an acknowledgement (e.g. an unknown event sent without a callback). */
    public static final Event<ErrorBody> ERROR = server("error", ErrorBody.class);

    private Events() {
    }

    private static <T> Event<T> client(String name, Class<T> payload) {
        Event<T> event = new Event<>(name, payload, true);
        BY_NAME.put(name, event);
        return event;
    }

    private static <T> Event<T> server(String name, Class<T> payload) {
        Event<T> event = new Event<>(name, payload, false);
        BY_NAME.putIfAbsent(name, event); // the webrtc:* names are used both ways; the client direction wins
        return event;
    }

    /** The client → server event called {@code name}, if there is one. */
    public static Optional<Event<?>> client(String name) {
        Event<?> event = BY_NAME.get(name);
        return event != null && event.fromClient() ? Optional.of(event) : Optional.empty();
    }

    /** Every event by name (the webrtc:* names map to their client → server form). */
    public static Map<String, Event<?>> all() {
        return Collections.unmodifiableMap(BY_NAME);
    }
}
