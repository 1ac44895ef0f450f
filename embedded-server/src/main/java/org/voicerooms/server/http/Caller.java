package org.voicerooms.server.http;

import io.javalin.http.Context;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/**
 * The signed-in user behind a request, as proven by its bearer token.
 *
 * @param userId      24-hex-digit id
 * @param displayName from the token
 * @param guest       signed in without an account
 * @param session     the sign-in (refresh-token family) the token belongs to; null for tokens issued before
 *                    sessions existed
 */
public record Caller(String userId, String displayName, boolean guest, String session) {

    /** A caller outside any session. */
    public Caller(String userId, String displayName, boolean guest) {
        this(userId, displayName, guest, null);
    }

    private static final String ATTRIBUTE = "voicerooms.caller";

    /** Attaches the caller to the request; called by the auth filter. */
    public void attachTo(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    /** The caller of an authenticated request; UNAUTHORIZED if the route was not behind the auth filter. */
    public static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw ApiException.of(ErrorCode.UNAUTHORIZED);
        }
        return caller;
    }
}
