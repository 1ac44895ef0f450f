package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import org.voicerooms.model.rooms.Room;

/**
 * Inputs of a rule besides the snapshot, read before the room is decided: the room document (settings, host,
 * moderators, bans; null where a rule needs none), the time, this node's id, the live settings and the media policy
 * (with the SFU's health as read now).
 */
public record RuleContext(Room room, Instant now, String node, Duration grace, int stateParticipantsMax,
                          MediaPolicy media) {

    public RuleContext {
        media = media == null ? MediaPolicy.MESH_ONLY : media;
    }

    /** A context on a server without an SFU. */
    public RuleContext(Room room, Instant now, String node, Duration grace, int stateParticipantsMax) {
        this(room, now, node, grace, stateParticipantsMax, MediaPolicy.MESH_ONLY);
    }
}
