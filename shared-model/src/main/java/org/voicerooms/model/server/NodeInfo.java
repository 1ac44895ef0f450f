package org.voicerooms.model.server;

/**
 * One live node of a cluster, as listed by {@code GET /api/server}: a client that lost its node connects to another
 * one's {@code url} (or goes on through the balancer).
 *
 * @param id          the node's id, new at each start
 * @param url         where clients reach this node directly, e.g. {@code https://node2.example.org:8443}
 * @param connections realtime connections the node holds now
 * @param startedAt   when the node started, ISO-8601
 * @param draining    true while the node stops: it takes no new connections
 */
public record NodeInfo(String id, String url, int connections, String startedAt, boolean draining) {
}
