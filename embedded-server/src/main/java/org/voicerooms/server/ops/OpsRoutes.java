package org.voicerooms.server.ops;

import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.server.HealthResponse;
import org.voicerooms.model.server.ServerInfo;
import org.voicerooms.model.server.ServerLimits;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.cluster.Cluster;
import org.voicerooms.server.store.Database;

/** {@code /api/health} and {@code /api/server}: open, for load balancers and for clients choosing a server. */
public final class OpsRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);

    private final ServerConfig config;
    private final Database db;
    private final Clock clock;
    private final Instant startedAt;
    private final Cluster cluster;

    public OpsRoutes(ServerConfig config, Database db, Clock clock) {
        this(config, db, clock, null);
    }

    /** With {@code cluster} (null for a single server), health covers Redis and {@code /api/server} lists nodes. */
    public OpsRoutes(ServerConfig config, Database db, Clock clock, Cluster cluster) {
        this.cluster = cluster;
        this.config = config;
        this.db = db;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** This build's version, from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = OpsRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    public void register(RoutesConfig routes) {
        routes.get("/api/health", ctx -> {
            String storage = "ok";
            try {
                db.ping();
            } catch (RuntimeException e) {
                LOG.warn("Health check: database did not answer", e);
                storage = "unreachable";
            }
            String redis = cluster == null ? "none" : cluster.redisAnswers() ? "ok" : "unreachable";
            long uptime = Duration.between(startedAt, clock.instant()).toSeconds();
            boolean ok = storage.equals("ok");
            // Without Redis a node still serves what it holds, so the balancer keeps it: only the database is fatal.
            // A draining node answers 503 so the balancer sends no new connections its way.
            boolean draining = cluster != null && cluster.draining();
            String status = draining ? "draining" : ok && !redis.equals("unreachable") ? "ok" : "degraded";
            ctx.status(ok && !draining ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                    .json(new HealthResponse(status, storage, Math.max(0, uptime), redis));
        });
        routes.get("/api/server", ctx -> ctx.json(info()));
    }

    ServerInfo info() {
        List<String> capabilities = new ArrayList<>(List.of("accounts", "friends", "scheduled-rooms", "discovery"));
        if (config.allowGuests()) {
            capabilities.add("guests");
        }
        if (cluster != null) {
            capabilities.add("cluster");
        }
        return new ServerInfo(config.serverName(), version(), config.mode(), capabilities,
                new ServerLimits(config.maxParticipantsCap(), config.maxSpeakersCap(), config.roomCreationsPerDay(),
                        config.pageLimitMax(), config.allowGuests()), cluster == null ? List.of() : cluster.nodes());
    }
}
