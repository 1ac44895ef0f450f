package org.voicerooms.server.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.BadMessageException;

/**
 * A minimum data rate for request bodies: a body must have arrived at {@code bytesPerSecond} or faster, counted
 * after a grace period, or reading it fails with a 408 (answered {@code BAD_REQUEST}). A client trickling a byte
 * every few seconds keeps the idle timeout from ever firing and holds a thread and a buffer for as long as it
 * likes; this bounds it to the grace plus the body's size at the minimum rate. Jetty's own minimum rate counts
 * from the request's start with no grace, so a 25-byte body read 30 ms late on a busy machine already fails it.
 */
public final class BodyRateFilter extends HttpFilter {

    /** Time every body gets before its rate is judged. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final long bytesPerSecond;

    /** @param bytesPerSecond the slowest acceptable body; 0 turns the check off */
    public BodyRateFilter(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if (bytesPerSecond <= 0) {
            chain.doFilter(req, res);
            return;
        }
        long start = System.nanoTime();
        chain.doFilter(new CountedBody(req, read -> {
            long allowed = GRACE_NANOS + read * 1_000_000_000L / bytesPerSecond;
            if (System.nanoTime() - start > allowed) {
                throw new BadMessageException(408, "request body slower than " + bytesPerSecond + " bytes/s");
            }
        }), res);
    }
}
