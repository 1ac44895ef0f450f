package org.voicerooms.model.rooms;

import java.time.Instant;

/**
 * One visit of the caller to a room, for {@code GET /api/users/me/room-history}.
 *
 * @param role      the role the visit ended with
 * @param leftAt    null while still inside
 * @param speakTime milliseconds spoken during the visit
 */
public record RoomVisit(String roomId, String title, RoomCategory category, Role role, Instant joinedAt,
                        Instant leftAt, long speakTime) {
}
