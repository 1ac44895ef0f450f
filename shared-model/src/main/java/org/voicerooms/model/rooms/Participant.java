package org.voicerooms.model.rooms;

import java.time.Instant;

/**
 * Someone in a live room, as the room's members see them.
 *
 * @param handRaisedAt when the hand went up, null when it is down; orders the hand queue
 * @param muted        microphone muted (by themself or by a moderator)
 * @param speaking     voice activity reported by their client
 */
public record Participant(
        String userId,
        String displayName,
        Role role,
        boolean muted,
        boolean speaking,
        boolean handRaised,
        Instant handRaisedAt,
        Instant joinedAt) {
}
