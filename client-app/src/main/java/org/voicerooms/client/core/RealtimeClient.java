package org.voicerooms.client.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Event;

/**
 * The Socket.IO connection to the room server over websocket: token auth at the handshake (a fresh token on every
 * reconnect, renewed first when it is about to expire, and once more when the server refuses it as expired), typed
 * events from the shared registry, acknowledged calls as futures with a timeout, and automatic
 * reconnection with backoff (0.5 s doubling to 5 s, with jitter). Callbacks run on the socket's event thread.
 */
public final class RealtimeClient implements RoomChannel, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeClient.class);

    /** Connection changes, for sessions and UIs. */
    public interface ConnectionListener {
        default void connected() {
        }

        /** The connection dropped; {@code willRetry} false after {@link #close()} or a refused handshake. */
        default void disconnected(String reason, boolean willRetry) {
        }

        /** The server refused the handshake (bad or expired token) or could not be reached. */
        default void refused(ApiError error) {
        }
    }

    /** Where the handshake's access token comes from. */
    public interface TokenSource {
        /** A token for the next handshake; may renew it first, so it may block on the network. */
        String fresh();

        /** A token to try after the server refused {@code refused} as expired; null or the same when there is none. */
        String renewed(String refused);
    }

    private final ObjectMapper mapper;
    private final Socket socket;
    private final Map<String, String> auth = new ConcurrentHashMap<>();
    private final TokenSource tokens;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final Duration timeout;
    private volatile boolean closed;
    private volatile io.socket.engineio.client.Transport transport;

    /** A client whose tokens come from {@code token} as they are, never renewed. */
    public RealtimeClient(URI server, Supplier<String> token, OkHttpClient http, ObjectMapper mapper,
                          Duration ackTimeout) {
        this(server, new TokenSource() {
            @Override
            public String fresh() {
                return token.get();
            }

            @Override
            public String renewed(String refused) {
                return null;
            }
        }, http, mapper, ackTimeout);
    }

    public RealtimeClient(URI server, TokenSource tokens, OkHttpClient http, ObjectMapper mapper,
                          Duration ackTimeout) {
        // A newer server may add fields; an older app on the same network must still read its events.
        this.mapper = mapper.copy().disable(com.fasterxml.jackson.databind.DeserializationFeature
                .FAIL_ON_UNKNOWN_PROPERTIES);
        this.tokens = tokens;
        this.timeout = ackTimeout;
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"})
                .setReconnection(true).setReconnectionDelay(500).setReconnectionDelayMax(5000)
                .setRandomizationFactor(0.3).setTimeout(10_000).setForceNew(true).setAuth(auth).build();
        options.callFactory = http;
        options.webSocketFactory = http;
        this.socket = IO.socket(server, options);
        socket.on(Socket.EVENT_CONNECT, a -> listeners.forEach(ConnectionListener::connected));
        socket.on(Socket.EVENT_DISCONNECT, a -> {
            String reason = a.length > 0 ? String.valueOf(a[0]) : "unknown";
            // "io server disconnect" means the server closed us on purpose: socket.io does not retry that.
            boolean retry = !closed && !"io server disconnect".equals(reason) && !"io client disconnect".equals(reason);
            listeners.forEach(l -> l.disconnected(reason, retry));
        });
        socket.on(Socket.EVENT_CONNECT_ERROR, a -> {
            ApiError error = connectError(a.length > 0 ? a[0] : null);
            if (error.code() == ErrorCode.TOKEN_EXPIRED && retryWithRenewedToken()) {
                return;
            }
            listeners.forEach(l -> l.refused(error));
        });
        socket.io().on(Manager.EVENT_RECONNECT_ATTEMPT, a -> putFreshToken());
        socket.io().on(Manager.EVENT_TRANSPORT, a -> transport = (io.socket.engineio.client.Transport) a[0]);
    }

    /** A client with a 10 s acknowledgement timeout on the {@link ApiClient}'s connection pool and token. */
    public static RealtimeClient of(ApiClient api) {
        return new RealtimeClient(api.server(), new TokenSource() {
            @Override
            public String fresh() {
                return api.freshToken();
            }

            @Override
            public String renewed(String refused) {
                return api.renewedToken(refused);
            }
        }, api.http(), api.mapper(), Duration.ofSeconds(10));
    }

    @Override
    public void addListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(ConnectionListener listener) {
        listeners.remove(listener);
    }

    /** A handler registered with {@link #on}; closing it removes the handler (idempotent). */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Starts connecting; progress arrives through the listeners. */
    public void connect() {
        putFreshToken();
        socket.connect();
    }

    /** Puts a token good for a while in the handshake; on failure (server unreachable, signed out) the one there. */
    private void putFreshToken() {
        try {
            String token = tokens.fresh();
            if (token != null) {
                auth.put("token", token);
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the access token before connecting: {}", e.getMessage());
        }
    }

    /** The server found the token expired (the clocks disagree): renew it once and connect again. */
    private boolean retryWithRenewedToken() {
        String refused = auth.get("token");
        String renewed;
        try {
            renewed = closed ? null : tokens.renewed(refused);
        } catch (RuntimeException e) {
            LOG.warn("Could not renew the expired access token: {}", e.getMessage());
            return false;
        }
        if (renewed == null || renewed.equals(refused)) {
            return false;
        }
        auth.put("token", renewed);
        socket.connect();
        return true;
    }

    /** Connects and waits until the server took the socket; false if it had not within {@code timeout}. */
    public boolean connectAndWait(Duration timeout) throws InterruptedException {
        CountDownLatch up = new CountDownLatch(1);
        ConnectionListener waiting = new ConnectionListener() {
            @Override
            public void connected() {
                up.countDown();
            }
        };
        addListener(waiting);
        try {
            connect();
            return up.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            listeners.remove(waiting);
        }
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    public boolean connected() {
        return socket.connected();
    }

    /** The socket id the server knows this connection by; null while disconnected. */
    public String socketId() {
        return socket.id();
    }

    /**
     * Handles a server → client event, parsed into its record; bad payloads are logged and dropped. Close the
     * returned subscription when the handler's owner goes (a room left), or it keeps running for the connection's
     * whole life.
     */
    @Override
    public <T> Subscription on(Event<T> event, Consumer<T> handler) {
        io.socket.emitter.Emitter.Listener listener = args -> {
            try {
                handler.accept(mapper.readValue(String.valueOf(args[0]), event.payload()));
            } catch (Exception e) {
                LOG.warn("Dropped {} the client could not handle", event.name(), e);
            }
        };
        socket.on(event.name(), listener);
        return () -> socket.off(event.name(), listener);
    }

    /**
     * Builds the readers of every server → client event and of the join answer now (blocking; call it in the
     * background after connecting). Built on first use instead, they cost a few hundred ms of a room's first join,
     * on the event thread, in front of the first audio offer.
     */
    public void prepareReaders() {
        long start = System.nanoTime();
        for (Event<?> event : org.voicerooms.model.live.Events.all().values()) {
            if (!event.fromClient()) {
                mapper.canDeserialize(mapper.constructType(event.payload()));
            }
        }
        mapper.canDeserialize(mapper.constructType(org.voicerooms.model.live.Payloads.JoinResult.class));
        LOG.info("Event readers ready in {} ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** How many handlers {@code event} has now (tests check that closed sessions leave none behind). */
    public int handlers(Event<?> event) {
        return socket.listeners(event.name()).size();
    }

    /**
     * Sends a client → server event and completes with the acknowledgement's body, or fails with the server's
     * typed error, or with SERVICE_UNAVAILABLE after the timeout.
     */
    @Override
    public <P> CompletableFuture<JsonNode> call(Event<P> event, P payload) {
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        JSONObject body;
        try {
            body = new JSONObject(mapper.writeValueAsString(payload));
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
        socket.emit(event.name(), new Object[] {body}, (Ack) args -> {
            try {
                JsonNode ack = mapper.readTree(String.valueOf(args[0]));
                if (ack.path("ok").asBoolean()) {
                    result.complete(ack);
                } else {
                    result.completeExceptionally(new ApiException(mapper.treeToValue(ack.path("error"),
                            ApiError.class)));
                }
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(failure -> {
            Throwable e = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
            if (e instanceof TimeoutException) {
                return CompletableFuture.failedFuture(new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                        event.name() + " got no answer within " + timeout.toSeconds() + " s"));
            }
            return CompletableFuture.failedFuture(e);
        });
    }

    /** Drops the connection as a network failure would (the client reconnects); for tests and "retry now". */
    public void dropConnection() {
        io.socket.engineio.client.Transport t = transport;
        if (t != null) {
            t.close();
        }
    }

    private ApiError connectError(Object arg) {
        if (arg instanceof JSONObject json) {
            JSONObject data = json.optJSONObject("data");
            if (data != null) {
                try {
                    return mapper.readValue(data.toString(), ApiError.class);
                } catch (Exception e) {
                    // fall through
                }
            }
            return new ApiError(ErrorCode.UNAUTHORIZED, json.optString("message", "refused"), null);
        }
        String message = arg instanceof Throwable t ? t.getMessage() : String.valueOf(arg);
        return new ApiError(ErrorCode.SERVICE_UNAVAILABLE, "cannot reach the server: " + message, null);
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
    }
}
