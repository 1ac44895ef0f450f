package org.voicerooms.server.auth;

import java.time.Instant;
import org.voicerooms.model.users.UserView;

/**
 * A stored user.
 *
 * @param passwordHash bcrypt hash, null for guests
 */
public record User(String id, String username, String displayName, String passwordHash, boolean guest,
                   Instant createdAt) {

    /** What others may see of this user. */
    public UserView view() {
        return new UserView(id, username, displayName, guest, createdAt);
    }
}
