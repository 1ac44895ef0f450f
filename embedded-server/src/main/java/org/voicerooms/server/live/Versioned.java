package org.voicerooms.server.live;

/**
 * A value as a {@link LiveStore} holds it, with the version a compare-and-set commit must name to replace it.
 * Versions start at 1 for a new room and grow by one per commit; 0 means "absent".
 */
public record Versioned<T>(T value, long version) {
}
