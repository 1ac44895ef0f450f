package org.voicerooms.server.auth;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/** bcrypt password hashing (at.favre.lib bcrypt). Passwords are checked to be at most 72 bytes before this. */
final class Passwords {

    private final int cost;
    /** Verified against when a username is unknown, so a miss costs as long as a wrong password. */
    private final String decoy;

    Passwords(int cost) {
        this.cost = cost;
        this.decoy = hash("not-a-real-password");
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
