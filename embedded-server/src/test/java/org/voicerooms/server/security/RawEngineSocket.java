package org.voicerooms.server.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An engine.io v4 websocket spoken by hand, for hostile input: it sends whatever text it is given as one
 * engine.io message ({@code 4} + the Socket.IO packet) and keeps every Socket.IO packet the server sends. It
 * answers the server's pings so the connection stays up while a test takes its time.
 */
final class RawEngineSocket implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final WebSocket ws;
    private final BlockingQueue<String> packets = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean reading = true;
    private volatile boolean wantsMore;
    private final java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();

    private RawEngineSocket(String baseUrl) {
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/socket.io/?EIO=4&transport=websocket");
        ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder partial = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            if (frame.equals("2")) {
                                socket.sendText("3", true);
                            } else if (frame.startsWith("4")) {
                                received.incrementAndGet();
                                packets.add(frame.substring(1));
                            }
                        }
                        if (reading) {
                            socket.request(1);
                        } else {
                            wantsMore = true;
                        }
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
                        closed.complete(status);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        closed.complete(-1);
                    }
                }).join();
    }

    /** Opens an engine.io websocket to the server at {@code baseUrl} ({@code http://host:port}). */
    static RawEngineSocket open(String baseUrl) {
        return new RawEngineSocket(baseUrl);
    }

    /** Sends one Socket.IO packet ({@code 0…} CONNECT, {@code 2…} EVENT, …) and waits until it is written. */
    void send(String socketIoPacket) {
        ws.sendText("4" + socketIoPacket, true).join();
    }

    /** The next packet the server sends that matches, skipping others; fails after a wait. */
    String await(String what, Predicate<String> matching) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (true) {
                String packet = packets.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (packet == null) {
                    throw new AssertionError("no " + what + " within " + WAIT + (closed.isDone()
                            ? "; the connection closed with status " + closed.join() : ""));
                }
                if (matching.test(packet)) {
                    return packet;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** Stops reading: the server's frames pile up in the network buffers and then in its own queue. */
    void pauseReading() {
        reading = false;
    }

    /** Reads again. */
    void resumeReading() {
        reading = true;
        if (wantsMore) {
            wantsMore = false;
            ws.request(1);
        }
    }

    /** Socket.IO packets received so far. */
    int received() {
        return received.get();
    }

    /** The close status once the connection has closed (-1 for an abort), waiting up to {@code timeout}. */
    Integer awaitClosed(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    boolean isOpen() {
        return !closed.isDone() && !ws.isOutputClosed();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        ws.abort();
    }
}
