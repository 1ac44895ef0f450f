package org.voicerooms.client.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A navigator that remembers where view-models sent the user and what they toasted. */
public final class RecordingNavigator implements Navigator {

    public final List<String> visits = new CopyOnWriteArrayList<>();
    public final List<String> toasts = new CopyOnWriteArrayList<>();

    @Override
    public void toSignIn() {
        visits.add("sign-in");
    }

    @Override
    public void toDiscover() {
        visits.add("discover");
    }

    @Override
    public void toRoom(String roomId) {
        visits.add("room:" + roomId);
    }

    @Override
    public void toast(String message, Toast kind) {
        toasts.add(kind + ": " + message);
    }

    public String last() {
        return visits.isEmpty() ? "" : visits.get(visits.size() - 1);
    }
}
