package org.voicerooms.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.server.http.ClientAddress;

/**
 * One websocket of engine.io carried by a Jetty 12 websocket endpoint of its own: frames in become engine.io
 * "message" events, engine.io writes become frames out through an {@link OutboundQueue}, which closes the
 * connection when the client reads too slowly. This is the edge of the realtime path: nothing thrown while handling
 * one frame, not even an {@link Error}, escapes into Jetty; the connection it came from is closed instead, so its
 * memory is released and every other connection carries on.
 *
 * <p>What an idle connection keeps is only this object, its session and engine.io's and Socket.IO's state: the
 * endpoint is mapped on Jetty's websocket container directly (not through a Javalin websocket route, whose
 * connection object holds on to the whole upgrade request), it copies the query and the client address at the
 * upgrade and no headers, and it declines {@code permessage-deflate}, as the reference Socket.IO server does by
 * default: a compressor per connection costs far more memory than the small JSON frames of this protocol save.
 * Public only because Jetty calls the listener methods through method handles; nothing else uses it.
 */
public final class JettyEngineSocket extends EngineIoWebSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(JettyEngineSocket.class);
    /** A connection with no frame either way this long is closed; engine.io pings every 25 s. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(2);

    private final EngineIoServer engine;
    private final PacketGuard guard;
    private final OutboundQueue.Limits limits;
    private final Map<String, String> query;
    private final String address;
    private volatile Session session;
    private volatile OutboundQueue outbound;
    private volatile boolean opened;

    private JettyEngineSocket(EngineIoServer engine, PacketGuard guard, OutboundQueue.Limits limits,
                              Map<String, String> query, String address) {
        this.engine = engine;
        this.guard = guard;
        this.limits = limits;
        this.query = query;
        this.address = address;
    }

    /**
     * Maps websocket upgrades of {@code path} on {@code handler}'s websocket container to {@code engine};
     * {@code maxMessageBytes} is the largest frame a client may send before its connection is closed.
     */
    static void install(ServletContextHandler handler, String path, EngineIoServer engine, PacketGuard guard,
                        ClientAddress addresses, OutboundQueue.Limits limits, long maxMessageBytes) {
        JettyWebSocketServletContainerInitializer.configure(handler, (context, container) -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(maxMessageBytes);
            container.setMaxBinaryMessageSize(maxMessageBytes);
            container.addMapping(path, (request, response) -> {
                response.setExtensions(List.of());
                return new JettyEngineSocket(engine, guard, limits, query(request),
                        addresses.of(peer(request.getRemoteSocketAddress()),
                                request.getHeader(ClientAddress.FORWARDED_FOR)));
            });
        });
    }

    private static Map<String, String> query(JettyServerUpgradeRequest request) {
        Map<String, String> query = new HashMap<>(4);
        request.getParameterMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        return query;
    }

    private static String peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        this.session = opened;
        this.outbound = new OutboundQueue(opened, limits);
        try {
            guard.opening(address, () -> {
                this.opened = true;
                engine.handleWebSocket(this);
            });
        } catch (ApiException e) {
            opened.close(StatusCode.POLICY_VIOLATION, e.error().code().name(), Callback.NOOP);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        deliver(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer data, Callback callback) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        callback.succeed();
        deliver(bytes);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        try {
            if (opened) {
                emit("close");
            }
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketError(Throwable error) {
        if (opened) {
            emit("error", "websocket error", error == null ? "unknown" : error.getMessage());
        }
    }

    private void deliver(Object message) {
        if (!opened) {
            session.close(StatusCode.PROTOCOL, "message before connect", Callback.NOOP);
            return;
        }
        try {
            emit("message", message);
        } catch (RuntimeException | Error e) {
            // A StackOverflowError or OutOfMemoryError from one frame's handling must not take the Jetty thread's
            // loop with it nor leave this connection half-processed: drop the connection, keep the server.
            LOG.error("Closing websocket from {} after a failure handling a frame", address, e);
            session.close(StatusCode.SERVER_ERROR, "INTERNAL_ERROR", Callback.NOOP);
        }
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    /** None are kept: engine.io only hands them to a handshake interceptor, and this server installs none. */
    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return Map.of();
    }

    @Override
    public void write(String message) {
        outbound.send(message);
    }

    @Override
    public void write(byte[] message) {
        outbound.send(message);
    }

    @Override
    public void close() {
        session.close();
    }
}
