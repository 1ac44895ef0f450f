package org.voicerooms.server.media.janus;

/**
 * A Janus request that did not succeed: the gateway unreachable or too slow ({@link #unavailable()}), or it answered
 * with an error (Janus's or the VideoRoom plugin's {@code code} and {@code reason}).
 */
public final class JanusException extends RuntimeException {

    /** Janus or VideoRoom error code; 0 when the gateway could not be reached or did not answer in time. */
    private final int code;

    public JanusException(int code, String message) {
        super(message);
        this.code = code;
    }

    public JanusException(String message, Throwable cause) {
        super(message, cause);
        this.code = 0;
    }

    public int code() {
        return code;
    }

    /** Whether the gateway could not be reached or did not answer in time (as opposed to refusing a request). */
    public boolean unavailable() {
        return code == 0;
    }
}
