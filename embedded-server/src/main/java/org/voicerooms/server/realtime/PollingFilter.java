package org.voicerooms.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.server.http.ClientAddress;
import org.voicerooms.server.http.CountedBody;

/**
 * Serves engine.io long-polling at {@code /socket.io/} as a servlet filter in front of Javalin. Javalin completes a
 * request's async context when its handler returns, which would cut every held poll short; engine.io needs to
 * keep the poll open until it has something to send. Websocket upgrades pass through to Javalin's websocket route
 * once the client's address is under its connection cap. Polling bodies are read through a counter that stops at
 * {@code maxBodyBytes} whatever the request claims (a chunked body has no length to check up front).
 */
final class PollingFilter extends HttpFilter {

    private static final Logger LOG = LoggerFactory.getLogger(PollingFilter.class);

    private final EngineIoServer engine;
    private final PacketGuard guard;
    private final ClientAddress addresses;
    private final int maxConnectionsPerAddress;
    private final long maxBodyBytes;

    PollingFilter(EngineIoServer engine, PacketGuard guard, ClientAddress addresses, int maxConnectionsPerAddress,
                  long maxBodyBytes) {
        this.engine = engine;
        this.guard = guard;
        this.addresses = addresses;
        this.maxConnectionsPerAddress = maxConnectionsPerAddress;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String address = addresses.of(req.getRemoteAddr(), req.getHeader(ClientAddress.FORWARDED_FOR));
        boolean opening = !hasSid(req.getQueryString());
        if (opening && guard.connectionsFrom(address) >= maxConnectionsPerAddress) {
            refuse(res, new ApiError(ErrorCode.RATE_LIMITED, "at most " + maxConnectionsPerAddress
                    + " realtime connections from one address", null));
            return;
        }
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            chain.doFilter(req, res);
            return;
        }
        if (req.getContentLengthLong() > maxBodyBytes) {
            refuse(res, tooLarge());
            return;
        }
        try {
            Runnable handle = () -> {
                try {
                    PollingHandshake.handle(engine, new CountedBody(req, read -> {
                        if (read > maxBodyBytes) {
                            throw new TooLarge();
                        }
                    }), res);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            // Only a handshake opens a connection; the polls and posts of an open one pass even at the cap.
            if (opening) {
                guard.opening(address, handle);
            } else {
                handle.run();
            }
        } catch (ApiException e) {
            refuse(res, e.error());
        } catch (UncheckedIOException e) {
            LOG.debug("engine.io could not read {} {}", req.getMethod(), req.getRequestURI(), e);
            refuse(res, e.getCause() instanceof TooLarge ? tooLarge()
                    : new ApiError(ErrorCode.BAD_REQUEST, "the request body could not be read", null));
        } catch (RuntimeException e) {
            // engine.io-server 6.3.2 races while a connection upgrades to websocket: after handling a POST it may
            // try to answer a poll that just completed (NullPointerException in Polling.send). The POST's data was
            // handled and its "ok" is in the response buffer; letting the exception through would turn it into a
            // 500 and make the client drop the connection.
            LOG.debug("engine.io failed on {} {}", req.getMethod(), req.getRequestURI(), e);
        } catch (Error e) {
            // The edge: an OutOfMemoryError or StackOverflowError in one request ends that request, not the server.
            LOG.error("Failure on {} {}", req.getMethod(), req.getRequestURI(), e);
            refuse(res, ApiError.of(ErrorCode.INTERNAL_ERROR));
        }
    }

    /** From the query string only: {@code getParameter} would read a form-encoded body to look for it. */
    private static boolean hasSid(String query) {
        return query != null && (query.startsWith("sid=") || query.contains("&sid="));
    }

    private ApiError tooLarge() {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "at most " + maxBodyBytes + " bytes per request", null);
    }

    private static void refuse(HttpServletResponse res, ApiError error) throws IOException {
        if (res.isCommitted()) {
            return;
        }
        res.resetBuffer();
        res.setStatus(error.code().httpStatus());
        res.setContentType("application/json");
        res.getWriter().write("{\"error\":{\"code\":\"" + error.code().name() + "\",\"message\":\""
                + error.message().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}}");
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }
}
