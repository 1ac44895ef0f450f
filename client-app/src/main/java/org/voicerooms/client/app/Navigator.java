package org.voicerooms.client.app;

/** Where view-models send the user; the desktop shell implements it, view-model tests record it. */
public interface Navigator {

    void toSignIn();

    void toDiscover();

    void toRoom(String roomId);

    /** A short notice that goes away by itself. */
    void toast(String message, Toast kind);

    enum Toast { INFO, SUCCESS, WARNING, ERROR }
}
