package org.voicerooms.server.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorBody;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.server.http.Caller;

/**
 * Looks at every Socket.IO packet a client sends before the socket.io library parses it (socket.io-server 4.1 has
 * no middleware, so this listens on each engine.io connection first and may swap the packet for one the library
 * ignores). What it refuses, each answered with a typed error (a CONNECT_ERROR, a failed acknowledgement or an
 * {@code error} event) and never passed on:
 * <ul>
 *   <li>a CONNECT whose auth is not a small flat JSON object or whose token is not valid ({@link HandshakeGuard});
 *       an accepted CONNECT is rewritten so the library only parses text this server wrote;</li>
 *   <li>a second CONNECT for the namespace this connection already has open (each one would otherwise make a new
 *       socket and orphan the previous, with its own flood budget);</li>
 *   <li>a CONNECT past the per-user socket cap;</li>
 *   <li>binary packets and frames: not part of the protocol, and the library would buffer attachments without
 *       bound;</li>
 *   <li>JSON nested deeper than {@link #MAX_DEPTH} (no event payload is deeper than four levels), and event or
 *       acknowledgement data that is not one well-formed JSON array (the library closes the connection on
 *       those).</li>
 * </ul>
 * It also counts open engine.io connections per client address for the per-address cap.
 */
final class PacketGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PacketGuard.class);
    /** Deepest JSON nesting of any client packet, the event array included. */
    static final int MAX_DEPTH = 16;
    /** A DISCONNECT for a namespace that does not exist: the library drops it whatever the connection's state. */
    private static final String IGNORED = "1/-,";

    private final HandshakeGuard handshakes;
    private final ObjectMapper mapper;
    private final ToIntFunction<String> socketsOfUser;
    private final int maxSocketsPerUser;
    private final int maxConnectionsPerAddress;
    private final int maxPacketChars;
    /** Engine connections that have the default namespace open (or a CONNECT for it on the way). */
    private final Set<String> open = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final Map<String, String> addressOf = new ConcurrentHashMap<>();
    /**
     * The caller each accepted CONNECT proved, by engine connection, until the transport takes it: the library
     * announces a new socket while holding its namespace-wide lock, so the token is not verified a second time
     * there, where every other connect would wait for it.
     */
    private final Map<String, Caller> proven = new ConcurrentHashMap<>();
    /** The client address of the connection being opened on this thread (set by the transport's entry points). */
    private final ThreadLocal<String> opening = new ThreadLocal<>();
    /** Streams through a packet without building it: checks well-formedness only. */
    private final JsonFactory strict = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .build();

    PacketGuard(HandshakeGuard handshakes, ObjectMapper mapper, ToIntFunction<String> socketsOfUser,
                int maxSocketsPerUser, int maxConnectionsPerAddress, int maxPacketChars) {
        this.maxPacketChars = maxPacketChars;
        this.handshakes = handshakes;
        this.mapper = mapper;
        this.socketsOfUser = socketsOfUser;
        this.maxSocketsPerUser = maxSocketsPerUser;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
    }

    /** Must run before {@code new SocketIoServer(engine)} so that this listener sees each packet first. */
    void install(EngineIoServer engine) {
        engine.on("connection", args -> {
            EngineIoSocket socket = (EngineIoSocket) args[0];
            String address = opening.get();
            if (address != null) {
                addressOf.put(socket.getId(), address);
                AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
                count.incrementAndGet();
                socket.on("close", closeArgs -> {
                    if (count.decrementAndGet() <= 0) {
                        perAddress.remove(address, count);
                    }
                });
            }
            socket.on("close", closeArgs -> {
                open.remove(socket.getId());
                addressOf.remove(socket.getId());
                proven.remove(socket.getId());
            });
            socket.on("data", (s, data) -> inspect(socket, data));
        });
    }

    /**
     * Runs {@code open} (which may open an engine.io connection on this thread) on behalf of {@code address}, or
     * answers RATE_LIMITED when that address already holds the most connections allowed.
     */
    void opening(String address, Runnable open) {
        AtomicInteger count = perAddress.get(address);
        if (count != null && count.get() >= maxConnectionsPerAddress) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "at most " + maxConnectionsPerAddress
                    + " realtime connections from one address");
        }
        opening.set(address);
        try {
            open.run();
        } finally {
            opening.remove();
        }
    }

    /** The caller the CONNECT on engine connection {@code engineId} proved, once; null if none is waiting. */
    Caller takeCaller(String engineId) {
        return proven.remove(engineId);
    }

    /** The default namespace's socket of this engine connection closed: a new CONNECT may follow. */
    void closed(String engineId) {
        open.remove(engineId);
    }

    /** The client address of an open engine.io connection ("unknown" if it has closed). */
    String addressOf(String engineId) {
        String address = engineId == null ? null : addressOf.get(engineId);
        return address == null ? "unknown" : address;
    }

    /** Open engine.io connections from {@code address}. */
    int connectionsFrom(String address) {
        AtomicInteger count = perAddress.get(address);
        return count == null ? 0 : count.get();
    }

    private void inspect(EngineIoSocket socket, Object[] data) {
        if (data.length == 0) {
            return;
        }
        if (!(data[0] instanceof String text) || text.isEmpty()) {
            data[0] = IGNORED;
            answer(socket, "", "/", new ApiError(ErrorCode.BAD_REQUEST, "binary frames are not part of the protocol",
                    null));
            return;
        }
        String namespace = namespace(text);
        ApiError refusal;
        if (text.length() > maxPacketChars && text.charAt(0) != '0') {
            data[0] = IGNORED;
            answer(socket, text, namespace, new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "at most " + maxPacketChars
                    + " characters per message", null));
            return;
        }
        switch (text.charAt(0)) {
            case '0' -> {
                data[0] = connect(socket, text, namespace);
                return;
            }
            case '5', '6' -> refusal = new ApiError(ErrorCode.BAD_REQUEST,
                    "binary packets are not part of the protocol", null);
            case '2', '3' -> refusal = deeperThan(text, MAX_DEPTH) ? new ApiError(ErrorCode.BAD_REQUEST,
                    "the payload is nested more than " + MAX_DEPTH + " levels deep", null) : malformed(text);
            default -> refusal = null;
        }
        if (refusal != null) {
            data[0] = IGNORED;
            answer(socket, text, namespace, refusal);
        }
    }

    /** The packet the library gets for a CONNECT: the canonical one, or {@link #IGNORED} after a refusal. */
    private String connect(EngineIoSocket socket, String text, String namespace) {
        boolean main = "/".equals(namespace);
        try {
            if (main && open.contains(socket.getId())) {
                throw new ApiException(ErrorCode.CONFLICT, "this connection already has a session open; "
                        + "disconnect it before connecting again");
            }
            String token = handshakes.tokenOf(text);
            Caller caller = handshakes.verify(token);
            if (socketsOfUser.applyAsInt(caller.userId()) >= maxSocketsPerUser) {
                throw new ApiException(ErrorCode.RATE_LIMITED, "at most " + maxSocketsPerUser
                        + " realtime connections per user");
            }
            if (main) {
                open.add(socket.getId());
                proven.put(socket.getId(), caller);
            }
            return handshakes.canonical(namespace, token);
        } catch (ApiException e) {
            refuseConnect(socket, namespace, e.error());
            return IGNORED;
        }
    }

    private void refuseConnect(EngineIoSocket socket, String namespace, ApiError error) {
        ObjectNode body = mapper.createObjectNode();
        body.put("message", error.code().name() + ": " + error.message());
        body.set("data", mapper.valueToTree(error));
        send(socket, "4" + prefix(namespace) + body);
        LOG.info("Refused a realtime connection from engine socket {}: {} ({})", socket.getId(), error.code(),
                error.message());
    }

    /** A failed acknowledgement when the packet asked for one, otherwise an {@code error} event. */
    private void answer(EngineIoSocket socket, String text, String namespace, ApiError error) {
        String ackId = ackId(text);
        try {
            if (ackId != null) {
                ObjectNode failed = mapper.createObjectNode();
                failed.put("ok", false);
                failed.set("error", mapper.valueToTree(error));
                send(socket, "3" + prefix(namespace) + ackId + "[" + mapper.writeValueAsString(failed) + "]");
            } else if (open.contains(socket.getId())) {
                send(socket, "2" + prefix(namespace) + mapper.writeValueAsString(
                        new Object[] {Events.ERROR.name(), new ErrorBody(error)}));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LOG.debug("Refused a packet from engine socket {}: {}", socket.getId(), error.message());
    }

    private static void send(EngineIoSocket socket, String packet) {
        socket.send(new Packet<>(Packet.MESSAGE, packet));
    }

    private static String prefix(String namespace) {
        return "/".equals(namespace) ? "" : namespace + ",";
    }

    static String namespace(String packet) {
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',');
            return comma < 0 ? packet.substring(1) : packet.substring(1, comma);
        }
        return "/";
    }

    /** The acknowledgement id of an EVENT packet ({@code 2[/nsp,]<id>[...]}), or null. */
    static String ackId(String packet) {
        if (packet.isEmpty() || packet.charAt(0) != '2') {
            return null;
        }
        int i = 1;
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',');
            if (comma < 0) {
                return null;
            }
            i = comma + 1;
        }
        int start = i;
        while (i < packet.length() && i - start < 10 && Character.isDigit(packet.charAt(i))) {
            i++;
        }
        return i > start ? packet.substring(start, i) : null;
    }

    /**
     * Why an EVENT or ACK packet's data is not one well-formed JSON array, or null if it is. The library's parser
     * answers a malformed packet by closing the whole connection; checked here, it costs the sender one error.
     */
    private ApiError malformed(String packet) {
        int i = 1;
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',');
            i = comma < 0 ? packet.length() : comma + 1;
        }
        while (i < packet.length() && Character.isDigit(packet.charAt(i))) {
            i++;
        }
        try (JsonParser parser = strict.createParser(packet.substring(i))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return new ApiError(ErrorCode.BAD_REQUEST, "an event must be a JSON array [name, payload]", null);
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return new ApiError(ErrorCode.BAD_REQUEST, "malformed JSON: text after the event", null);
            }
            return null;
        } catch (IOException e) {
            return new ApiError(ErrorCode.BAD_REQUEST, "malformed JSON", null);
        }
    }

    /** Whether brackets outside strings nest deeper than {@code limit}; one pass, no allocation. */
    static boolean deeperThan(String text, int limit) {
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '[' || c == '{') {
                if (++depth > limit) {
                    return true;
                }
            } else if (c == ']' || c == '}') {
                depth--;
            }
        }
        return false;
    }
}
