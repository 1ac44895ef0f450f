package org.voicerooms.model.server;

/**
 * The server's configured limits, so clients can validate before sending.
 *
 * @param maxParticipantsCap  highest maxParticipants a room may have
 * @param maxSpeakersCap      highest maxSpeakers a room may have
 * @param roomCreationsPerDay rooms one user may create in 24 hours
 * @param pageLimitMax        highest {@code limit} on any list
 * @param guestsAllowed       whether {@code POST /api/auth/guest} is open
 */
public record ServerLimits(int maxParticipantsCap, int maxSpeakersCap, int roomCreationsPerDay, int pageLimitMax,
                           boolean guestsAllowed) {
}
