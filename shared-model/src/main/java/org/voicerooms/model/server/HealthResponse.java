package org.voicerooms.model.server;

/**
 * Answer of {@code GET /api/health}.
 *
 * @param status        "ok" or "degraded"
 * @param storage       "ok" or a short reason the database is not answering
 * @param uptimeSeconds since start
 */
public record HealthResponse(String status, String storage, long uptimeSeconds) {
}
