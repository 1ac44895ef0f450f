package org.voicerooms.server.live;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.server.rooms.InviteStore;
import org.voicerooms.server.rooms.RoomService;

/**
 * Writes what committed live changes mean for the database, after the commit and with no room held, on the node
 * that committed: the end of visits (participations; their start is written before a join is decided), speaking
 * time, peak head counts, revoked invitations of the kicked, moderator lists, the room's end. Each write follows a change that already happened and must not undo or block it: a failure is
 * logged and the change stands (start-up recovery closes visits left open).
 */
final class LiveRecorder implements LiveEngine.AfterCommit {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRecorder.class);

    private final RoomService rooms;
    private final ParticipationStore visits;
    private final InviteStore invites;

    LiveRecorder(RoomService rooms, ParticipationStore visits, InviteStore invites) {
        this.rooms = rooms;
        this.visits = visits;
        this.invites = invites;
    }

    @Override
    public void committed(String roomId, List<LiveEvent> events) {
        for (LiveEvent event : events) {
            try {
                record(roomId, event);
            } catch (RuntimeException e) {
                LOG.error("Could not record {} of room {}: {}", event.getClass().getSimpleName(), roomId,
                        e.toString());
            }
        }
    }

    private void record(String roomId, LiveEvent event) {
        if (event instanceof LiveEvent.VisitOpened v) {
            rooms.recordJoin(roomId, v.participantsNow());
        } else if (event instanceof LiveEvent.VisitClosed v) {
            visits.finish(v.visitId(), v.userId(), roomId, v.role(), v.joinedAt(), v.at(), v.speakMillis());
        } else if (event instanceof LiveEvent.SpokeFor s) {
            rooms.addSpeakTime(roomId, s.millis());
        } else if (event instanceof LiveEvent.Kicked k && !k.banned()) {
            // the kick was stored before it was decided; a stale invitation admits nobody kicked (a join checks
            // the kick), but it should not linger either
            invites.revoke(roomId, k.userId());
        } else if (event instanceof LiveEvent.RoleChanged r) {
            // Live handovers (moderator ↔ stand-in host) leave the document as it is: the creator stays its owner.
            if (r.role() == Role.MODERATOR && r.before() != Role.HOST) {
                rooms.addModerator(roomId, r.userId());
            } else if (r.before() == Role.MODERATOR && !r.role().canModerate()) {
                rooms.removeModerator(roomId, r.userId());
            }
        } else if (event instanceof LiveEvent.Ended) {
            rooms.endNow(roomId);
        }
    }
}
