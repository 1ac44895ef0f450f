package org.voicerooms.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.json.JSONObject;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;

/**
 * A real socket.io-client-java connection for tests: connects with a token, emits events with acknowledgements as
 * futures, and records every server → client event so a test can wait for one. Payloads are Jackson trees.
 */
public final class LiveClient implements AutoCloseable {

    /** How long a test waits for an event or acknowledgement. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = Json.newMapper();

    /** One received server → client event; {@code seq} orders receipts across every client of the JVM. */
    public record Received(String event, JsonNode payload, long seq) {
    }

    /** Numbers every receipt of every client, so "after this call" compares across connections. */
    private static final AtomicLong RECEIPTS = new AtomicLong();
    /**
     * The receipt number when this thread last sent a call: {@link #await} accepts only events received after it,
     * so an event left over from an earlier step can never satisfy a later step's wait.
     */
    private static final ThreadLocal<Long> LAST_CALL = ThreadLocal.withInitial(() -> 0L);

    private final Socket socket;
    /** The transports asked for, named in failures: a test may fail over polling only. */
    private final String transports;
    private final List<Received> received = new ArrayList<>();
    private final CompletableFuture<JsonNode> connectError = new CompletableFuture<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();

    private LiveClient(String baseUrl, String token, boolean websocketOnly) {
        transports = websocketOnly ? "websocket" : "polling,websocket";
        IO.Options options = IO.Options.builder()
                .setAuth(token == null ? Map.of() : Map.of("token", token))
                .setReconnection(false)
                .setTransports(transports.split(","))
                .build();
        socket = IO.socket(URI.create(baseUrl), options);
        for (Event<?> event : Events.all().values()) {
            socket.on(event.name(), args -> record(event.name(), args));
        }
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectError.complete(tree(args.length > 0 ? args[0] : null)));
        socket.connect();
    }

    /**
     * Connects and waits until the server accepted the handshake. A third of the tests, chosen by
     * {@link #websocketOnlyFor}, connect with the library's default transports (long-polling, then the upgrade
     * to websocket) and the rest over websocket as the app does, so that the whole suite also runs over polling.
     */
    public static LiveClient connect(String baseUrl, String token) {
        return connect(baseUrl, token, websocketOnlyFor(testMethod()));
    }

    /**
     * False (default transports) for a third of the test methods: those whose {@code Class#method} name hashes to
     * 0 modulo 3. A name's {@link String#hashCode} is fixed by the JDK, so a test runs on the same transports on
     * every run and machine; a failure names the choice in its message.
     */
    static boolean websocketOnlyFor(String testMethod) {
        return Math.floorMod(testMethod.hashCode(), 3) != 0;
    }

    /** {@code Class#method} of the test (the nearest caller in a class named *IT or *Test) that connects. */
    private static String testMethod() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().endsWith("IT") || f.getClassName().endsWith("Test"))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "#" + f.getMethodName())
                .findFirst()
                .orElse("unknown"));
    }

    /** Connects over one transport choice and waits until the server accepted the handshake. */
    public static LiveClient connect(String baseUrl, String token, boolean websocketOnly) {
        LiveClient client = new LiveClient(baseUrl, token, websocketOnly);
        try {
            CompletableFuture.anyOf(client.connected, client.connectError).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            client.close();
            throw new AssertionError("no answer to the handshake within " + TIMEOUT + " over "
                    + client.transports, e);
        }
        if (!client.connected.isDone()) {
            JsonNode error = client.connectError.join();
            client.close();
            throw new AssertionError("connection refused over " + client.transports + ": " + error);
        }
        return client;
    }

    /** Tries to connect and returns the refusal's {@code data} ({@code {code, message}}); fails if accepted. */
    public static JsonNode refused(String baseUrl, String token) {
        LiveClient client = new LiveClient(baseUrl, token, true);
        try {
            JsonNode error = client.connectError.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (client.connected.isDone()) {
                throw new AssertionError("connected although the handshake should be refused");
            }
            return error.path("data");
        } catch (Exception e) {
            throw new AssertionError("no connect_error within " + TIMEOUT + " (connected: "
                    + client.connected.isDone() + ")", e);
        } finally {
            client.close();
        }
    }

    /** Emits {@code name} with a payload (a record, map or raw JSON object) and waits for the acknowledgement. */
    public JsonNode call(String name, Object payload) {
        mark();
        CompletableFuture<JsonNode> ack = new CompletableFuture<>();
        socket.emit(name, new Object[] {json(payload)}, (Ack) args -> ack.complete(tree(args.length > 0 ? args[0] : null)));
        try {
            return ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("no acknowledgement of " + name + " within " + TIMEOUT, e);
        }
    }

    /** Emits a client event and waits for its acknowledgement. */
    public <T> JsonNode call(Event<T> event, T payload) {
        return call(event.name(), payload);
    }

    /** Emits without asking for an acknowledgement (also a call: later waits see only what arrives after it). */
    public void emit(String name, Object... args) {
        mark();
        socket.emit(name, args);
    }

    /**
     * Marks now as the start of the next step on this thread: {@link #await} accepts only events received after
     * the latest mark. Every {@link #call} and {@link #emit} marks by itself; call this before an action that is not
     * a call of a LiveClient (a REST request, a server restart).
     */
    public static void mark() {
        LAST_CALL.set(RECEIPTS.get());
    }

    /**
     * Completes an acknowledged round trip on this connection, so every event the server sent this client before
     * answering it has arrived: the barrier in front of an absence check ("nobody else received X"). The call is
     * {@code room:leave} of a room that does not exist, which changes nothing and is answered like any event.
     */
    public void barrier() {
        long since = LAST_CALL.get();
        JsonNode ack = call(Events.LEAVE.name(), Map.of("roomId", "000000000000000000000000"));
        LAST_CALL.set(since); // the barrier is not a step of its own: waits still count from the action before it
        if (ack == null || ack.isNull() || (!ack.path("ok").asBoolean() && ack.path("error").isMissingNode())) {
            throw new AssertionError("the barrier got no proper answer: " + ack);
        }
    }

    /** The payloads of {@code event} received since the latest call on this thread, after a {@link #barrier}. */
    public List<JsonNode> receivedSinceLastCall(Event<?> event) {
        long since = LAST_CALL.get();
        barrier();
        synchronized (received) {
            return received.stream().filter(r -> r.seq() > since && r.event().equals(event.name()))
                    .map(Received::payload).toList();
        }
    }

    /**
     * Waits for a {@code event} whose payload matches and that arrived after the latest call (or {@link #mark}) on
     * this thread; earlier ones are history (see {@link #all}).
     */
    public JsonNode await(Event<?> event, Predicate<JsonNode> matching) {
        return awaitSince(LAST_CALL.get(), event, matching, TIMEOUT);
    }

    /** As {@link #await(Event, Predicate)}, waiting up to {@code timeout}. */
    public JsonNode await(Event<?> event, Predicate<JsonNode> matching, Duration timeout) {
        return awaitSince(LAST_CALL.get(), event, matching, timeout);
    }

    /** The receipt number now: with {@link #awaitSince}, a wait that spans several calls (a burst of them). */
    public static long receipts() {
        return RECEIPTS.get();
    }

    /** Waits for a matching {@code event} received after receipt number {@code since} (see {@link #receipts}). */
    public JsonNode awaitSince(long since, Event<?> event, Predicate<JsonNode> matching) {
        return awaitSince(since, event, matching, TIMEOUT);
    }

    private JsonNode awaitSince(long since, Event<?> event, Predicate<JsonNode> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (received) {
            while (true) {
                for (Received r : received) {
                    if (r.seq() > since && r.event().equals(event.name()) && matching.test(r.payload())) {
                        return r.payload();
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + event.name() + " matching within " + timeout + " over "
                            + transports + " after receipt #" + since + "; received " + received);
                }
                try {
                    received.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Waits for any {@code event}. */
    public JsonNode await(Event<?> event) {
        return await(event, p -> true);
    }

    /** The payloads of {@code event} received so far, whenever (history; not ordered against calls). */
    public List<JsonNode> all(Event<?> event) {
        synchronized (received) {
            return received.stream().filter(r -> r.event().equals(event.name())).map(Received::payload).toList();
        }
    }

    /** Forgets what was received. */
    public void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    public boolean isConnected() {
        return socket.connected();
    }

    /** The socket.io client, for tests of transport behaviour. */
    public Socket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.off();
        socket.disconnect();
        socket.close();
    }

    private void record(String event, Object[] args) {
        synchronized (received) {
            received.add(new Received(event, tree(args.length > 0 ? args[0] : null), RECEIPTS.incrementAndGet()));
            received.notifyAll();
        }
    }

    private static Object json(Object payload) {
        if (payload instanceof JSONObject || payload == null) {
            return payload;
        }
        try {
            String text = payload instanceof String s ? s : MAPPER.writeValueAsString(payload);
            return new JSONObject(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode tree(Object arg) {
        try {
            return arg == null ? MAPPER.nullNode() : MAPPER.readTree(arg.toString());
        } catch (Exception e) {
            return MAPPER.getNodeFactory().textNode(String.valueOf(arg));
        }
    }
}
