package org.voicerooms.model.users;

/**
 * One item of {@code GET /api/users/me/friends/rooms}: a friend who is in a live room the caller may see now.
 *
 * @param user   the friend
 * @param roomId the room they are in
 * @param title  the room's title
 */
public record FriendInRoom(UserView user, String roomId, String title) {
}
