package org.voicerooms.model;

/** The one error shape of the REST API: {@code {"error": {"code": "...", "message": "..."}}}. */
public record ErrorBody(ApiError error) {

    public static ErrorBody of(ErrorCode code, String message) {
        return new ErrorBody(new ApiError(code, message, null));
    }
}
