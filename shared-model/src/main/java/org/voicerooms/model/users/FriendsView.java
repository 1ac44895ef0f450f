package org.voicerooms.model.users;

import java.util.List;

/**
 * Answer of {@code GET /api/users/me/friends}.
 *
 * @param friends  mutual friends
 * @param incoming people who asked the caller and wait for an answer
 * @param outgoing people the caller asked
 */
public record FriendsView(List<UserView> friends, List<UserView> incoming, List<UserView> outgoing) {

    public FriendsView {
        friends = List.copyOf(friends);
        incoming = List.copyOf(incoming);
        outgoing = List.copyOf(outgoing);
    }
}
