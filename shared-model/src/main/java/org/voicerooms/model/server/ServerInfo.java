package org.voicerooms.model.server;

import java.util.List;

/**
 * Answer of {@code GET /api/server}: what this server is and what it allows.
 *
 * @param mode         "embedded" (in-process database) or "standalone" (external MongoDB)
 * @param capabilities feature names clients may rely on, e.g. "guests", "friends", "scheduled-rooms", "cluster"
 * @param nodes        the live nodes of a cluster, this one first; empty for a single server
 */
public record ServerInfo(String name, String version, String mode, List<String> capabilities, ServerLimits limits,
                         List<NodeInfo> nodes) {

    public ServerInfo {
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    /** A single server's answer: no nodes listed. */
    public ServerInfo(String name, String version, String mode, List<String> capabilities, ServerLimits limits) {
        this(name, version, mode, capabilities, limits, List.of());
    }
}
