package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;

/**
 * One member of a live room as committed in a {@link RoomSnapshot}: immutable, no sockets, no timers.
 *
 * @param speakingSince when the current speaking stretch began; null while silent
 * @param handRaisedAt  when the hand went up; null while down
 * @param lastActivity  the last join or action; renews the seat of a member without a realtime connection
 * @param speakMillis   speaking time of this visit so far
 * @param node          the server node holding the member's realtime connection; null for a REST-only member
 * @param droppedAt     when that connection dropped; null while connected. Set means "inside the reconnect grace"
 * @param graceUntil    when the grace ends and the member is lost; null while connected
 * @param visitId       the participations document of this visit
 */
public record MemberState(String userId, String displayName, Role role, boolean muted, boolean speaking,
                          Instant speakingSince, Instant handRaisedAt, Instant joinedAt, Instant lastActivity,
                          long speakMillis, String node, Instant droppedAt, Instant graceUntil, String visitId) {

    /** A new member: listeners come in muted, the stage too (they unmute when ready). */
    public static MemberState joined(String userId, String displayName, Role role, Instant at, String node,
                                     String visitId) {
        return new MemberState(userId, displayName, role, role == Role.LISTENER, false, null, null, at, at, 0,
                node, null, null, visitId);
    }

    public boolean handRaised() {
        return handRaisedAt != null;
    }

    /** Whether the member's connection dropped and the reconnect grace runs. */
    public boolean inGrace() {
        return droppedAt != null;
    }

    public MemberState withRole(Role next) {
        return new MemberState(userId, displayName, next, muted, speaking, speakingSince, handRaisedAt, joinedAt,
                lastActivity, speakMillis, node, droppedAt, graceUntil, visitId);
    }

    public MemberState withMuted(boolean next) {
        return new MemberState(userId, displayName, role, next, speaking, speakingSince, handRaisedAt, joinedAt,
                lastActivity, speakMillis, node, droppedAt, graceUntil, visitId);
    }

    public MemberState withHand(Instant raisedAt) {
        return new MemberState(userId, displayName, role, muted, speaking, speakingSince, raisedAt, joinedAt,
                lastActivity, speakMillis, node, droppedAt, graceUntil, visitId);
    }

    public MemberState startSpeaking(Instant at) {
        return new MemberState(userId, displayName, role, muted, true, at, handRaisedAt, joinedAt, lastActivity,
                speakMillis, node, droppedAt, graceUntil, visitId);
    }

    /** Silent from {@code at}, the stretch added to {@link #speakMillis}. */
    public MemberState stopSpeaking(Instant at) {
        return new MemberState(userId, displayName, role, muted, false, null, handRaisedAt, joinedAt, lastActivity,
                speakMillis + spokeUntil(at), node, droppedAt, graceUntil, visitId);
    }

    /** Milliseconds of the current speaking stretch at {@code at}; 0 while silent. */
    public long spokeUntil(Instant at) {
        return speaking && speakingSince != null ? Math.max(0, Duration.between(speakingSince, at).toMillis()) : 0;
    }

    public MemberState active(Instant at) {
        return new MemberState(userId, displayName, role, muted, speaking, speakingSince, handRaisedAt, joinedAt,
                at, speakMillis, node, droppedAt, graceUntil, visitId);
    }

    /** Connected (again) through {@code viaNode}; null keeps the node (a REST join). */
    public MemberState connected(String viaNode, Instant at) {
        return new MemberState(userId, displayName, role, muted, speaking, speakingSince, handRaisedAt, joinedAt,
                at, speakMillis, viaNode != null ? viaNode : node, null, null, visitId);
    }

    public MemberState dropped(Instant at, Instant until) {
        return new MemberState(userId, displayName, role, muted, speaking, speakingSince, handRaisedAt, joinedAt,
                lastActivity, speakMillis, node, at, until, visitId);
    }

    /** The member as the wire shows them. */
    public Participant view() {
        return new Participant(userId, displayName, role, muted, speaking, handRaised(), handRaisedAt, joinedAt);
    }
}
