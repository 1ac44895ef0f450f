package org.voicerooms.server.live;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.List;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;

/**
 * What a committed change of a live room says, to be delivered by a {@link LiveBus}: to sockets (the realtime
 * fan-out maps each to its wire event in one place), to the media plan, to the database recorder. Serialized as JSON
 * with a {@code type} tag. Events for one user carry that user's id, so whichever node holds the user's
 * connections delivers them; events marked {@link Direct} may reach users who are not in the room.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LiveEvent.Joined.class, name = "joined"),
        @JsonSubTypes.Type(value = LiveEvent.Left.class, name = "left"),
        @JsonSubTypes.Type(value = LiveEvent.RoleChanged.class, name = "role-changed"),
        @JsonSubTypes.Type(value = LiveEvent.Promoted.class, name = "promoted"),
        @JsonSubTypes.Type(value = LiveEvent.StateOf.class, name = "state"),
        @JsonSubTypes.Type(value = LiveEvent.HandRaised.class, name = "hand-raised"),
        @JsonSubTypes.Type(value = LiveEvent.HandLowered.class, name = "hand-lowered"),
        @JsonSubTypes.Type(value = LiveEvent.SpeakingChanged.class, name = "speaking-changed"),
        @JsonSubTypes.Type(value = LiveEvent.MuteChanged.class, name = "mute-changed"),
        @JsonSubTypes.Type(value = LiveEvent.MutedBy.class, name = "muted"),
        @JsonSubTypes.Type(value = LiveEvent.Kicked.class, name = "kicked"),
        @JsonSubTypes.Type(value = LiveEvent.Knocked.class, name = "knocked"),
        @JsonSubTypes.Type(value = LiveEvent.KnockAnswered.class, name = "knock-answered"),
        @JsonSubTypes.Type(value = LiveEvent.Invited.class, name = "invited"),
        @JsonSubTypes.Type(value = LiveEvent.SpeakInvited.class, name = "speak-invited"),
        @JsonSubTypes.Type(value = LiveEvent.SpeakDeclined.class, name = "speak-declined"),
        @JsonSubTypes.Type(value = LiveEvent.ChatPosted.class, name = "chat"),
        @JsonSubTypes.Type(value = LiveEvent.ChatRemoved.class, name = "chat-deleted"),
        @JsonSubTypes.Type(value = LiveEvent.Reacted.class, name = "reaction"),
        @JsonSubTypes.Type(value = LiveEvent.SdpRelayed.class, name = "sdp"),
        @JsonSubTypes.Type(value = LiveEvent.IceRelayed.class, name = "ice"),
        @JsonSubTypes.Type(value = LiveEvent.Ended.class, name = "ended"),
        @JsonSubTypes.Type(value = LiveEvent.Updated.class, name = "updated"),
        @JsonSubTypes.Type(value = LiveEvent.MediaChanged.class, name = "media"),
        @JsonSubTypes.Type(value = LiveEvent.VisitOpened.class, name = "visit-opened"),
        @JsonSubTypes.Type(value = LiveEvent.VisitClosed.class, name = "visit-closed"),
        @JsonSubTypes.Type(value = LiveEvent.SpokeFor.class, name = "spoke"),
        @JsonSubTypes.Type(value = LiveEvent.SfuPublishersChanged.class, name = "sfu-publishers"),
})
public sealed interface LiveEvent {

    String roomId();

    /**
     * Who hears an event meant for some of the room: everyone in the room ({@code users} null), or these users.
     */
    record Audience(List<String> users) {
        public static final Audience ROOM = new Audience(null);

        public static Audience users(List<String> ids) {
            return new Audience(List.copyOf(ids));
        }

        public boolean wholeRoom() {
            return users == null;
        }
    }

    /** An event addressed to one user, who may be outside the room (a knocker, an invitee). */
    sealed interface Direct extends LiveEvent {
        String userId();
    }

    // ---- to the room, or part of it ----

    /** Someone came in. */
    record Joined(String roomId, Audience to, Participant participant) implements LiveEvent {
    }

    /** Someone went (left, disconnected, kicked, banned, lease-expired); their sockets leave the room after. */
    record Left(String roomId, Audience to, String userId, String reason) implements LiveEvent {
    }

    /**
     * A role change; {@code muted} and {@code speaking} are the member's flags after it (it says both), and the
     * name lets members who never listed this person (a large room's unpaged audience) show them on stage.
     */
    record RoleChanged(String roomId, String userId, Role before, Role role, String by, boolean muted,
                       boolean speaking, String displayName) implements LiveEvent {
    }

    record HandRaised(String roomId, Audience to, String userId, Instant raisedAt) implements LiveEvent {
    }

    record HandLowered(String roomId, Audience to, String userId) implements LiveEvent {
    }

    /** Voice activity; {@code coalesce}: may be folded with quick successors (see the fan-out). */
    record SpeakingChanged(String roomId, String userId, boolean speaking, boolean coalesce) implements LiveEvent {
    }

    /**
     * A muted flag; {@code by} the moderator, null for the member; {@code coalesce} as for speaking;
     * {@code silenced}: the member stopped speaking with it, and the room is not told so separately.
     */
    record MuteChanged(String roomId, String userId, boolean muted, String by, boolean coalesce, boolean silenced)
            implements LiveEvent {
    }

    record ChatPosted(String roomId, ChatMessage message) implements LiveEvent {
    }

    record ChatRemoved(String roomId, String messageId, String by) implements LiveEvent {
    }

    record Reacted(String roomId, Reaction reaction) implements LiveEvent {
    }

    /** The knock reaches the host and moderators. */
    record Knocked(String roomId, Audience to, String userId, String displayName, Instant at) implements LiveEvent {
    }

    /** The room ended; {@code members} were inside and leave it with this. */
    record Ended(String roomId, String reason, List<String> members) implements LiveEvent {
    }

    /** The host changed the room's settings. */
    record Updated(String roomId, Room room) implements LiveEvent {
    }

    /** The room's media plan changed (see {@link MediaPolicy}); members move their audio to it. */
    record MediaChanged(String roomId, MediaDescriptor media) implements LiveEvent {
    }

    /**
     * Someone started or stopped publishing on the room's Janus room: every node brings the subscriptions of the
     * members it holds up to date with the publishers Janus lists (no state here; a lost one is healed by the next).
     */
    record SfuPublishersChanged(String roomId) implements LiveEvent {
    }

    // ---- to one user ----

    record Promoted(String roomId, String userId, Role role, String by) implements LiveEvent {
    }

    /** The whole state as {@code userId} sees it (after a role change, a handover). */
    record StateOf(String roomId, String userId, RoomState state) implements LiveEvent {
    }

    /** {@code userId} was invited to speak by {@code by} ({@code byName}). */
    record SpeakInvited(String roomId, String userId, String by, String byName) implements LiveEvent {
    }

    /** {@code userId} declined an invitation to speak; told to the stage's staff. */
    record SpeakDeclined(String roomId, Audience to, String userId) implements LiveEvent {
    }

    record MutedBy(String roomId, String userId, String by, String reason) implements LiveEvent {
    }

    record Kicked(String roomId, String userId, String by, boolean banned, String reason) implements LiveEvent {
    }

    /** An SDP for {@code userId}; {@code answer} false for an offer. {@code sdp.peerId} is the sender. */
    record SdpRelayed(String roomId, String userId, boolean answer, Sdp sdp) implements LiveEvent {
    }

    record IceRelayed(String roomId, String userId, IceCandidate candidate) implements LiveEvent {
    }

    record KnockAnswered(String roomId, String userId, boolean approved) implements Direct {
    }

    record Invited(String roomId, String userId, String title, String by, String byName, Instant at)
            implements Direct {
    }

    // ---- for the record (the database), not for sockets ----

    /** A visit began: the participations document to write, and the room's head count after it. */
    record VisitOpened(String roomId, String userId, String visitId, Role role, Instant at, int participantsNow)
            implements LiveEvent {
    }

    /** A visit ended, with its final role and speaking time. */
    record VisitClosed(String roomId, String userId, String visitId, Role role, Instant joinedAt, Instant at,
                       long speakMillis) implements LiveEvent {
    }

    /** A speaking stretch ended: room speaking statistics. */
    record SpokeFor(String roomId, String userId, long millis) implements LiveEvent {
    }
}
