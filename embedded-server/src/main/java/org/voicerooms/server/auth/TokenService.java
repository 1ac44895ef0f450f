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
 * refresh tokens only buy a new pair. Both carry the user id as subject, the display name and guest flag, and the
 * sign-in they belong to ({@code fam}); whether that sign-in was revoked is {@link AuthService}'s business.
 */
public final class TokenService {

    private static final String ISSUER = "voicerooms";
    private static final String TYPE = "typ";
    private static final String ACCESS = "access";
    private static final String REFRESH = "refresh";
    /** The claim naming the sign-in (refresh-token family) a token belongs to. */
    private static final String FAMILY = "fam";

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

    /** A signed token, when it expires and its id ({@code jti}). */
    public record Issued(String token, Instant expiresAt, String id) {
    }

    /** What a refresh token proves: the caller (with its session, null on tokens older than sessions) and its id. */
    public record Refresh(Caller caller, String id, Instant expiresAt) {
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
        String id = UUID.randomUUID().toString();
        var builder = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(caller.userId())
                .withClaim("name", caller.displayName())
                .withClaim("guest", caller.guest())
                .withClaim(TYPE, type)
                .withJWTId(id)
                .withIssuedAt(Date.from(now))
                .withExpiresAt(Date.from(expires));
        if (caller.session() != null) {
            builder.withClaim(FAMILY, caller.session());
        }
        String token = builder.sign(algorithm);
        return new Issued(token, expires, id);
    }

    /** The caller an access token proves; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    public Caller verifyAccess(String token) {
        return caller(verify(accessVerifier, token));
    }

    /** What a refresh token proves; UNAUTHORIZED or TOKEN_EXPIRED otherwise. */
    public Refresh verifyRefresh(String token) {
        DecodedJWT jwt = verify(refreshVerifier, token);
        if (jwt.getId() == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the token is not valid");
        }
        return new Refresh(caller(jwt), jwt.getId(), jwt.getExpiresAtAsInstant());
    }

    private static DecodedJWT verify(JWTVerifier verifier, String token) {
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
        return jwt;
    }

    private static Caller caller(DecodedJWT jwt) {
        String name = jwt.getClaim("name").asString();
        Boolean guest = jwt.getClaim("guest").asBoolean();
        if (jwt.getSubject() == null || name == null || guest == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "the token is not valid");
        }
        return new Caller(jwt.getSubject(), name, guest, jwt.getClaim(FAMILY).asString());
    }
}
