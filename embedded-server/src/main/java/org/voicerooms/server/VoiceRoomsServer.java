package org.voicerooms.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.Json;
import org.voicerooms.server.auth.AuthRoutes;
import org.voicerooms.server.auth.AuthService;
import org.voicerooms.server.auth.GuestExpiry;
import org.voicerooms.server.auth.SecretStore;
import org.voicerooms.server.auth.TokenService;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.cluster.Cluster;
import org.voicerooms.server.friends.FriendRoutes;
import org.voicerooms.server.friends.FriendService;
import org.voicerooms.server.http.AddressLimits;
import org.voicerooms.server.http.ApiErrors;
import org.voicerooms.server.http.BodyRateFilter;
import org.voicerooms.server.http.JsonBodies;
import org.voicerooms.server.http.Tls;
import org.voicerooms.server.live.MemberActions;
import org.voicerooms.server.live.ExecutorScheduler;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveEngine;
import org.voicerooms.server.live.LivePresence;
import org.voicerooms.server.live.LiveStore;
import org.voicerooms.server.live.LocalLiveBus;
import org.voicerooms.server.live.MemoryLiveStore;
import org.voicerooms.server.live.NodeLoss;
import org.voicerooms.server.live.redis.RedisLiveBus;
import org.voicerooms.server.live.redis.RedisLiveStore;
import org.voicerooms.server.live.LiveRoutes;
import org.voicerooms.server.http.PageQuery;
import org.voicerooms.server.media.IceServersRoutes;
import org.voicerooms.server.media.SfuHealth;
import org.voicerooms.server.media.SfuPlan;
import org.voicerooms.server.media.SfuSignaling;
import org.voicerooms.server.media.janus.SfuRooms;
import org.voicerooms.server.live.SfuHome;
import org.voicerooms.server.live.LiveService;
import org.voicerooms.server.live.RateLimits;
import org.voicerooms.server.live.Moderation;
import org.voicerooms.server.live.ParticipationStore;
import org.voicerooms.server.rooms.InviteStore;
import org.voicerooms.server.ops.OpenApiRoutes;
import org.voicerooms.server.ops.OpsRoutes;
import org.voicerooms.server.rooms.FriendsInRooms;
import org.voicerooms.server.rooms.JoinPage;
import org.voicerooms.server.realtime.SocketTransport;
import org.voicerooms.server.rooms.RoomRoutes;
import org.voicerooms.server.rooms.RoomService;
import org.voicerooms.server.store.Database;

/**
 * The Voice Rooms room server, embeddable in a desktop app or a test and run standalone by {@link Main}.
 *
 * <pre>{@code
 * VoiceRoomsServer server = VoiceRoomsServer.create(config).start();
 * int port = server.port();
 * ...
 * server.stop();
 * }</pre>
 *
 * <p>{@link #create} only keeps the config; {@link #start} opens the database and binds the port (0 picks a free
 * one); {@link #stop} is idempotent and safe from any thread. Several servers can run side by side in one JVM as
 * long as they use different data directories. Start and stop are synchronized; they block until done.
 */
public final class VoiceRoomsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VoiceRoomsServer.class);

    private final ServerConfig config;
    private final Clock clock;
    private Javalin app;
    private Database db;
    private LiveService liveService;
    private ExecutorScheduler liveTimers;
    /** This process among the nodes of a cluster, as live room members' {@code node} names it. */
    private final String nodeId = java.util.UUID.randomUUID().toString();
    private volatile SocketTransport transport;
    private Cluster cluster;
    private RedisLiveBus sharedBus;
    private NodeLoss nodeLoss;
    private SfuSignaling sfu;
    private boolean stopped;

    private VoiceRoomsServer(ServerConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A server for {@code config} on the system UTC clock; not started. */
    public static VoiceRoomsServer create(ServerConfig config) {
        return create(config, Clock.systemUTC());
    }

    /** A server for {@code config} reading time from {@code clock} (tests move it to expire tokens); not started. */
    public static VoiceRoomsServer create(ServerConfig config, Clock clock) {
        ConfigLoader.validate(config);
        return new VoiceRoomsServer(config, clock);
    }

    /**
     * Opens the database and binds the port.
     *
     * @return this server
     * @throws IllegalStateException if already started or stopped
     * @throws RuntimeException      if the database cannot be opened or the port bound; nothing is left running
     * @throws org.voicerooms.server.cluster.RedisUnreachableException if the config names a Redis that does not
     *                               answer
     */
    public synchronized VoiceRoomsServer start() {
        if (app != null || stopped) {
            throw new IllegalStateException(stopped ? "a stopped server cannot be restarted; create a new one"
                    : "already started");
        }
        try {
            cluster = config.clustered() ? Cluster.connect(config, clock, Json.newMapper()) : null;
            db = Database.open(config.mongoUri(), config.dataDir());
            app = build(db);
            app.start(config.host(), config.port());
            if (cluster != null) {
                cluster.register(config, nodeId, app.port(), this::connections);
                cluster.sweepDeadNodes(nodeLoss::adopt);
            }
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        LOG.info("Voice Rooms server '{}' ({} mode) listening on {}://{}:{}", config.serverName(), config.mode(),
                config.tls() ? "https" : "http", config.host(), app.port());
        return this;
    }

    private Javalin build(Database db) {
        ObjectMapper mapper = Json.newMapper();
        JsonBodies bodies = new JsonBodies(mapper);
        String secret = config.jwtSecret() != null ? config.jwtSecret() : SecretStore.loadOrCreate(config.dataDir());
        TokenService tokens = new TokenService(secret, clock, config.tokenTtl(), config.refreshTtl());
        UserStore users = new UserStore(db);
        AuthService auth = new AuthService(db, users, tokens, config.bcryptCost(), clock, config.allowGuests());
        FriendService friends = new FriendService(db, users, clock);
        LiveStore liveStore = cluster == null ? new MemoryLiveStore() : new RedisLiveStore(cluster.redis(), mapper);
        LiveBus bus;
        if (cluster == null) {
            bus = new LocalLiveBus();
        } else {
            RedisLiveBus shared = new RedisLiveBus(cluster.redis(), mapper);
            sharedBus = shared;
            bus = shared;
        }
        InviteStore invites = new InviteStore(db);
        LivePresence presence = new LivePresence(liveStore);
        RoomService rooms = new RoomService(db, users, friends, presence, invites, clock, config);
        ParticipationStore visits = new ParticipationStore(db);
        liveTimers = new ExecutorScheduler("voicerooms-live-timer");
        liveService = new LiveService(new LiveEngine(liveStore, bus), rooms, friends, invites, visits, clock,
                liveTimers, nodeId, config);
        nodeLoss = new NodeLoss(liveService, liveStore, liveTimers);
        if (db.embedded()) {
            liveService.recoverAfterStart();
        }
        Moderation moderation = new Moderation(liveService, users, rooms, invites, clock, config.invitesPerHour());
        MemberActions actions = new MemberActions(liveService, clock);
        AddressLimits addressLimits = new AddressLimits(config, clock, cluster == null ? null : cluster.rateLimits());
        liveService.alsoOnSweep(addressLimits::prune);
        RateLimits perUser = new RateLimits(2L * config.requestsPerUserPerSecond(), Duration.ofSeconds(2),
                "requests", clock, cluster == null ? null : cluster.rateLimits());
        liveService.alsoOnSweep(perUser::prune);
        liveService.alsoOnSweep(new GuestExpiry(users, clock, config.guestIdleExpiry(), rooms::endRoomsCreatedBy));
        LiveRoutes liveRoutes = new LiveRoutes(liveService, actions, moderation, visits, rooms, bodies,
                config.pageLimitMax(), addressLimits);

        AuthRoutes authRoutes = new AuthRoutes(auth, users, bodies, addressLimits);
        FriendRoutes friendRoutes = new FriendRoutes(friends, bodies);
        RoomRoutes roomRoutes = new RoomRoutes(rooms, bodies, config.pageLimitMax(), addressLimits);
        OpsRoutes opsRoutes = new OpsRoutes(config, db, clock, cluster);
        IceServersRoutes iceRoutes = new IceServersRoutes(config, clock);
        sfu = config.janusUrl().isEmpty() ? null : sfu(config, mapper, liveService, bus);
        transport = new SocketTransport(liveService, actions, moderation, bus, liveTimers, auth::verifyAccess,
                mapper, config, addressLimits, clock, sfu);
        auth.onRevoked(transport::closeSession);
        friends.notifyWith(transport::toUser);
        FriendsInRooms friendsInRooms = new FriendsInRooms(rooms, friends, presence, users);
        Tls.Material tls = Tls.load(config.tlsCert(), config.tlsKey(), config.tlsKeystore(),
                config.tlsKeystorePassword());
        return Javalin.create(cfg -> {
            if (tls != null) {
                cfg.jetty.addConnector((server, http) -> Tls.connector(server, http, tls, config.host(),
                        config.port()));
            }
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jsonMapper(new JavalinJackson(mapper, false));
            ApiErrors.install(cfg.routes, auth::verifyAccess, perUser);
            opsRoutes.register(cfg.routes);
            authRoutes.register(cfg.routes);
            friendRoutes.register(cfg.routes);
            friendsInRooms.register(cfg.routes);
            new JoinPage().register(cfg.routes);
            new OpenApiRoutes().register(cfg.routes);
            roomRoutes.register(cfg.routes);
            liveRoutes.register(cfg.routes);
            iceRoutes.register(cfg.routes);
            transport.register(cfg);
            cfg.jetty.modifyServletContextHandler(handler -> handler.addFilter(
                    new FilterHolder(new BodyRateFilter(config.minRequestDataRate())), "/*",
                    EnumSet.of(DispatcherType.REQUEST)));
        });
    }

    /** The bound port. */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException(stopped ? "stopped" : "not started");
        }
        return app.port();
    }

    /**
     * Runs the periodic checks now instead of at the next minute: rooms past the maximum duration end. For
     * administrative tools and tests that move the clock.
     */
    public synchronized void runHousekeeping() {
        if (liveService == null) {
            throw new IllegalStateException(stopped ? "stopped" : "not started");
        }
        liveService.sweepNow();
    }

    /**
     * A live room as an embedding app announces it: id, title, host, people inside, on stage, and whether it is
     * public; private and friends-only rooms must not be named to a whole network.
     */
    public record LiveRoom(String roomId, String title, String hostId, int participants, int speakers,
                           boolean open) {
    }

    /** The rooms with people in them now, most populated first; for LAN announcements and admin views. */
    public synchronized List<LiveRoom> liveRooms() {
        return liveService == null ? List.of() : liveService.liveRooms().stream().map(r -> new LiveRoom(r.roomId(),
                r.title(), r.hostId(), r.participants(), r.speakers(), r.open())).toList();
    }

    /**
     * Ends every live room and tells the people inside ({@code room:ended} with {@code reason}), e.g. before an
     * embedded server stops hosting. Rooms stay ended after a restart.
     */
    public synchronized void endLiveRooms(String reason) {
        if (liveService != null) {
            liveService.endAll(reason);
        }
    }

    /**
     * Ends rooms stored as live that nobody is in, e.g. after an embedded server was killed while hosting: call at
     * start on a server that alone holds its rooms (never on one node of a cluster). Returns how many ended.
     */
    public synchronized int endAbandonedRooms(String reason) {
        return liveService == null ? 0 : liveService.endAbandoned(reason);
    }

    /**
     * Every HTTP route this server answers, as {@code "METHOD /path/{param}"}, sorted; for the API document's test
     * and administrative tools.
     */
    public synchronized List<String> httpRoutes() {
        if (app == null) {
            throw new IllegalStateException(stopped ? "stopped" : "not started");
        }
        return app.unsafe.internalRouter.allHttpHandlers().stream().filter(e -> e.endpoint.method.isHttpMethod())
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .filter(r -> !r.startsWith("HEAD ") && !r.startsWith("OPTIONS ")).distinct().sorted().toList();
    }

    private int connections() {
        SocketTransport t = transport;
        return t == null ? 0 : t.connections();
    }

    /** The config this server was created with. */
    public ServerConfig config() {
        return config;
    }

    /** Stops serving and closes the database. Idempotent; a stopped server cannot start again. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        stopQuietly();
        LOG.info("Voice Rooms server '{}' stopped", config.serverName());
    }

    private void stopQuietly() {
        if (sfu != null) {
            sfu.close();
            sfu = null;
        }
        if (cluster != null) {
            cluster.drain();
        }
        if (transport != null) {
            transport.close();
            transport = null;
        }
        if (app != null) {
            try {
                app.stop(); // closes the connections; their disconnect handlers still need the live service
            } catch (RuntimeException e) {
                LOG.warn("Error stopping the HTTP server", e);
            }
            app = null;
        }
        if (liveService != null) {
            liveService.close();
            liveService = null;
        }
        if (liveTimers != null) {
            liveTimers.close();
            liveTimers = null;
        }
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                LOG.warn("Error closing the database", e);
            }
            db = null;
        }
        if (sharedBus != null) {
            sharedBus.close();
            sharedBus = null;
        }
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * The SFU on the configured Janus gateways: members and roles come from the live service, and its sweep drops
     * the media of members who are gone.
     */
    /** Rooms' Janus rooms recorded in their live state, so that every node of a cluster drives the same one. */
    private static SfuRooms.Registry registry(LiveService live) {
        return new SfuRooms.Registry() {
            @Override
            public SfuRooms.Home claim(String roomId, SfuRooms.Home proposed, SfuRooms.Home replacing) {
                SfuHome home = live.claimSfu(roomId, home(proposed), replacing == null ? null : home(replacing));
                return new SfuRooms.Home(URI.create(home.gateway()), home.room(), home.secret());
            }

            @Override
            public void publishersChanged(String roomId) {
                live.sfuPublishersChanged(roomId);
            }

            @Override
            public boolean live(String roomId) {
                return live.isLive(roomId);
            }

            private SfuHome home(SfuRooms.Home h) {
                return new SfuHome(h.gateway().toString(), h.room(), h.secret());
            }
        };
    }

    private static SfuSignaling sfu(ServerConfig config, ObjectMapper mapper, LiveService live, LiveBus bus) {
        SfuSignaling sfu = SfuSignaling.connect(config.janusUrl(), config.janusSecret(), mapper,
                (caller, roomId) -> live.participants(caller, roomId, new PageQuery(1, Integer.MAX_VALUE)).items()
                        .stream().filter(p -> p.userId().equals(caller.userId())).findFirst(),
                config.maxSpeakersCap(), registry(live));
        live.alsoOnSweep(() -> sfu.sweep(live::isInside));
        SfuPlan plan = new SfuPlan(sfu);
        // The media policy reads the SFU's health; a change moves small rooms to a mesh and back.
        SfuHealth health = new SfuHealth(sfu.rooms()::reachable, live::followMedia);
        sfu.onUnavailable(health::failed);
        live.sfuHealth(health::up);
        sfu.onClose(health, bus.subscribeAll(plan), plan);
        return sfu;
    }
}
