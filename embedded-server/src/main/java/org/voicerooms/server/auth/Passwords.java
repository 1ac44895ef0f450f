package org.voicerooms.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashing (at.favre.lib bcrypt). Passwords are checked to be at most 72 bytes before this. */
final class Passwords {

    /** Salt and hash of a bcrypt hash string (made once from a throwaway password): any cost can go before it. */
    private static final String DECOY_SALT_AND_HASH = "9xWWv29m3zKnul9pPixMsuzFwzaa49d0iLkoeB2ZLzGgRjcKnGVfG";

    private final int cost;
    /**
     * Verified against when a username is unknown, so a miss costs as long as a wrong password: a well-formed hash
     * at this cost. Written, not computed, so start-up does not spend one hashing on it (a sixth of the server's
     * start-up CPU at the default cost).
     */
    final String decoy;

    Passwords(int cost) {
        this.cost = cost;
        this.decoy = String.format("$2a$%02d$%s", cost, DECOY_SALT_AND_HASH);
    }

    String hash(String password) {
        return BCrypt.withDefaults().hashToString(cost, password.toCharArray());
    }

    boolean matches(String password, String hash) {
        return BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8),
                hash.getBytes(StandardCharsets.UTF_8)).verified;
    }

    /** Burns the time of one verification; always false. */
    boolean decoyCheck(String password) {
        matches(password, decoy);
        return false;
    }
}
