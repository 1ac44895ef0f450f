package org.voicerooms.server.realtime;

import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoWebSocket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * One websocket of engine.io carried by Javalin's (Jetty 12) websocket: frames in become engine.io "message"
 * events, engine.io writes become frames out. Jetty queues concurrent sends, so writes from room threads are safe.
 */
final class JavalinEngineSocket extends EngineIoWebSocket {

    private static final String ATTRIBUTE = "voicerooms.engine-socket";

    private final WsContext ctx;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;

    private JavalinEngineSocket(WsContext ctx) {
        this.ctx = ctx;
        this.query = new HashMap<>();
        ctx.queryParamMap().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        this.headers = new HashMap<>();
        ctx.headerMap().forEach((k, v) -> headers.put(k, List.of(v)));
    }

    /** Wires a Javalin websocket route to {@code engine}. */
    static void bind(WsConfig ws, EngineIoServer engine) {
        ws.onConnect(ctx -> {
            ctx.session.setIdleTimeout(java.time.Duration.ofMinutes(2));
            JavalinEngineSocket socket = new JavalinEngineSocket(ctx);
            ctx.attribute(ATTRIBUTE, socket);
            engine.handleWebSocket(socket);
        });
        ws.onMessage(ctx -> of(ctx).emit("message", ctx.message()));
        ws.onBinaryMessage(ctx -> {
            ByteBuffer data = ctx.data();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            of(ctx).emit("message", (Object) bytes);
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

    private static JavalinEngineSocket of(WsContext ctx) {
        JavalinEngineSocket socket = ctx.attribute(ATTRIBUTE);
        if (socket == null) {
            throw new IllegalStateException("websocket message before connect");
        }
        return socket;
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
        ctx.session.sendText(message, Callback.NOOP);
    }

    @Override
    public void write(byte[] message) {
        ctx.session.sendBinary(ByteBuffer.wrap(message), Callback.NOOP);
    }

    @Override
    public void close() {
        ctx.session.close();
    }
}
