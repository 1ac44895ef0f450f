package org.voicerooms.server.http;

import io.javalin.http.Context;
import org.voicerooms.model.ApiException;

/**
 * {@code page} and {@code limit} of a list request, checked: page 1..{@value #MAX_PAGE}, limit 1..max.
 *
 * @param page  from 1
 * @param limit page size
 */
public record PageQuery(int page, int limit) {

    public static final int MAX_PAGE = 10_000;
    public static final int DEFAULT_LIMIT = 20;

    /** Items to skip before this page. */
    public int offset() {
        return (page - 1) * limit;
    }

    /** Reads and checks the query parameters; VALIDATION_FAILED names the bad one. */
    public static PageQuery from(Context ctx, int maxLimit) {
        int page = intParam(ctx, "page", 1, 1, MAX_PAGE);
        int limit = intParam(ctx, "limit", Math.min(DEFAULT_LIMIT, maxLimit), 1, maxLimit);
        return new PageQuery(page, limit);
    }

    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ApiException.invalid(name, name + " must be a whole number");
        }
        if (value < min || value > max) {
            throw ApiException.invalid(name, name + " must be between " + min + " and " + max);
        }
        return value;
    }
}
