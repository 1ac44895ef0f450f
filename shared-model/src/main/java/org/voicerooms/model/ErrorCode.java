package org.voicerooms.model;

/**
 * Every error the server can answer, shared by REST and Socket.IO.
 *
 * <p>Per-action denials never close a connection; only codes marked {@link #connectionFatal()} (failed
 * authentication) do. The wire form of a code is its {@link #name()}.
 */
public enum ErrorCode {
    /** The body is not well-formed JSON, has duplicate keys, or does not match the expected shape. */
    BAD_REQUEST(400, false, "The request could not be read."),
    /** The body was read but a field breaks a rule (size, range, enum, required). */
    VALIDATION_FAILED(400, false, "Some fields are not valid."),
    /** A Socket.IO event name the server does not know. */
    UNKNOWN_EVENT(400, false, "Unknown event."),
    /** No token, a malformed token or a token with a bad signature. */
    UNAUTHORIZED(401, true, "Sign in to continue."),
    /** The token was valid but has expired; refresh it or sign in again. */
    TOKEN_EXPIRED(401, true, "Your session has expired. Sign in again."),
    /** Username or password is wrong. */
    INVALID_CREDENTIALS(401, false, "Wrong username or password."),
    /** The caller's role does not allow the action. */
    FORBIDDEN(403, false, "You are not allowed to do that."),
    /** Guest sign-in is switched off on this server. */
    GUESTS_DISABLED(403, false, "Guest sign-in is disabled on this server."),
    /** The caller is banned from the room. */
    BANNED(403, false, "You are banned from this room."),
    /** The caller was kicked from the room and cannot rejoin it. */
    KICKED(403, false, "You were removed from this room."),
    /** No such room, user or resource, or the caller may not know it exists. */
    NOT_FOUND(404, false, "Not found."),
    /** The path exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405, false, "Method not allowed."),
    /** The username is already registered. */
    USERNAME_TAKEN(409, false, "That username is taken."),
    /** The request conflicts with the current state (already friends, already started, ...). */
    CONFLICT(409, false, "That conflicts with the current state."),
    /** The room has reached maxParticipants. */
    ROOM_FULL(409, false, "The room is full."),
    /** The stage has reached maxSpeakers. */
    SPEAKERS_FULL(409, false, "All speaker seats are taken."),
    /** The room is scheduled and has not been started by its host yet. */
    ROOM_NOT_STARTED(409, false, "The room has not started yet."),
    /** The room has ended. */
    ROOM_ENDED(410, false, "The room has ended."),
    /** The body or a message is larger than the server accepts. */
    PAYLOAD_TOO_LARGE(413, false, "That is too large."),
    /** The request body is not JSON. */
    UNSUPPORTED_MEDIA_TYPE(415, false, "Send JSON (Content-Type: application/json)."),
    /** Too many requests or events; try again later. */
    RATE_LIMITED(429, false, "Slow down and try again shortly."),
    /** The server failed; the request may be retried. */
    INTERNAL_ERROR(500, false, "Something went wrong on the server."),
    /** The server is starting, stopping or its storage is unreachable. */
    SERVICE_UNAVAILABLE(503, false, "The server is not available right now.");

    private final int httpStatus;
    private final boolean connectionFatal;
    private final String defaultMessage;

    ErrorCode(int httpStatus, boolean connectionFatal, String defaultMessage) {
        this.httpStatus = httpStatus;
        this.connectionFatal = connectionFatal;
        this.defaultMessage = defaultMessage;
    }

    /** The HTTP status REST answers with this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether a realtime connection is closed after this error (authentication failures only). */
    public boolean connectionFatal() {
        return connectionFatal;
    }

    /** A short message fit to show a user; the server may send a more specific one. */
    public String defaultMessage() {
        return defaultMessage;
    }
}
