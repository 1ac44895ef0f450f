package org.voicerooms.server.realtime;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a websocket has been asked to send and not yet sent. Jetty queues every send without bound; a client that
 * stops reading (or reads a byte a second) would make the server hold everything a busy room says to it. So each
 * connection counts the frames and bytes in flight and is dropped as a slow reader when either passes its limit;
 * the client reconnects and gets the room's state afresh.
 */
final class OutboundQueue {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundQueue.class);

    /** The limits of one connection's queue. */
    record Limits(long maxBytes, int maxFrames) {
    }

    private final Session session;
    private final Limits limits;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger frames = new AtomicInteger();
    private final AtomicBoolean dropped = new AtomicBoolean();

    OutboundQueue(Session session, Limits limits) {
        this.session = session;
        this.limits = limits;
    }

    void send(String text) {
        // Characters, not UTF-8 bytes: the same order for the JSON we send, without encoding it twice.
        long size = text.length();
        if (admit(size)) {
            session.sendText(text, done(size));
        }
    }

    void send(byte[] data) {
        if (admit(data.length)) {
            session.sendBinary(ByteBuffer.wrap(data), done(data.length));
        }
    }

    /** Frames sent but not yet written; for tests. */
    int frames() {
        return frames.get();
    }

    private boolean admit(long size) {
        if (dropped.get()) {
            return false;
        }
        long queuedBytes = bytes.addAndGet(size);
        int queuedFrames = frames.incrementAndGet();
        if (queuedBytes > limits.maxBytes() || queuedFrames > limits.maxFrames()) {
            if (dropped.compareAndSet(false, true)) {
                LOG.warn("Dropping a slow realtime reader {}: {} frames, {} bytes waiting",
                        session.getRemoteSocketAddress(), queuedFrames, queuedBytes);
                session.disconnect();
            }
            return false;
        }
        return true;
    }

    private Callback done(long size) {
        return Callback.from(() -> release(size), failure -> release(size));
    }

    private void release(long size) {
        bytes.addAndGet(-size);
        frames.decrementAndGet();
    }
}
