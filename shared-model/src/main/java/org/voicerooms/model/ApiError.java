package org.voicerooms.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The inner part of every error answer: {@code {"code": "ROOM_FULL", "message": "...", "field": "title"}}.
 *
 * @param code    never null
 * @param message human-readable, never null
 * @param field   the offending request field for validation errors, otherwise null (omitted on the wire)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(ErrorCode code, String message, String field) {

    public ApiError {
        if (code == null) {
            throw new IllegalArgumentException("code is required");
        }
        if (message == null) {
            message = code.defaultMessage();
        }
    }

    public static ApiError of(ErrorCode code) {
        return new ApiError(code, code.defaultMessage(), null);
    }
}
