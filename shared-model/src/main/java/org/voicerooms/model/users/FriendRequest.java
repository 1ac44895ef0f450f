package org.voicerooms.model.users;

/**
 * Body of {@code POST /api/users/me/friends}: ask someone by username (or accept their request).
 * {@code POST /api/users/me/friends/:userId} does the same by id with no body.
 */
public record FriendRequest(String username) {
}
