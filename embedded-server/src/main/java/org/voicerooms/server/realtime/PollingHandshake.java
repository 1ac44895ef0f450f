package org.voicerooms.server.realtime;

import io.socket.engineio.server.EngineIoServer;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds the answer to a long-polling handshake until engine.io knows the session. engine.io-server 6.3.2 writes the
 * handshake ({@code 0{"sid":…}}) and only then registers the session and emits {@code connection}, on which the
 * handshake guard and the Socket.IO layer attach their listeners. A client that sends its CONNECT the moment it
 * reads the sid was answered {@code 400 Session ID unknown}, or its CONNECT reached no listener and was lost (13 of
 * 800 raw clients in PollingHandshakeIT). Here the handshake runs as a plain synchronous request (so engine.io
 * answers it at once instead of holding it) into a buffer, and the buffer goes out after engine.io has returned,
 * which is after the session is registered and every {@code connection} listener has run.
 */
final class PollingHandshake {

    /**
     * Response header naming the new connection's id (sid) on a handshake, so a balancer in front of several nodes
     * can send the connection's later polls to the node that holds it (docs/CLUSTER.md: HAProxy's
     * {@code stick store-response}).
     */
    static final String SID_HEADER = "X-Engine-Io-Sid";
    private static final Pattern SID = Pattern.compile("\"sid\"\\s*:\\s*\"([^\"]{1,64})\"");

    private PollingHandshake() {
    }

    /**
     * Passes {@code req} to engine.io; a handshake's answer reaches the client only once the session exists.
     * engine.io must allow synchronous polling ({@code setAllowSyncPolling(true)}); only handshakes use it.
     */
    static void handle(EngineIoServer engine, HttpServletRequest req, HttpServletResponse res) throws IOException {
        if (!isHandshake(req)) {
            engine.handleRequest(req, res);
            return;
        }
        HeldResponse held = new HeldResponse(res);
        engine.handleRequest(new Synchronous(req), held);
        held.release();
    }

    /** A polling GET without a session id (in the query string only): engine.io opens a session for it. */
    static boolean isHandshake(HttpServletRequest req) {
        if (!"GET".equalsIgnoreCase(req.getMethod()) || req.getQueryString() == null) {
            return false;
        }
        List<String> query = List.of(req.getQueryString().split("&"));
        return query.contains("transport=polling") && query.stream().noneMatch(p -> p.startsWith("sid="));
    }

    /** Makes engine.io answer the handshake within the call instead of completing an async context later. */
    private static final class Synchronous extends HttpServletRequestWrapper {

        Synchronous(HttpServletRequest request) {
            super(request);
        }

        @Override
        public boolean isAsyncSupported() {
            return false;
        }

        @Override
        public boolean isAsyncStarted() {
            return false;
        }
    }

    /** Keeps the body in memory (headers and status go through) until {@link #release()}. */
    private static final class HeldResponse extends HttpServletResponseWrapper {

        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final ServletOutputStream stream = new ServletOutputStream() {
            @Override
            public void write(int b) {
                body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("the handshake is answered synchronously");
            }
        };
        private PrintWriter writer;

        HeldResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return stream;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void flushBuffer() {
            // Nothing reaches the client before release().
        }

        void release() throws IOException {
            if (writer != null) {
                writer.flush();
            }
            Matcher sid = SID.matcher(body.toString(StandardCharsets.UTF_8));
            if (sid.find()) {
                ((HttpServletResponse) getResponse()).setHeader(SID_HEADER, sid.group(1));
            }
            ServletOutputStream out = getResponse().getOutputStream();
            body.writeTo(out);
            out.flush();
        }
    }
}
