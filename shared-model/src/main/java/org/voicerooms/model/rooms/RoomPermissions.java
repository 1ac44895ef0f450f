package org.voicerooms.model.rooms;

/**
 * What participants may do in a room.
 *
 * @param anyoneCanSpeak  speak requests are granted automatically while a speaker seat is free
 * @param allowRecording  the host may record the room
 * @param allowHandRaise  listeners may raise a hand
 * @param directPromote   the host and moderators may move a listener on stage without asking
 *                        ({@code room:promote}); when false they invite ({@code room:speak-invite}) and the listener
 *                        accepts, or they grant a raised hand. Null (rooms made before the setting) counts as true
 */
public record RoomPermissions(boolean anyoneCanSpeak, boolean allowRecording, boolean allowHandRaise,
                              Boolean directPromote) {

    /** The defaults of a new room: hands allowed, no open stage, no recording, direct moves allowed. */
    public static final RoomPermissions DEFAULT = new RoomPermissions(false, false, true, true);

    public RoomPermissions(boolean anyoneCanSpeak, boolean allowRecording, boolean allowHandRaise) {
        this(anyoneCanSpeak, allowRecording, allowHandRaise, true);
    }

    /** Whether staff may move a listener on stage without their consent. */
    public boolean mayPromoteDirectly() {
        return directPromote == null || directPromote;
    }
}
