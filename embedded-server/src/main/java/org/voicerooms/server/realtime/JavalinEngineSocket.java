package org.voicerooms.server.realtime;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.server.http.ClientAddress;

/**
 * One websocket of engine.io carried by Javalin's (Jetty 12) websocket: frames in become engine.io "message"
 * events, engine.io writes become frames out through an {@link OutboundQueue}, which closes the connection when
 * the client reads too slowly. This is the edge of the realtime path: nothing thrown while handling one frame,
 * not even an {@link Error}, escapes into Jetty; the connection it came from is closed instead, so its memory is
 * released and every other connection carries on.
 */
final class JavalinEngineSocket extends EngineIoWebSocket {

    private static final Logger LOG = LoggerFactory.getLogger(JavalinEngineSocket.class);
    private static final String ATTRIBUTE = "voicerooms.engine-socket";

    private final WsContext ctx;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final OutboundQueue outbound;

    private JavalinEngineSocket(WsContext ctx, OutboundQueue.Limits limits) {
        this.ctx = ctx;
        this.query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        this.headers = new HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k, List.of(v)));
        this.outbound = new OutboundQueue(ctx.session, limits);
    }

    /** Wires a Javalin websocket route to {@code engine}. */
    static void bind(WsConfig ws, EngineIoServer engine, PacketGuard guard, ClientAddress addresses,
                     OutboundQueue.Limits limits) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(Duration.ofMinutes(2));
            JavalinEngineSocket socket = new JavalinEngineSocket(ctx, limits);
            ctx.attribute(ATTRIBUTE, socket);
            String address = addresses.of(peer(ctx.session.getRemoteSocketAddress()),
                    ctx.header(ClientAddress.FORWARDED_FOR));
            try {
                guard.opening(address, () -> engine.handleWebSocket(socket));
            } catch (ApiException e) {
                ctx.session.close(StatusCode.POLICY_VIOLATION, e.error().code().name(), Callback.NOOP);
            }
        });
        ws.onMessage(ctx -> deliver(ctx, ctx.message()));
        ws.onBinaryMessage(ctx -> {
            ByteBuffer data = ctx.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            deliver(ctx, bytes);
        });
        ws.onClose(ctx -> {
            JavalinEngineSocket socket = ctx.attribute(ATTRIBUTE);
            if (socket != null) {
                socket.emit("close");
            }
        });
        ws.onError(ctx -> {
            JavalinEngineSocket socket = ctx.attribute(ATTRIBUTE);
            if (socket != null) {
                Throwable error = ctx.error();
                socket.emit("error", "websocket error", error == null ? "unknown" : error.getMessage());
            }
        });
    }

    private static void deliver(WsContext ctx, Object message) {
        JavalinEngineSocket socket = ctx.attribute(ATTRIBUTE);
        if (socket == null) {
            ctx.session.close(StatusCode.PROTOCOL, "message before connect", Callback.NOOP);
            return;
        }
        try {
            socket.emit("message", message);
        } catch (RuntimeException | Error e) {
            // A StackOverflowError or OutOfMemoryError from one frame's handling must not take the Jetty thread's
            // loop with it nor leave this connection half-processed: drop the connection, keep the server.
            LOG.error("Closing websocket {} after a failure handling a frame", ctx.sessionId(), e);
            ctx.session.close(StatusCode.SERVER_ERROR, "INTERNAL_ERROR", Callback.NOOP);
        }
    }

    private static String peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
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
        ctx.session.close();
    }
}
