package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import org.voicerooms.model.rooms.Room;

/**
 * Inputs of a rule besides the snapshot, read before the room is decided: the room document (settings, host,
 * moderators, bans; null where a rule needs none), the time, this node's id and the live settings.
 */
public record RuleContext(Room room, Instant now, String node, Duration grace, int stateParticipantsMax) {
}
