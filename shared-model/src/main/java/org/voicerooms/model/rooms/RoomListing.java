package org.voicerooms.model.rooms;

/**
 * A room with what a room card shows beside it.
 *
 * @param room         the room
 * @param hostName     the host's display name
 * @param participants people in the room now
 * @param speakers     people on stage now
 * @param friendsInside how many of the viewer's friends host or are in the room
 */
public record RoomListing(Room room, String hostName, int participants, int speakers, int friendsInside) {
}
