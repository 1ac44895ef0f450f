package org.voicerooms.server.live;

import java.util.List;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/**
 * The room facts the SFU keeps in the live state: which Janus room carries the room's audio ({@link Claim}), and
 * the nudge that the room's publishers changed ({@link PublishersChanged}), heard by every node.
 */
final class SfuCommands {

    private SfuCommands() {
    }

    /**
     * Records {@code proposed} as the room's SFU home unless it has one already (or has {@code replacing}, a home
     * whose gateway stopped answering); replies with the home the room has after it. Two nodes racing agree: the
     * compare-and-set lets one commit, the other decides again and finds it.
     */
    record Claim(SfuHome proposed, SfuHome replacing) implements Command {
        @Override
        public Decision decide(RoomSnapshot room, RuleContext ctx) {
            if (room.version() == 0 || room.ended() || room.members().isEmpty()) {
                throw new ApiException(ErrorCode.NOT_FOUND, "the room is not live");
            }
            SfuHome now = room.sfu();
            if (now != null && !now.equals(replacing)) {
                return new Decision(room, List.of(), now);
            }
            return new Decision(room.withSfu(proposed), List.of(), proposed);
        }
    }

    /** Tells every node that the room's publishers changed, so each brings its members' subscriptions up to date. */
    record PublishersChanged() implements Command {
        @Override
        public Decision decide(RoomSnapshot room, RuleContext ctx) {
            if (room.version() == 0 || room.ended()) {
                return Decision.none(room);
            }
            return Decision.say(room, List.of(new LiveEvent.SfuPublishersChanged(room.roomId())), null);
        }
    }
}
