package org.voicerooms.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import java.util.function.Function;
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.server.http.Caller;

/**
 * Checks the token in a Socket.IO CONNECT packet ({@code auth: {token}}) before the socket.io library sees it.
 * socket.io-server 4.1 has no connection middleware, so this listens on every engine.io connection first: a
 * refused CONNECT is answered with a CONNECT_ERROR ({@code {"message", "data": {"code", "message"}}}, which
 * socket.io clients raise as {@code connect_error}) and replaced by a no-op packet, so the library never opens
 * the socket. The client may retry on the same connection with a fresh token.
 */
final class HandshakeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(HandshakeGuard.class);
    /** A DISCONNECT for a namespace the client is not in: the library ignores it. */
    private static final String NO_OP_PACKET = "1";

    private final Function<String, Caller> verifyToken;

    HandshakeGuard(Function<String, Caller> verifyToken) {
        this.verifyToken = verifyToken;
    }

    /** Must run before {@code new SocketIoServer(engine)} so that this listener sees each packet first. */
    void install(EngineIoServer engine) {
        engine.on("connection", args -> {
            EngineIoSocket socket = (EngineIoSocket) args[0];
            socket.on("data", (s, data) -> {
                if (data.length > 0 && data[0] instanceof String text && text.startsWith("0")) {
                    ApiError refusal = check(text);
                    if (refusal != null) {
                        data[0] = NO_OP_PACKET;
                        refuse(socket, namespace(text), refusal);
                    }
                }
            });
        });
    }

    /** The caller a CONNECT's auth data proves; the typed error otherwise. */
    Caller caller(Object connectData) {
        String token = null;
        if (connectData instanceof JSONObject auth) {
            token = auth.optString("token", null);
        }
        return verifyToken.apply(token);
    }

    private ApiError check(String connectPacket) {
        try {
            caller(authOf(connectPacket));
            return null;
        } catch (ApiException e) {
            return e.error();
        } catch (RuntimeException e) {
            return new ApiError(ErrorCode.UNAUTHORIZED, "the handshake could not be read", null);
        }
    }

    private static Object authOf(String packet) {
        int json = packet.indexOf('{');
        if (json < 0) {
            return null;
        }
        try {
            return new JSONObject(packet.substring(json));
        } catch (JSONException e) {
            return null;
        }
    }

    private static String namespace(String packet) {
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',');
            return comma < 0 ? packet.substring(1) : packet.substring(1, comma);
        }
        return "/";
    }

    private static void refuse(EngineIoSocket socket, String nsp, ApiError error) {
        JSONObject detail = new JSONObject();
        JSONObject body = new JSONObject();
        try {
            detail.put("code", error.code().name());
            detail.put("message", error.message());
            body.put("message", error.code().name() + ": " + error.message());
            body.put("data", detail);
        } catch (JSONException e) {
            throw new IllegalStateException(e);
        }
        String prefix = "/".equals(nsp) ? "" : nsp + ",";
        socket.send(new Packet<>(Packet.MESSAGE, "4" + prefix + body));
        LOG.info("Refused a realtime connection from engine socket {}: {}", socket.getId(), error.code());
    }
}
