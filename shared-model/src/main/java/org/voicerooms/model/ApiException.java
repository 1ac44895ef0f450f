package org.voicerooms.model;

/**
 * A typed failure: thrown by the server to answer an error, and by clients when the server answered one.
 * The message is meant for people; it never carries a stack trace or internal detail.
 */
public class ApiException extends RuntimeException {

    private final transient ApiError error;

    public ApiException(ErrorCode code, String message) {
        this(new ApiError(code, message, null));
    }

    public ApiException(ErrorCode code, String message, String field) {
        this(new ApiError(code, message, field));
    }

    public ApiException(ApiError error) {
        super(error.code() + ": " + error.message());
        this.error = error;
    }

    public static ApiException of(ErrorCode code) {
        return new ApiException(ApiError.of(code));
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, message, field);
    }

    public ApiError error() {
        return error;
    }

    public ErrorCode code() {
        return error.code();
    }
}
