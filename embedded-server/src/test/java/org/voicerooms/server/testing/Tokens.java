package org.voicerooms.server.testing;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

/** Hand-made JWTs shaped like the server's, for forged and expired token tests. */
public final class Tokens {

    private Tokens() {
    }

    /** An access token for {@code userId} signed with {@code secret}, valid until {@code expiresAt}. */
    public static String access(String secret, String userId, Instant issuedAt, Instant expiresAt) {
        return JWT.create()
                .withIssuer("voicerooms")
                .withSubject(userId)
                .withClaim("name", "Mallory")
                .withClaim("guest", false)
                .withClaim("typ", "access")
                .withIssuedAt(Date.from(issuedAt))
                .withExpiresAt(Date.from(expiresAt))
                .sign(Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** A well-formed access token signed with a secret the server does not know. */
    public static String forged(String userId, Instant now) {
        return access("some-other-secret-0123456789-abcdefgh", userId, now, now.plusSeconds(3600));
    }

    /** An access token signed with the test servers' secret that expired an hour before {@code now}. */
    public static String expired(String userId, Instant now) {
        return access(TestServer.JWT_SECRET, userId, now.minusSeconds(7200), now.minusSeconds(3600));
    }
}
