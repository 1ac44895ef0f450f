package org.voicerooms.client.app;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A navigator that remembers where view-models sent the user, what they toasted and what they asked. */
public final class RecordingNavigator implements Navigator {

    public final List<String> visits = new CopyOnWriteArrayList<>();
    public final List<String> toasts = new CopyOnWriteArrayList<>();
    /** Questions and toasts with buttons, newest last. */
    public final List<Asked> asked = new CopyOnWriteArrayList<>();

    /** A question (or a toast with buttons) the user could answer. */
    public record Asked(String title, String message, List<Choice> choices) {
        /** Presses the button labelled {@code label}. */
        public void choose(String label) {
            choices.stream().filter(c -> c.label().equals(label)).findFirst()
                    .orElseThrow(() -> new AssertionError("no button \"" + label + "\" in " + this)).action().run();
        }

        public List<String> labels() {
            return choices.stream().map(Choice::label).toList();
        }
    }

    @Override
    public void toSignIn() {
        visits.add("sign-in");
    }

    @Override
    public void toSignIn(String notice) {
        visits.add("sign-in");
        toasts.add("NOTICE: " + notice);
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

    @Override
    public void toast(String message, Toast kind, List<Choice> choices) {
        toast(message, kind);
        asked.add(new Asked(null, message, choices));
    }

    @Override
    public void ask(String title, String message, List<Choice> choices) {
        asked.add(new Asked(title, message, choices));
    }

    public String last() {
        return visits.isEmpty() ? "" : visits.get(visits.size() - 1);
    }

    public Asked lastAsked() {
        if (asked.isEmpty()) {
            throw new AssertionError("nothing was asked; toasts: " + toasts);
        }
        return asked.get(asked.size() - 1);
    }
}
