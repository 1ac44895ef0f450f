package org.voicerooms.client.room;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.core.RoomSession;

/**
 * The rest of a large room's audience, a page at a time: the room state lists the stage, this member and the
 * earliest listeners; "Show more" adds the next page of {@code GET /api/rooms/:id/participants}, and the room's
 * events keep everyone listed current from then on. UI thread, except the request itself.
 */
public final class AudiencePages {

    /** People per request (the server's highest page size by default). */
    public static final int PAGE = 100;

    private final RoomViewModel room;
    final IntegerProperty unlisted = new SimpleIntegerProperty();
    final BooleanProperty loading = new SimpleBooleanProperty();
    private int nextPage;

    AudiencePages(RoomViewModel room) {
        this.room = room;
    }

    /** Listeners in the room not on the screen yet. */
    public IntegerProperty unlisted() {
        return unlisted;
    }

    public BooleanProperty loading() {
        return loading;
    }

    /** Re-reads the count from the session. */
    void update(RoomSession session) {
        unlisted.set(session.unlisted());
    }

    /** Lists the next page of the audience; a page that brought nobody new is followed by the next one. */
    public void showMore() {
        RoomSession s = room.session();
        if (s == null || loading.get() || s.unlisted() == 0) {
            return;
        }
        if (nextPage == 0) {
            // pages run in join order, and the state listed the earliest listeners: start at the page where they
            // end (re-reading part of it costs nothing, missing someone would)
            nextPage = Math.max(1, room.audience.size() / PAGE);
        }
        int page = nextPage;
        loading.set(true);
        RoomServices app = room.services();
        app.async(() -> app.api().participants(room.roomId(), page, PAGE)).whenCompleteAsync((p, failure) -> {
            loading.set(false);
            if (failure != null) {
                room.navigator().toast("Loading more of the audience failed: "
                        + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
                return;
            }
            int before = s.unlisted();
            s.addListed(p.items());
            nextPage = page + 1;
            update(s);
            if (p.hasMore() && s.unlisted() == before && s.unlisted() > 0) {
                showMore();
            }
        }, app.ui());
    }
}
