package org.voicerooms.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves engine.io long-polling at {@code /socket.io/} as a servlet filter in front of Javalin. Javalin completes a
 * request's async context when its handler returns, which would cut every held poll short; engine.io needs to
 * keep the poll open until it has something to send. Websocket upgrades pass through to Javalin's websocket route.
 */
final class PollingFilter extends HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PollingFilter.class);

    private final EngineIoServer engine;
    private final long maxBodyBytes;

    PollingFilter(EngineIoServer engine, long maxBodyBytes) {
        this.engine = engine;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            chain.doFilter(req, res);
            return;
        }
        if (req.getContentLengthLong() > maxBodyBytes) {
            res.setStatus(413);
            res.setContentType("application/json");
            res.getWriter().write("{\"error\":{\"code\":\"PAYLOAD_TOO_LARGE\",\"message\":\"at most " + maxBodyBytes
                    + " bytes per request\"}}");
            return;
        }
        try {
            PollingHandshake.handle(engine, req, res);
        } catch (RuntimeException e) {
            // engine.io-server 6.3.2 races while a connection upgrades to websocket: after handling a POST it may
            // try to answer a poll that just completed (NullPointerException in Polling.send). The POST's data was
            // handled and its "ok" is in the response buffer; letting the exception through would turn it into a
            // 500 and make the client drop the connection.
            LOG.debug("engine.io failed on {} {}", req.getMethod(), req.getRequestURI(), e);
        }
    }
}
