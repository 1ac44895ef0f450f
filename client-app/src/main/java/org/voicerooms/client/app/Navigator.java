package org.voicerooms.client.app;

import java.util.List;

/** Where view-models send the user; the desktop shell implements it, view-model tests record it. */
public interface Navigator {

    void toSignIn();

    /** Back to sign-in with a notice saying why (e.g. the server the user was on stopped). */
    default void toSignIn(String notice) {
        toSignIn();
        toast(notice, Toast.INFO);
    }

    void toDiscover();

    void toRoom(String roomId);

    /** The People screen: friends, requests, who is in which room. */
    default void toPeople() {
    }

    /**
     * Joins the room a pasted link or id names: on this server at once; a link to another server says so instead.
     */
    default void joinByLink(String text) {
    }

    /**
     * Something worth a desktop notification when the window is minimized or not in front (an invitation to speak,
     * being let in); the screen shows its own toast as well.
     */
    default void alert(String title, String message) {
    }

    /** A short notice that goes away by itself. */
    void toast(String message, Toast kind);

    /**
     * A notice with buttons (e.g. "Let in" / "Decline" for someone at the door); a button runs its action and
     * closes the notice, which also goes away by itself after a while.
     */
    default void toast(String message, Toast kind, List<Choice> choices) {
        toast(message, kind);
    }

    /** Takes a toast away before its time (e.g. a knock answered from the list); nothing if it is gone. */
    default void dismissToast(String message) {
    }

    /**
     * A question over the current screen that waits for an answer: one button per choice, plus "Cancel", which
     * does nothing. Used before what cannot be undone (ending a room) and where the user must decide (who hosts).
     */
    void ask(String title, String message, List<Choice> choices);

    enum Toast { INFO, SUCCESS, WARNING, ERROR }

    /** A button: its words and what it does (on the UI thread). {@code id} names it for tests and key access. */
    record Choice(String id, String label, Runnable action) {
    }
}
