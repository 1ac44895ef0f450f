package org.voicerooms.model.live;

/**
 * A Socket.IO event: its name on the wire, its payload type, and which way it flows.
 *
 * @param name      e.g. {@code room:join}
 * @param payload   the record the payload parses into
 * @param fromClient true for client → server events (acknowledged), false for server → client
 * @param <T>       the payload type
 */
public record Event<T>(String name, Class<T> payload, boolean fromClient) {
}
