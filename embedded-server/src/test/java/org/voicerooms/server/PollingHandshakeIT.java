package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.Json;
import org.voicerooms.server.testing.TestServer;

/**
 * The long-polling handshake on raw HTTP, as a client that wastes no time sends it: the handshake GET, then at once
 * the Socket.IO CONNECT (POST {@code 40{"token":…}}) and the first poll (GET), hundreds of clients at the same
 * time. engine.io-server 6.3.2 answers the handshake before it registers the session and before the Socket.IO
 * layer listens on it, so an unpatched server answers some of these requests {@code 400 Session ID unknown} or
 * drops the CONNECT, and the poll never carries the CONNECT acknowledgement.
 */
class PollingHandshakeIT {

    private static final int CLIENTS = 800;
    private static final int AT_ONCE = 64;
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final char RECORD_SEPARATOR = '\u001e';

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.maxConnectionsPerIp(4 * AT_ONCE)
            .maxSocketsPerUser(4 * AT_ONCE));
    private static final ExecutorService clients = Executors.newFixedThreadPool(AT_ONCE);

    @AfterAll
    static void stopClients() {
        clients.shutdownNow();
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void everyClientThatConnectsRightAfterTheHandshakeIsAcceptedAndAcknowledged() throws Exception {
        List<String> tokens = IntStream.range(0, 8).mapToObj(i -> server.api().guest("Poller " + i).token()).toList();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String token = tokens.get(i % tokens.size());
            int client = i;
            runs.add(CompletableFuture.runAsync(() -> {
                try {
                    String failure = connect(token);
                    if (failure != null) {
                        failures.add("client " + client + ": " + failure);
                    }
                } catch (Exception e) {
                    failures.add("client " + client + ": " + e);
                }
            }, clients));
        }
        CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get(150, TimeUnit.SECONDS);

        assertThat(failures)
                .as("%d of %d clients failed right after a polling handshake, e.g. %s", failures.size(), CLIENTS,
                        failures.stream().limit(5).toList())
                .isEmpty();
    }

    /**
     * One client's handshake, CONNECT and first polls; what went wrong, or null. The CONNECT and the poll go out on
     * connections opened before the handshake, the moment its answer is read, as fast as a browser's would.
     */
    private static String connect(String token) throws Exception {
        String path = "/socket.io/?EIO=4&transport=polling";
        try (Socket handshakeLine = open(); Socket postLine = open(); Socket pollLine = open()) {
            Reply handshake = exchange(handshakeLine, "GET", path, null);
            if (handshake.status() != 200 || !handshake.body().startsWith("0")) {
                return "handshake answered " + handshake;
            }
            String sid = MAPPER.readTree(handshake.body().substring(1)).path("sid").asText();
            String session = path + "&sid=" + sid;
            send(postLine, "POST", session, "40" + MAPPER.writeValueAsString(Map.of("token", token)));
            send(pollLine, "GET", session, null);
            try {
                Reply posted = read(postLine);
                if (posted.status() != 200 || !"ok".equals(posted.body())) {
                    return "CONNECT POST answered " + posted;
                }
                return awaitConnectAck(session, pollLine);
            } finally {
                try (Socket closeLine = open()) {
                    exchange(closeLine, "POST", session, "1");
                }
            }
        }
    }

    /** Reads polls until a payload carries the CONNECT acknowledgement {@code 40{"sid":…}}. */
    private static String awaitConnectAck(String session, Socket firstPoll) throws Exception {
        long deadline = System.nanoTime() + POLL_TIMEOUT.toNanos();
        Reply polled;
        try {
            polled = read(firstPoll);
        } catch (SocketTimeoutException e) {
            return "no CONNECT acknowledgement within " + POLL_TIMEOUT;
        }
        while (true) {
            if (polled.status() != 200) {
                return "poll answered " + polled;
            }
            for (String packet : polled.body().split(String.valueOf(RECORD_SEPARATOR))) {
                if (packet.startsWith("40")) {
                    JsonNode ack = MAPPER.readTree(packet.substring(2));
                    return ack.hasNonNull("sid") ? null : "CONNECT answered " + packet;
                }
                if (packet.startsWith("44")) {
                    return "CONNECT refused: " + packet;
                }
            }
            if (System.nanoTime() > deadline) {
                return "no CONNECT acknowledgement within " + POLL_TIMEOUT + ", last poll: " + polled;
            }
            try (Socket again = open()) {
                polled = exchange(again, "GET", session, null);
            } catch (SocketTimeoutException e) {
                return "no CONNECT acknowledgement within " + POLL_TIMEOUT;
            }
        }
    }

    /** An HTTP/1.1 answer, read up to the server closing the connection. */
    private record Reply(int status, String body) {
        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private static Socket open() throws IOException {
        URI base = URI.create(server.baseUrl());
        Socket socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout((int) POLL_TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        return socket;
    }

    private static Reply exchange(Socket socket, String method, String target, String body) throws IOException {
        send(socket, method, target, body);
        return read(socket);
    }

    private static void send(Socket socket, String method, String target, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: text/plain;charset=UTF-8\r\nContent-Length: " + content.length
                + "\r\n") + "\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
    }

    /** The status and the body of an answer sent with {@code Connection: close} (whole, or one chunk). */
    private static Reply read(Socket socket) throws IOException {
        String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int headEnd = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.1 ") || headEnd < 0) {
            throw new IOException("not an HTTP answer: " + raw);
        }
        String head = raw.substring(0, headEnd).toLowerCase(Locale.ROOT);
        String body = raw.substring(headEnd + 4);
        if (head.contains("transfer-encoding: chunked")) {
            int size = body.indexOf("\r\n");
            body = body.substring(size + 2, size + 2 + Integer.parseInt(body.substring(0, size).trim(), 16));
        }
        return new Reply(Integer.parseInt(raw.substring(9, 12)), body);
    }
}
