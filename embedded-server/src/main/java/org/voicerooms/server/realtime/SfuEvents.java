package org.voicerooms.server.realtime;

import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.server.media.SfuSignaling;

/**
 * The {@code sfu:*} events: to the SFU's signaling, or, on a server without an SFU, refused with a typed error (the
 * room's audio is a mesh there).
 */
final class SfuEvents {

    private final SfuSignaling sfu;

    SfuEvents(SfuSignaling sfu) {
        this.sfu = sfu;
    }

    void register(EventDispatcher d) {
        d.on(Events.SFU_PUBLISH, (c, s, p) -> sfu().publish(c, p))
                .on(Events.SFU_UNPUBLISH, (c, s, p) -> done(() -> sfu().unpublish(c, p.roomId())))
                .on(Events.SFU_SUBSCRIBE, (c, s, p) -> sfu().subscribe(c, p.roomId()))
                .on(Events.SFU_ANSWER, (c, s, p) -> done(() -> sfu().answer(c, p)))
                .on(Events.SFU_CANDIDATE, (c, s, p) -> done(() -> sfu().candidate(c, p)));
    }

    private SfuSignaling sfu() {
        if (sfu == null) {
            throw new ApiException(ErrorCode.CONFLICT, "this server has no SFU; rooms' audio is peer to peer");
        }
        return sfu;
    }

    private static Object done(Runnable action) {
        action.run();
        return null;
    }
}
