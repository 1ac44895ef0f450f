package org.voicerooms.server.cluster;

/** A cluster node could not reach its Redis at start; the standalone server exits with code 2 on it. */
public final class RedisUnreachableException extends RuntimeException {

    public RedisUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
