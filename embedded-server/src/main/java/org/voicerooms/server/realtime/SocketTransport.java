package org.voicerooms.server.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import jakarta.servlet.DispatcherType;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoServer;
import io.socket.socketio.server.SocketIoSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.http.AddressLimits;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.ClientAddress;
import org.voicerooms.server.http.JsonBodies;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveService;
import org.voicerooms.server.live.MemberActions;
import org.voicerooms.server.live.Moderation;
import org.voicerooms.server.live.RateLimits;
import org.voicerooms.server.media.SfuSignaling;
import org.voicerooms.server.live.Scheduler;
import org.voicerooms.server.live.StageInvites;

/**
 * Socket.IO v4 on the server's HTTP port at {@code /socket.io/}: long-polling through Javalin's HTTP handlers,
 * websocket through Javalin's websocket handler, both feeding one engine.io server. Connections authenticate in
 * the handshake ({@code auth: {token}}), then every client → server event of {@link Events} reaches the live
 * service through {@link EventDispatcher}, and the live bus's events reach clients through {@link SocketFanout}.
 * {@link LiveSockets} keeps which of this node's sockets sit in which room, and the reconnect grace.
 */
public final class SocketTransport implements AutoCloseable {

    /** The Socket.IO path, the default of every client. */
    public static final String PATH = "/socket.io/";

    private static final Logger LOG = LoggerFactory.getLogger(SocketTransport.class);

    private final EngineIoServer engine;
    private final SocketOutbox outbox;
    private final HandshakeGuard handshakes;
    private final PacketGuard guard;
    private final ClientAddress addresses;
    private final int maxConnectionsPerAddress;
    private final OutboundQueue.Limits outboundLimits;
    private final EventDispatcher dispatcher;
    private final LiveSockets seats;
    private final java.util.List<LiveBus.Subscription> subscriptions;
    private final long maxBodyBytes;
    private final ScheduledThreadPoolExecutor pingTimers;
    /** Open sockets by the sign-in their token belongs to, so a revoked sign-in loses its connections. */
    private final Map<String, Set<SocketIoSocket>> sockets = new ConcurrentHashMap<>();

    /**
     * @param verifyToken the caller an access token proves, or an {@link ApiException}
     * @param mapper      the shared strict mapper
     * @param config      the flood guard ({@code eventsPerSecond}), body size, socket and connection caps, queues
     */
    public SocketTransport(LiveService live, MemberActions actions, Moderation moderation, LiveBus bus,
                           Scheduler scheduler, Function<String, Caller> verifyToken, ObjectMapper mapper,
                           ServerConfig config, AddressLimits limits, Clock clock) {
        this(live, actions, moderation, bus, scheduler, verifyToken, mapper, config, limits, clock, null);
    }

    /** @param sfu the SFU's signaling, or null on a server without one (the {@code sfu:*} events are refused) */
    public SocketTransport(LiveService live, MemberActions actions, Moderation moderation, LiveBus bus,
                           Scheduler scheduler, Function<String, Caller> verifyToken, ObjectMapper mapper,
                           ServerConfig config, AddressLimits limits, Clock clock, SfuSignaling sfu) {
        this.maxBodyBytes = config.maxBodyBytes();
        this.addresses = limits.addresses();
        this.maxConnectionsPerAddress = config.maxConnectionsPerIp();
        this.outboundLimits = new OutboundQueue.Limits(config.outboundQueueBytes(), config.outboundQueueFrames());
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault();
        // Voice Rooms' clients are apps, not web pages: no cross-origin access for browsers.
        options.setAllowedCorsOrigins(EngineIoServerOptions.ALLOWED_CORS_ORIGIN_NONE);
        // Polling handshakes are answered synchronously so the answer can wait for the session (PollingHandshake).
        options.setAllowSyncPolling(true);
        // engine.io re-arms a ping timeout on every packet it receives and cancels the previous one. A default
        // scheduled pool keeps cancelled tasks queued until their 45 s delay runs out, so the queue grew with the
        // event rate (54k dead tasks after 60k events); this pool drops them at once.
        pingTimers = new ScheduledThreadPoolExecutor(options.getMaxTimeoutThreadPoolSize(), r -> {
            Thread t = new Thread(r, "voicerooms-engineio-ping");
            t.setDaemon(true);
            return t;
        });
        pingTimers.setRemoveOnCancelPolicy(true);
        options.setScheduledExecutorService(pingTimers);
        this.engine = new EngineIoServer(options);
        this.handshakes = new HandshakeGuard(verifyToken);
        SocketOutbox[] box = new SocketOutbox[1];
        this.guard = new PacketGuard(handshakes, mapper, userId -> box[0].socketsOf(userId),
                config.maxSocketsPerUser(), config.maxConnectionsPerIp(), config.maxBodyBytes());
        guard.install(engine); // before the socket.io server registers its own listeners
        SocketIoServer io = new SocketIoServer(engine);
        SocketIoNamespace namespace = io.namespace("/");
        WireJson json = new WireJson(mapper);
        this.outbox = new SocketOutbox(namespace, json);
        box[0] = outbox;
        this.dispatcher = handlers(new EventDispatcher(new JsonBodies(mapper), json,
                new RateLimits(2L * config.eventsPerSecond(), Duration.ofSeconds(2), "events", clock)), live,
                actions, moderation, socketId -> limits.join(guard.addressOf(outbox.engineIdOf(socketId))),
                (socketId, state) -> box[0].toSocket(socketId, Events.STATE, state));
        new SfuEvents(sfu).register(dispatcher);
        if (sfu != null) {
            sfu.outbox(outbox);
        }
        if (!dispatcher.unhandled().isEmpty()) {
            throw new IllegalStateException("client events without a handler: " + dispatcher.unhandled());
        }
        namespace.on("connection", args -> connected((SocketIoSocket) args[0]));
        SocketFanout[] fanout = new SocketFanout[1];
        this.seats = new LiveSockets(new LiveSockets.Rooms() {
            @Override
            public java.util.Optional<java.time.Instant> dropped(String roomId, String userId) {
                return live.dropped(roomId, userId);
            }

            @Override
            public void lost(String roomId, String userId, java.time.Instant droppedAt) {
                live.lost(roomId, userId, droppedAt);
            }
        }, roomId -> {
            // A room's events reach this node only while it holds a seat there (per-room channels on a cluster).
            LiveBus.Subscription s = bus.subscribe(roomId, fanout[0]);
            return () -> {
                s.close();
                fanout[0].forget(roomId);
            };
        }, outbox, scheduler, config.reconnectGrace());
        fanout[0] = new SocketFanout(outbox, seats, scheduler, config.speakingChangesPerSecond());
        this.subscriptions = java.util.List.of(bus.subscribeDirect(fanout[0]));
        live.seats(seats::attached);
    }

    private static EventDispatcher handlers(EventDispatcher d, LiveService live, MemberActions me,
                                            Moderation mod, Consumer<String> joinFromSocket,
                                            StateToSocket toSocket) {
        StageInvites stage = new StageInvites(live);
        return d.on(Events.JOIN, (c, socketId, p) -> {
                    boolean speak = wantsToSpeak(p);
                    joinFromSocket.accept(socketId);
                    JoinResult result = live.join(c, p.roomId(), socketId);
                    if (JoinResult.JOINED.equals(result.status())) {
                        // The seed's clients wait for room:state rather than read the acknowledgement.
                        toSocket.send(socketId, result.state());
                        if (speak && !result.state().you().role().onStage()) {
                            speakAfterJoin(me, c, p.roomId());
                        }
                    }
                    return result;
                })
                .on(Events.LEAVE, (c, s, p) -> done(() -> live.leave(c, p.roomId())))
                .on(Events.SPEAK_REQUEST, (c, s, p) -> me.speakRequest(c, p.roomId()))
                .on(Events.HAND_RAISE, (c, s, p) -> done(() -> me.raiseHand(c, p.roomId())))
                .on(Events.HAND_LOWER, (c, s, p) -> done(() -> me.lowerHand(c, p.roomId())))
                .on(Events.MUTE_TOGGLE, (c, s, p) -> done(() -> me.muteSelf(c, p.roomId(), p.muted())))
                .on(Events.SPEAKING, (c, s, p) -> done(() -> me.speaking(c, p.roomId(), p.speaking())))
                .on(Events.PROMOTE, (c, s, p) -> done(() -> mod.promote(c, p.roomId(), p.userId())))
                .on(Events.SPEAK_INVITE, (c, s, p) -> done(() -> stage.invite(c, p.roomId(), p.userId())))
                .on(Events.SPEAK_ANSWER, (c, s, p) -> done(() -> stage.answer(c, p.roomId(), p.accept())))
                .on(Events.DEMOTE, (c, s, p) -> done(() -> mod.demote(c, p.roomId(), p.userId())))
                .on(Events.MUTE, (c, s, p) -> done(() -> mod.mute(c, p.roomId(), p.userId(), p.reason())))
                .on(Events.KICK, (c, s, p) -> done(() -> mod.kick(c, p.roomId(), p.userId(), p.reason())))
                .on(Events.BAN, (c, s, p) -> done(() -> mod.ban(c, p.roomId(), p.userId(), p.reason())))
                .on(Events.UNBAN, (c, s, p) -> done(() -> mod.unban(c, p.roomId(), p.userId())))
                .on(Events.MAKE_MODERATOR, (c, s, p) -> done(() -> mod.makeModerator(c, p.roomId(), p.userId())))
                .on(Events.REMOVE_MODERATOR, (c, s, p) -> done(() -> mod.removeModerator(c, p.roomId(), p.userId())))
                .on(Events.HAND_DENY, (c, s, p) -> done(() -> mod.denyHand(c, p.roomId(), p.userId())))
                .on(Events.JOIN_APPROVE, (c, s, p) -> done(() -> mod.approveJoin(c, p.roomId(), p.userId())))
                .on(Events.JOIN_DENY, (c, s, p) -> done(() -> mod.denyJoin(c, p.roomId(), p.userId())))
                .on(Events.INVITE, (c, s, p) -> done(() -> mod.invite(c, p.roomId(), p.userId())))
                .on(Events.END, (c, s, p) -> done(() -> mod.end(c, p.roomId())))
                .on(Events.CHAT, (c, s, p) -> Map.of("message", me.chat(c, p.roomId(), p.text())))
                .on(Events.CHAT_DELETE, (c, s, p) -> done(() -> me.deleteChat(c, p.roomId(), p.messageId())))
                .on(Events.REACTION, (c, s, p) -> Map.of("reaction", me.react(c, p.roomId(), p.emoji())))
                .on(Events.OFFER, (c, s, p) -> done(() -> me.relaySdp(c, Events.RELAYED_OFFER, p)))
                .on(Events.ANSWER, (c, s, p) -> done(() -> me.relaySdp(c, Events.RELAYED_ANSWER, p)))
                .on(Events.ICE_CANDIDATE, (c, s, p) -> done(() -> me.relayCandidate(c, p)));
    }

    /** The seed's requested role: listener (or none) to listen, speaker to ask to speak once inside. */
    private static boolean wantsToSpeak(JoinRoom join) {
        if (join.role() == null || JoinRoom.LISTENER.equals(join.role())) {
            return false;
        }
        if (JoinRoom.SPEAKER.equals(join.role())) {
            return true;
        }
        throw new ApiException(ErrorCode.VALIDATION_FAILED, "role must be listener or speaker", "role");
    }

    private static void speakAfterJoin(MemberActions me, Caller caller, String roomId) {
        try {
            me.speakRequest(caller, roomId);
        } catch (ApiException e) {
            // Joined all the same: a room without hands or seats leaves the joiner listening.
            LOG.debug("Speak request on joining {} refused: {}", roomId, e.error().code());
        }
    }

    /** Sends the room state to one socket. */
    @FunctionalInterface
    interface StateToSocket {
        void send(String socketId, org.voicerooms.model.live.Payloads.RoomState state);
    }

    private static Object done(Runnable action) {
        action.run();
        return null;
    }

    private void connected(SocketIoSocket socket) {
        // Runs under the library's namespace-wide lock: the caller the packet guard proved is taken, not re-verified.
        Caller proven = guard.takeCaller(engineId(socket));
        Caller caller;
        try {
            caller = proven != null ? proven : handshakes.caller(socket.getConnectData());
        } catch (ApiException e) {
            // The guard refuses bad handshakes before this point; this only catches a token that expired between.
            socket.disconnect(false);
            guard.closed(engineId(socket));
            return;
        }
        outbox.connected(socket, caller.userId());
        trackSession(caller.session(), socket);
        socket.registerAllEventListener((name, args) -> dispatcher.dispatch(socket, caller, name, args));
        socket.on("disconnect", args -> {
            guard.closed(engineId(socket));
            untrackSession(caller.session(), socket);
            outbox.disconnected(socket);
            try {
                seats.closed(caller.userId(), socket.getId());
            } catch (RuntimeException e) {
                LOG.error("Cleaning up after {} disconnected failed", caller.userId(), e);
            }
        });
        LOG.debug("{} connected as socket {}", caller.userId(), socket.getId());
    }

    static String engineId(SocketIoSocket socket) {
        return socket.getClient().getConnection().getId();
    }

    private void trackSession(String session, SocketIoSocket socket) {
        if (session != null) {
            sockets.computeIfAbsent(session, k -> ConcurrentHashMap.newKeySet()).add(socket);
        }
    }

    private void untrackSession(String session, SocketIoSocket socket) {
        if (session != null) {
            sockets.computeIfPresent(session, (k, set) -> {
                set.remove(socket);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Closes every connection made with a token of {@code session}, a sign-in that was just revoked. */
    public void closeSession(String session) {
        Set<SocketIoSocket> open = sockets.remove(session);
        if (open != null) {
            open.forEach(socket -> socket.disconnect(true));
            LOG.info("Closed {} connection(s) of revoked sign-in", open.size());
        }
    }

    /**
     * Maps the websocket endpoint on Jetty's websocket container and long-polling as a filter in front of it. A
     * frame up to twice the body limit gets a typed PAYLOAD_TOO_LARGE from the packet guard and the connection lives
     * on; only larger ones close it, as a protocol violation.
     */
    public void register(JavalinConfig cfg) {
        cfg.jetty.modifyServletContextHandler(handler -> {
            JettyEngineSocket.install(handler, PATH + "*", engine, guard, addresses, outboundLimits,
                    2L * maxBodyBytes);
            FilterHolder polling = new FilterHolder(new PollingFilter(engine, guard, addresses,
                    maxConnectionsPerAddress, maxBodyBytes));
            polling.setAsyncSupported(true);
            handler.addFilter(polling, PATH + "*", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    /**
     * Sends an event to every open connection of {@code userId}, in a room or not (friend changes and other news for
     * one person). Never blocks.
     */
    public <T> void toUser(String userId, org.voicerooms.model.live.Event<T> event, T payload) {
        outbox.toUser(userId, event, payload);
    }

    /** Open realtime connections. */
    public int connections() {
        return outbox.connections();
    }

    @Override
    public void close() {
        subscriptions.forEach(LiveBus.Subscription::close);
        engine.shutdown();
        pingTimers.shutdownNow();
    }
}
