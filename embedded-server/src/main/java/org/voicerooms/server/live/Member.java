package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;

/** One participant of a live room. Mutable; guarded by its {@link LiveRoom}'s monitor. */
final class Member {

    final String userId;
    final String displayName;
    Role role;
    boolean muted;
    boolean speaking;
    Instant speakingSince;
    Instant handRaisedAt;
    final Instant joinedAt;
    Instant lastActivity;
    /** Speaking time of this visit so far, in milliseconds. */
    long speakMillis;
    /** When the last connection dropped; null while connected. The member is dropped after the grace period. */
    Instant disconnectedAt;
    /** Socket ids of this member's connections in this room. */
    final java.util.Set<String> sockets = new java.util.LinkedHashSet<>();
    /** What the room last heard of this member's speaking and muted flags. */
    final Coalesced speakingOut = new Coalesced();
    final Coalesced mutedOut = new Coalesced();
    /** The participations document of this visit. */
    String participationId;

    Member(String userId, String displayName, Role role, Instant joinedAt) {
        this.userId = userId;
        this.displayName = displayName;
        this.role = role;
        this.joinedAt = joinedAt;
        this.lastActivity = joinedAt;
        this.muted = role == Role.LISTENER;
    }

    boolean handRaised() {
        return handRaisedAt != null;
    }

    /** Stops the speaking clock at {@code now}; returns the milliseconds added. */
    long stopSpeaking(Instant now) {
        long added = 0;
        if (speaking && speakingSince != null) {
            added = Math.max(0, Duration.between(speakingSince, now).toMillis());
            speakMillis += added;
        }
        speaking = false;
        speakingSince = null;
        return added;
    }

    Participant view() {
        return new Participant(userId, displayName, role, muted, speaking, handRaised(), handRaisedAt, joinedAt);
    }
}
