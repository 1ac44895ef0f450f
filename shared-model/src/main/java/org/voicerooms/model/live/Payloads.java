package org.voicerooms.model.live;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.users.FriendStatus;
import org.voicerooms.model.users.UserView;

/**
 * Every Socket.IO payload, client → server and server → client. Declared once here; {@link Events} binds each to
 * its event name. Ids are 24 hex digits; times are ISO-8601 instants.
 */
public final class Payloads {

    private Payloads() {
    }

    // ---- client → server ----

    /** A room the sender acts on: join, leave, speak-request, hand-raise, hand-lower, end. */
    public record RoomRef(String roomId) {
    }

    /**
     * Enter a room. {@code role} is the seed's requested role: null or {@code listener} to listen, {@code speaker}
     * to ask to speak right after joining (a {@code room:speak-request}). Sent without {@code role} when null, so
     * that servers which do not know it accept it.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record JoinRoom(String roomId, String role) {
        public static final String LISTENER = "listener";
        public static final String SPEAKER = "speaker";

        public JoinRoom(String roomId) {
            this(roomId, null);
        }
    }

    /**
     * A participant the sender acts on: promote, demote, mute, kick, ban, unban, moderators, approve, deny, invite.
     * {@code reason} (optional, at most {@link LiveRules#REASON_MAX} characters) is passed on by mute, kick and ban
     * to the person concerned.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Target(String roomId, String userId, String reason) {
        public Target(String roomId, String userId) {
            this(roomId, userId, null);
        }
    }

    /** The listener's answer to an invitation to speak: accept (on stage, muted) or decline. */
    public record SpeakAnswer(String roomId, boolean accept) {
    }

    /** Self mute or unmute. */
    public record MuteToggle(String roomId, boolean muted) {
    }

    /** The sender's voice activity changed. */
    public record Speaking(String roomId, boolean speaking) {
    }

    /**
     * An SDP offer or answer, client → server with {@code peerId} the recipient; relayed server → client with
     * {@code peerId} the sender. The server also accepts the seed's shapes ({@code offer} or {@code answer} as an
     * SDP string or an RTCSessionDescriptionInit {@code {type, sdp}}) and turns them into {@code sdp}. Relayed, it
     * carries both: {@code sdp} and, for clients written from the seed, {@code offer} or {@code answer} as
     * {@code {type, sdp}}; absent fields are not sent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Sdp(String roomId, String peerId, String sdp, SessionDescription offer,
                      SessionDescription answer) {
        public Sdp(String roomId, String peerId, String sdp) {
            this(roomId, peerId, sdp, null, null);
        }

        /** The relayed form: {@code sdp} and the same description as {@code offer} or {@code answer}. */
        public static Sdp relayed(String roomId, String from, String sdp, boolean answer) {
            return answer ? new Sdp(roomId, from, sdp, null, new SessionDescription("answer", sdp))
                    : new Sdp(roomId, from, sdp, new SessionDescription("offer", sdp), null);
        }
    }

    /** The seed's (and WebRTC's) RTCSessionDescriptionInit: {@code type} offer or answer, and the SDP. */
    public record SessionDescription(String type, String sdp) {
    }

    /**
     * A trickled ICE candidate; {@code peerId} as for {@link Sdp}. The server also accepts the seed's
     * {@code candidate} as an RTCIceCandidateInit object {@code {candidate, sdpMid, sdpMLineIndex,
     * usernameFragment}} and flattens it; relayed candidates always go out flat, as here.
     */
    public record IceCandidate(String roomId, String peerId, String candidate, String sdpMid, Integer sdpMLineIndex) {
    }

    /** A chat line to send. */
    public record ChatSend(String roomId, String text) {
    }

    /** A chat line to delete (the author, the host or a moderator). */
    public record ChatDelete(String roomId, String messageId) {
    }

    /** An emoji reaction to send. */
    public record ReactionSend(String roomId, String emoji) {
    }

    // ---- server → client ----

    /**
     * Who the receiver connects to for audio and who makes the offer on that connection, by
     * {@link Topology#offers(String, String)}.
     */
    public record PeerLink(String peerId, boolean youOffer) {
    }

    /** One raised hand, in queue order. */
    public record Hand(String userId, String displayName, Instant raisedAt) {
    }

    /**
     * The full state of a room for one receiver: sent after joining and after reconnecting.
     *
     * @param participants everyone, or only the stage and the receiver when the room hides participants and the
     *                     receiver is not staff
     * @param handQueue    raised hands oldest first; empty for receivers who may not see it (audience)
     * @param you          the receiver as a participant
     * @param peers        audio connections the receiver keeps in a mesh; empty when {@code media} is the SFU plan
     * @param audienceCount listeners in the room, also when they are hidden
     * @param participantCount the participants the receiver may see; when more than {@code participants} holds
     *                     (large rooms list the stage, the receiver and the earliest listeners up to a cap), the
     *                     rest are paged from {@code GET /api/rooms/:id/participants}
     * @param recentChat   the room's recent chat, oldest first (at most {@link LiveRules#CHAT_HISTORY} lines), so
     *                     that people who join late see the conversation
     * @param allowedActions the server's rule of who may act on whom, for this receiver: by the other person's role
     *                     ({@code listener}, {@code speaker}, {@code moderator}, {@code host}), the client → server
     *                     event names the receiver may send about them; resent with the state when the receiver's
     *                     role changes, and to staff when the room's settings change. Apps build the participant
     *                     menu from it, not from their own rule
     * @param media        how the room's audio flows (mesh through {@code peers}, or the SFU); null from servers that
     *                     predate it, read as a mesh. Changes while the room runs come as {@code room:media}
     */
    public record RoomState(Room room, List<Participant> participants, List<Hand> handQueue, Participant you,
                            List<PeerLink> peers, int audienceCount, int participantCount,
                            List<ChatMessage> recentChat, java.util.Map<String, List<String>> allowedActions,
                            MediaPayloads.MediaDescriptor media) {
        public RoomState {
            recentChat = recentChat == null ? List.of() : List.copyOf(recentChat);
            allowedActions = allowedActions == null ? java.util.Map.of() : java.util.Map.copyOf(allowedActions);
        }

        /** The seed's {@code speakers}: the user ids of those listed here who are on stage. Sent, never read. */
        @JsonProperty(value = "speakers", access = JsonProperty.Access.READ_ONLY)
        public List<String> speakerIds() {
            return participants == null ? List.of() : participants.stream().filter(p -> p.role().onStage())
                    .map(Participant::userId).toList();
        }

        /** The seed's {@code listeners}: the user ids of those listed here in the audience. Sent, never read. */
        @JsonProperty(value = "listeners", access = JsonProperty.Access.READ_ONLY)
        public List<String> listenerIds() {
            return participants == null ? List.of() : participants.stream().filter(p -> !p.role().onStage())
                    .map(Participant::userId).toList();
        }

        /** A state without a media descriptor (a mesh). */
        public RoomState(Room room, List<Participant> participants, List<Hand> handQueue, Participant you,
                         List<PeerLink> peers, int audienceCount, int participantCount, List<ChatMessage> recentChat,
                         java.util.Map<String, List<String>> allowedActions) {
            this(room, participants, handQueue, you, peers, audienceCount, participantCount, recentChat,
                    allowedActions, null);
        }
    }

    /**
     * The acknowledgement of {@code room:join}: {@code joined} with the room state, or {@code pending} while the
     * stage decides on a knock (the answer comes as {@code room:join-answered}).
     */
    public record JoinResult(String status, RoomState state) {
        public static final String JOINED = "joined";
        public static final String PENDING = "pending";
    }

    /** The acknowledgement of {@code room:speak-request}: {@code granted} (on stage now) or {@code hand-raised}. */
    public record SpeakResult(String status) {
    }

    /** Someone joined. */
    public record ParticipantJoined(String roomId, Participant participant) {

        /** The seed's {@code user}: the newcomer (the same object as {@code participant}). Sent, never read. */
        @JsonProperty(value = "user", access = JsonProperty.Access.READ_ONLY)
        public Participant user() {
            return participant;
        }

        /** The seed's {@code role}: the newcomer's. Sent, never read. */
        @JsonProperty(value = "role", access = JsonProperty.Access.READ_ONLY)
        public Role role() {
            return participant == null ? null : participant.role();
        }
    }

    /** Someone left; {@code reason} is left, kicked, banned or disconnected. */
    public record ParticipantLeft(String roomId, String userId, String reason) {
    }

    /**
     * A role changed; {@code by} is who changed it, null when the server did (host handover). {@code displayName}
     * and {@code muted} (the person's mute after the change) let a member who never listed this person (a large
     * room's audience arrives in pages) show them on stage; null from servers before they were added.
     */
    public record RoleChanged(String roomId, String userId, Role role, String by, String displayName,
                              Boolean muted) {

        public RoleChanged(String roomId, String userId, Role role, String by) {
            this(roomId, userId, role, by, null, null);
        }

        /** The seed's name for {@code role}. Sent, never read. */
        @JsonProperty(value = "newRole", access = JsonProperty.Access.READ_ONLY)
        public Role newRole() {
            return role;
        }
    }

    /** A hand went up. */
    public record HandRaised(String roomId, String userId, Instant raisedAt) {

        /** The seed's name for {@code raisedAt}. Sent, never read. */
        @JsonProperty(value = "timestamp", access = JsonProperty.Access.READ_ONLY)
        public Instant timestamp() {
            return raisedAt;
        }
    }

    /** A hand went down (lowered, granted or denied). */
    public record HandLowered(String roomId, String userId) {
    }

    /** Voice activity of a participant. */
    public record SpeakingChanged(String roomId, String userId, boolean speaking) {

        /** The seed's name for {@code speaking}. Sent, never read. */
        @JsonProperty(value = "isSpeaking", access = JsonProperty.Access.READ_ONLY)
        public boolean seedIsSpeaking() { // not isSpeaking(): a bean "is" getter would rename the component
            return speaking;
        }
    }

    /** Mute state of a participant; {@code by} is the moderator who muted them, or null for self. */
    public record MuteChanged(String roomId, String userId, boolean muted, String by) {
    }

    /**
     * To the muted user only: a moderator muted you; unmute yourself when you want to speak again. {@code reason}
     * is the moderator's, or {@code muted}.
     */
    public record Muted(String roomId, String by, String reason) {
    }

    /** To the invited listener only: {@code by} asks you to speak; answer with {@code room:speak-answer}. */
    public record SpeakInvited(String roomId, String by, String byName) {
    }

    /** To the host and moderators: {@code userId} declined the invitation to speak. */
    public record SpeakDeclined(String roomId, String userId) {
    }

    /** To the promoted user only: you are on stage now. */
    public record Promoted(String roomId, Role role, String by) {

        /** The seed's name for {@code role}. Sent, never read. */
        @JsonProperty(value = "newRole", access = JsonProperty.Access.READ_ONLY)
        public Role newRole() {
            return role;
        }
    }

    /**
     * To the removed user: kicked (may not come back) or banned. {@code reason} is the moderator's, or
     * {@code kicked} / {@code banned}.
     */
    public record Kicked(String roomId, String by, boolean banned, String reason) {
    }

    /** The room ended; {@code reason} is host-ended, no-host, time-limit. */
    public record RoomEnded(String roomId, String reason) {
    }

    /** The room's settings changed. */
    public record RoomUpdated(Room room) {
    }

    /** A chat line. */
    public record ChatMessage(String roomId, String messageId, String userId, String displayName, String text,
                              Instant sentAt) {
    }

    /** A chat line was deleted. */
    public record ChatDeleted(String roomId, String messageId, String by) {
    }

    /** An emoji reaction. */
    public record Reaction(String roomId, String userId, String emoji, Instant at) {
    }

    /** To the stage: someone knocks on a room that requires approval. */
    public record JoinRequested(String roomId, String userId, String displayName, Instant at) {
    }

    /** To the knocker: the stage answered. On approval, join again. */
    public record JoinAnswered(String roomId, boolean approved) {
    }

    /** To the invited user: an invitation to a room. */
    public record Invited(String roomId, String title, String fromUserId, String fromName) {
    }

    /**
     * To a user: where they stand with {@code user} now. {@code status} is {@code requested} with {@code incoming}
     * true when {@code user} just asked them, {@code friends} when a request was accepted (either side), and
     * {@code none} when a friendship or request was removed, declined or withdrawn.
     */
    public record FriendChanged(UserView user, FriendStatus status, boolean incoming) {
    }
}
