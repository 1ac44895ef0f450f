package org.voicerooms.model.server;

import java.util.List;

/**
 * Answer of {@code GET /api/server}: what this server is and what it allows.
 *
 * @param mode         "embedded" (in-process database) or "standalone" (external MongoDB)
 * @param capabilities feature names clients may rely on, e.g. "guests", "friends", "scheduled-rooms"
 */
public record ServerInfo(String name, String version, String mode, List<String> capabilities, ServerLimits limits) {
}
