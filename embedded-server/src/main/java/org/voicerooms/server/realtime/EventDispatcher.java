package org.voicerooms.server.realtime;

import io.socket.socketio.server.SocketIoSocket;
import io.socket.socketio.server.SocketIoSocket.ReceivedByLocalAcknowledgementCallback;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.JsonBodies;
import org.voicerooms.server.live.RateLimits;

/**
 * Routes each client → server event to its handler by the {@link Events} registry and answers the acknowledgement
 * {@code {"ok": true, ...}} or {@code {"ok": false, "error": {...}}}. Nothing a client sends can end its session
 * here: unknown events, bad payloads, rule violations and floods all become typed errors (sent as an {@code error}
 * event when the client asked for no acknowledgement). Runs on the connection's transport thread.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    /** A handler: the acknowledgement's extra fields (a record, or null for none). */
    @FunctionalInterface
    interface Handler<T> {
        Object handle(Caller caller, String socketId, T payload);
    }

    private final Map<String, Registered<?>> handlers = new HashMap<>();
    private final JsonBodies bodies;
    private final WireJson json;
    private final RateLimits floods;

    private record Registered<T>(Event<T> event, Handler<T> handler) {
        Object run(Caller caller, String socketId, JsonBodies bodies, JSONObject payload) {
            T parsed = bodies.parse(payload.toString().getBytes(StandardCharsets.UTF_8), event.payload());
            return handler.handle(caller, socketId, parsed);
        }
    }

    EventDispatcher(JsonBodies bodies, WireJson json, RateLimits floods) {
        this.bodies = bodies;
        this.json = json;
        this.floods = floods;
    }

    <T> EventDispatcher on(Event<T> event, Handler<T> handler) {
        if (!event.fromClient()) {
            throw new IllegalArgumentException(event.name() + " is not a client → server event");
        }
        handlers.put(event.name(), new Registered<>(event, handler));
        return this;
    }

    /** Client → server events without a handler; empty once every event is wired. */
    java.util.List<String> unhandled() {
        return Events.all().values().stream().filter(Event::fromClient).map(Event::name)
                .filter(name -> !handlers.containsKey(name)).toList();
    }

    /** Handles one event as received from the socket.io library (the acknowledgement, if any, comes last). */
    void dispatch(SocketIoSocket socket, Caller caller, String name, Object[] args) {
        ReceivedByLocalAcknowledgementCallback ack = null;
        Object[] payload = args;
        if (args.length > 0 && args[args.length - 1] instanceof ReceivedByLocalAcknowledgementCallback callback) {
            ack = callback;
            payload = Arrays.copyOf(args, args.length - 1);
        }
        MDC.put("userId", caller.userId());
        try {
            JSONObject answer;
            try {
                answer = json.ok(handle(socket, caller, name, payload));
            } catch (ApiException e) {
                LOG.debug("{} refused: {}", name, e.error().code());
                answer = refusal(socket, ack, e.error());
            } catch (RuntimeException e) {
                LOG.error("{} failed", name, e);
                answer = refusal(socket, ack, ApiError.of(ErrorCode.INTERNAL_ERROR));
            }
            if (ack != null && answer != null) {
                ack.sendAcknowledgement(answer);
            }
        } finally {
            MDC.remove("userId");
            MDC.remove("roomId");
        }
    }

    private Object handle(SocketIoSocket socket, Caller caller, String name, Object[] payload) {
        // Keyed by the engine.io connection and by the user, not by the socket: new sockets on one connection or
        // new connections of one user would each bring a fresh budget.
        if (!floods.tryTake("c:" + SocketTransport.engineId(socket)) || !floods.tryTake("u:" + caller.userId())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "too many events; slow down");
        }
        Registered<?> registered = handlers.get(name);
        if (registered == null) {
            throw new ApiException(ErrorCode.UNKNOWN_EVENT, "unknown event '" + abbreviate(name) + "'");
        }
        if (payload.length != 1 || !(payload[0] instanceof JSONObject object)) {
            throw new ApiException(ErrorCode.BAD_REQUEST, name + " takes one JSON object as its payload");
        }
        Object roomId = object.opt("roomId");
        if (roomId instanceof String id) {
            MDC.put("roomId", abbreviate(id));
        }
        return registered.run(caller, socket.getId(), bodies, SeedShapes.normalize(name, object));
    }

    /** The failed acknowledgement, or, without one, an {@code error} event and null. */
    private JSONObject refusal(SocketIoSocket socket, ReceivedByLocalAcknowledgementCallback ack, ApiError error) {
        if (ack != null) {
            return json.failed(error);
        }
        socket.send(Events.ERROR.name(), json.errorBody(error));
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 64 ? s : s.substring(0, 64) + "…";
    }
}
