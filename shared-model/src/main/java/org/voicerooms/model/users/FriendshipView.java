package org.voicerooms.model.users;

/** Answer of a friend request, accept or removal: the other user and where things stand now. */
public record FriendshipView(UserView user, FriendStatus status) {
}
