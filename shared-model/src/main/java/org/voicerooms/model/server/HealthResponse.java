package org.voicerooms.model.server;

/**
 * Answer of {@code GET /api/health}.
 *
 * @param status        "ok", "degraded" (a dependency does not answer) or "draining" (a cluster node stopping)
 * @param storage       "ok" or a short reason the database is not answering
 * @param uptimeSeconds since start
 * @param redis         "ok", "unreachable" while a cluster node cannot reach its Redis, or "none" for a single
 *                      server without Redis
 */
public record HealthResponse(String status, String storage, long uptimeSeconds, String redis) {

    /** A single server's answer: no Redis. */
    public HealthResponse(String status, String storage, long uptimeSeconds) {
        this(status, storage, uptimeSeconds, "none");
    }
}
