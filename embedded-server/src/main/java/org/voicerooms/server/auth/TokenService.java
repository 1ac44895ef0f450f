package org.voicerooms.server.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.server.http.Caller;

/**
 * Issues and checks HS256 JWTs (auth0 java-jwt). Access tokens authenticate REST calls and the realtime handshake;
 * refresh tokens only buy a new pair. Both carry the user id as subject and the display name and guest flag as
 * claims, so checking a token needs no database round trip.
 */
public final class TokenService {

    private static final String ISSUER = "voicerooms";
    private static final String TYPE = "typ";
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";

    private final Algorithm algorithm;
    private final Clock clock;
    private final Duration accessTtl;
    private final Duration refreshTtl;
    private final JWTVerifier accessVerifier;
    private final JWTVerifier refreshVerifier;

    public TokenService(String secret, Clock clock, Duration accessTtl, Duration refreshTtl) {
        this.algorithm = Algorithm.HMAC256(secret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.accessTtl = accessTtl;
        this.refreshTtl = refreshTtl;
        this.accessVerifier = verifier(ACCESS);
        this.refreshVerifier = verifier(REFRESH);
    }

    private JWTVerifier verifier(String type) {
        return ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaim(TYPE, type))
                .build(clock);
    }

    /** A signed token and when it expires. */
    public record Issued(String token, Instant expiresAt) {
    }

    /** A new access token for {@code caller}. */
    public Issued access(Caller caller) {
        return issue(caller, ACCESS, accessTtl);
    }

    /** A new refresh token for {@code caller}. */
    public Issued refresh(Caller caller) {
        return issue(caller, REFRESH, refreshTtl);
    }

    private Issued issue(Caller caller, String type, Duration ttl) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(caller.userId())
                .withClaim("name", caller.displayName())
                .withClaim("guest", caller.guest())
                .withClaim(TYPE, type)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(expires))
                .sign(algorithm);
        return new Issued(token, expires);
    }

    /** The caller an access token proves; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    public Caller verifyAccess(String token) {
        return verify(accessVerifier, token);
    }

    /** The caller a refresh token proves; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    public Caller verifyRefresh(String token) {
        return verify(refreshVerifier, token);
    }

    private static Caller verify(JWTVerifier verifier, String token) {
        if (token == null || token.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "a token is required");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new ApiException(ErrorCode.TOKEN_EXPIRED, "the token has expired");
        } catch (JWTVerificationException e) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the token is not valid");
        }
        String name = jwt.getClaim("name").asString();
        Boolean guest = jwt.getClaim("guest").asBoolean();
        if (jwt.getSubject() == null || name == null || guest == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the token is not valid");
        }
        return new Caller(jwt.getSubject(), name, guest);
    }
}
