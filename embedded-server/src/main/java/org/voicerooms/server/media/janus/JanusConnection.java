package org.voicerooms.server.media.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Janus gateway's WebSocket API ({@code janus-protocol}): requests matched to their answers by transaction, a
 * timeout on every request, one Janus session kept alive by keepalives, and a reconnect on the next request after
 * the socket dropped. Janus ends a session whose socket closed, so a reconnect means a new session: {@code onReset}
 * hears of it, and everything made on the old one (rooms' handles) is gone. Thread-safe.
 */
public final class JanusConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JanusConnection.class);
    /** Janus's default session timeout is 60 s; keepalives go well within it. */
    static final Duration KEEPALIVE = Duration.ofSeconds(20);
    /** After a failed connect, the next try waits this long (a dead gateway must not cost every request a wait). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final ScheduledExecutorService timers;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong transactions = new AtomicLong();
    private volatile Consumer<JsonNode> events = e -> { };
    private volatile Runnable onReset = () -> { };
    private WebSocket socket;
    private long sessionId;
    private long generation;
    private long failedAt;
    private ScheduledFuture<?> keepalive;
    private volatile boolean closed;

    /**
     * @param url     {@code ws://host:8188/}
     * @param secret  Janus's {@code api_secret}, or null
     * @param timeout the longest wait for any answer
     * @param timers  runs the keepalives
     */
    public JanusConnection(URI url, String secret, Duration timeout, ObjectMapper mapper,
                           ScheduledExecutorService timers) {
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        this.mapper = mapper;
        this.timers = timers;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public URI url() {
        return url;
    }

    /** Events Janus sends on its own (webrtcup, hangup, media, slowlink, plugin events without a transaction). */
    public void onEvent(Consumer<JsonNode> listener) {
        this.events = listener;
    }

    /** Runs when the session was lost (socket dropped, session timed out): handles made before are gone. */
    public void onReset(Runnable listener) {
        this.onReset = listener;
    }

    /** Whether the socket and session are up now. */
    public synchronized boolean up() {
        return socket != null && !socket.isOutputClosed() && !socket.isInputClosed();
    }

    /** The session id, connecting (and making a session) first if needed. */
    public long session() {
        return ensureSession();
    }

    /**
     * Asks Janus for one answer on the session (a keepalive), connecting first if needed: whether the gateway
     * answers now, within the request timeout.
     *
     * @throws JanusException when it does not
     */
    public void probe() {
        long session = ensureSession();
        send(mapper.createObjectNode().put("janus", "keepalive").put("session_id", session));
    }

    /** The session generation: changes whenever a reconnect made a new session. */
    public synchronized long generation() {
        return generation;
    }

    /** Attaches a VideoRoom plugin handle on the session; returns its id. */
    public long attach(String plugin) {
        long session = ensureSession();
        ObjectNode body = mapper.createObjectNode().put("janus", "attach").put("session_id", session)
                .put("plugin", plugin);
        return send(body).path("data").path("id").asLong();
    }

    /** Detaches a handle; a handle already gone is not an error. */
    public void detach(long handle) {
        try {
            send(mapper.createObjectNode().put("janus", "detach").put("session_id", ensureSession())
                    .put("handle_id", handle));
        } catch (JanusException e) {
            LOG.debug("Detaching handle {} on {}: {}", handle, url, e.getMessage());
        }
    }

    /**
     * A plugin message on {@code handle}: the plugin's data, with {@code jsep} (if any) under {@code "jsep"}. Waits
     * for the plugin's event after Janus's {@code ack} for asynchronous requests.
     */
    public JsonNode message(long handle, ObjectNode body, ObjectNode jsep) {
        ObjectNode msg = mapper.createObjectNode().put("janus", "message").put("session_id", ensureSession())
                .put("handle_id", handle);
        msg.set("body", body);
        if (jsep != null) {
            msg.set("jsep", jsep);
        }
        JsonNode answer = send(msg);
        JsonNode data = answer.path("plugindata").path("data");
        if (data.has("error_code")) {
            throw new JanusException(data.path("error_code").asInt(), data.path("error").asText());
        }
        ObjectNode out = data.isObject() ? ((ObjectNode) data).deepCopy() : mapper.createObjectNode();
        if (answer.has("jsep")) {
            out.set("jsep", answer.get("jsep"));
        }
        return out;
    }

    /** Trickles one candidate (or, with {@code candidate} null, the end of candidates) to a handle. */
    public void trickle(long handle, String candidate, String sdpMid, Integer sdpMLineIndex) {
        ObjectNode msg = mapper.createObjectNode().put("janus", "trickle").put("session_id", ensureSession())
                .put("handle_id", handle);
        ObjectNode c = msg.putObject("candidate");
        if (candidate == null || candidate.isEmpty()) {
            c.put("completed", true);
        } else {
            c.put("candidate", candidate).put("sdpMid", sdpMid);
            if (sdpMLineIndex != null) {
                c.put("sdpMLineIndex", sdpMLineIndex);
            }
        }
        send(msg);
    }

    private synchronized long ensureSession() {
        if (closed) {
            throw new JanusException("connection to " + url + " closed", null);
        }
        if (up() && sessionId != 0) {
            return sessionId;
        }
        if (failedAt != 0 && System.nanoTime() - failedAt < RETRY_AFTER.toNanos()) {
            throw new JanusException("Janus at " + url + " is unreachable", null);
        }
        drop();
        try {
            socket = http.newWebSocketBuilder().subprotocols("janus-protocol").connectTimeout(timeout)
                    .buildAsync(url, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonNode created = send(mapper.createObjectNode().put("janus", "create"));
            sessionId = created.path("data").path("id").asLong();
            generation++;
            failedAt = 0;
            keepalive = timers.scheduleWithFixedDelay(this::keepalive, KEEPALIVE.toMillis(), KEEPALIVE.toMillis(),
                    TimeUnit.MILLISECONDS);
            LOG.info("Janus session {} on {}", sessionId, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException("interrupted connecting to " + url, e);
        } catch (ExecutionException | TimeoutException | JanusException e) {
            failedAt = System.nanoTime();
            drop();
            throw new JanusException("Janus at " + url + " is unreachable: " + e.getMessage(), e);
        }
        return sessionId;
    }

    private void keepalive() {
        long session;
        synchronized (this) {
            session = sessionId;
        }
        try {
            send(mapper.createObjectNode().put("janus", "keepalive").put("session_id", session));
        } catch (JanusException e) {
            LOG.warn("Keepalive to {} failed: {}", url, e.getMessage());
            lost();
        }
    }

    /** Sends one request and waits (at most the timeout) for its answer: success, ack or event; error throws. */
    private JsonNode send(ObjectNode request) {
        String transaction = Long.toString(transactions.incrementAndGet(), 36);
        request.put("transaction", transaction);
        if (secret != null) {
            request.put("apisecret", secret);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        // A plugin message's ack comes first and its answer (the plugin's event) after, with the same transaction.
        pending.put(transaction, new Pending(answer, "message".equals(request.path("janus").asText())));
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        try {
            if (ws == null) {
                throw new JanusException("not connected to " + url, null);
            }
            synchronized (ws) {
                ws.sendText(mapper.writeValueAsString(request), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if ("error".equals(reply.path("janus").asText())) {
                JsonNode error = reply.path("error");
                throw new JanusException(error.path("code").asInt(-1), error.path("reason").asText());
            }
            return reply;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JanusException("interrupted waiting for " + url, e);
        } catch (TimeoutException e) {
            throw new JanusException("Janus at " + url + " did not answer " + request.path("janus").asText()
                    + " within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException | IOException e) {
            throw new JanusException("Janus at " + url + ": " + e.getMessage(), e);
        } finally {
            pending.remove(transaction);
        }
    }

    private void received(String text) {
        JsonNode msg;
        try {
            msg = mapper.readTree(text);
        } catch (IOException e) {
            LOG.warn("Unreadable message from {}: {}", url, e.getMessage());
            return;
        }
        String kind = msg.path("janus").asText();
        Pending waiting = pending.get(msg.path("transaction").asText(""));
        if (waiting != null && !("ack".equals(kind) && waiting.ackFirst)) {
            waiting.answer.complete(msg);
            return;
        }
        if ("session_timeout".equals(kind)) {
            lost();
        }
        try {
            events.accept(msg);
        } catch (RuntimeException e) {
            LOG.warn("Janus event from {} not handled", url, e);
        }
    }

    private record Pending(CompletableFuture<JsonNode> answer, boolean ackFirst) {
    }

    /** The socket or the session is gone: everything made on it too. */
    private void lost() {
        boolean had;
        synchronized (this) {
            had = sessionId != 0;
            sessionId = 0;
            drop();
        }
        if (had && !closed) {
            onReset.run();
        }
    }

    private synchronized void drop() {
        if (keepalive != null) {
            keepalive.cancel(false);
            keepalive = null;
        }
        if (socket != null) {
            socket.abort();
            socket = null;
        }
        pending.values().forEach(p -> p.answer.completeExceptionally(new IOException("connection to Janus lost")));
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                received(text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            LOG.warn("Janus at {} closed the connection ({} {})", url, status, reason);
            lostAsync();
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            LOG.warn("Janus connection to {} failed: {}", url, error.toString());
            lostAsync();
        }

        private void lostAsync() {
            pending.values().forEach(p -> p.answer.completeExceptionally(new IOException("connection to Janus lost")));
            timers.execute(JanusConnection.this::lost);
        }
    }
}
