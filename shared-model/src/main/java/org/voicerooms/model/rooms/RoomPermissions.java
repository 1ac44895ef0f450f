package org.voicerooms.model.rooms;

/**
 * What participants may do in a room.
 *
 * @param anyoneCanSpeak  speak requests are granted automatically while a speaker seat is free
 * @param allowRecording  the host may record the room
 * @param allowHandRaise  listeners may raise a hand
 */
public record RoomPermissions(boolean anyoneCanSpeak, boolean allowRecording, boolean allowHandRaise) {

    /** The defaults of a new room: hands allowed, no open stage, no recording. */
    public static final RoomPermissions DEFAULT = new RoomPermissions(false, false, true);
}
