package org.voicerooms.server.http;

import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.lettuce.core.RedisException;
import org.eclipse.jetty.http.BadMessageException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorBody;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.server.live.RateLimits;

/**
 * Turns every failure of a REST request into the one error shape with the status of its {@link ErrorCode}, and
 * checks bearer tokens before any route that needs one. Nothing a client sends produces a stack trace in a
 * response; unexpected failures are logged with the request path and answered INTERNAL_ERROR.
 */
public final class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);
    private static final Set<String> OPEN_PATHS = Set.of("/api/health", "/api/server", "/api/openapi.json");

    private ApiErrors() {
    }

    /**
     * Installs the auth filter (with each signed-in user's request budget, {@code perUser}) and the exception and
     * error mappers.
     */
    public static void install(RoutesConfig routes, java.util.function.Function<String, Caller> verifyToken,
                               RateLimits perUser) {
        routes.beforeMatched(ctx -> {
            String path = ctx.path();
            if (!path.startsWith("/api/") || OPEN_PATHS.contains(path)
                    || path.startsWith("/api/auth/") && !path.equals("/api/auth/logout")) {
                return;
            }
            Caller caller = verifyToken.apply(bearer(ctx));
            perUser.check(caller.userId());
            caller.attachTo(ctx);
        });
        routes.exception(ApiException.class, (e, ctx) -> write(ctx, e.error()));
        routes.exception(HttpResponseException.class, (e, ctx) -> write(ctx, fromStatus(e)));
        // Jetty's own refusals while reading a body: too slow (408, below the minimum data rate), malformed.
        routes.exception(BadMessageException.class, (e, ctx) -> write(ctx, new ApiError(ErrorCode.BAD_REQUEST,
                e.getCode() == 408 ? "the request body arrived too slowly" : "the request could not be read",
                null)));
        routes.exception(MongoException.class, (e, ctx) -> {
            LOG.error("Database failure on {} {}", ctx.method(), ctx.path(), e);
            boolean down = e instanceof MongoTimeoutException;
            write(ctx, ApiError.of(down ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR));
        });
        routes.exception(RedisException.class, (e, ctx) -> {
            // a cluster node whose Redis is away: live rooms are there, the rest of the API still answers
            LOG.warn("Redis unavailable on {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, ApiError.of(ErrorCode.SERVICE_UNAVAILABLE));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("Unhandled failure on {} {}", ctx.method(), ctx.path(), e);
            write(ctx, ApiError.of(ErrorCode.INTERNAL_ERROR));
        });
        for (int status : new int[] {404, 405}) {
            routes.error(status, ctx -> {
                if (ctx.resultInputStream() == null) {
                    write(ctx, status == 404 ? new ApiError(ErrorCode.NOT_FOUND, "no such endpoint", null)
                            : ApiError.of(ErrorCode.METHOD_NOT_ALLOWED));
                }
            });
        }
    }

    private static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.isBlank()) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "sign in first: the Authorization header is missing");
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "use 'Authorization: Bearer <token>'");
        }
        return header.substring(7).strip();
    }

    private static ApiError fromStatus(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new ApiError(ErrorCode.NOT_FOUND, "no such endpoint", null);
            case 405 -> ApiError.of(ErrorCode.METHOD_NOT_ALLOWED);
            case 413 -> new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "the request body is too large", null);
            case 415 -> ApiError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
            case 401 -> ApiError.of(ErrorCode.UNAUTHORIZED);
            case 403 -> ApiError.of(ErrorCode.FORBIDDEN);
            case 429 -> ApiError.of(ErrorCode.RATE_LIMITED);
            default -> e.getStatus() >= 500 ? ApiError.of(ErrorCode.INTERNAL_ERROR)
                    : new ApiError(ErrorCode.BAD_REQUEST, e.getMessage(), null);
        };
    }

    /** Writes {@code error} as the response with its code's status. */
    public static void write(Context ctx, ApiError error) {
        ctx.status(error.code().httpStatus()).json(new ErrorBody(error));
    }
}
