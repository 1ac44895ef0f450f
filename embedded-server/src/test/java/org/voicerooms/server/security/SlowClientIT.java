package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: clients that read or write slowly on purpose, holding the server's memory and threads (Medium 11): a
 * websocket that stops reading is dropped once its outgoing queue passes its frame or byte limit, and a request
 * body trickled in below the minimum data rate is cut off.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowClientIT {

    @Test
    void aWebsocketThatStopsReadingIsDroppedWhenItsQueueFills() throws InterruptedException {
        try (TestServer server = TestServer.start(b -> b.outboundQueueFrames(64).outboundQueueBytes(64 * 1024)
                .eventsPerSecond(1_000_000).joinsPerMinute(1_000_000))) {
            AuthResponse host = server.api().guest("Host");
            String roomId = server.api().createRoom(host.token(), Map.of("title", "Firehose",
                    "maxParticipants", 500)).room().id();
            // A full room makes every join's answer (the room's state) some 20 KB: a cheap request, a big reply.
            for (int i = 0; i < 120; i++) {
                server.api().post("/api/rooms/" + roomId + "/join", server.api().guest("Listener " + i).token(),
                        null).expect(200);
            }
            try (RawEngineSocket raw = RawEngineSocket.open(server.baseUrl())) {
                raw.send("0{\"token\":\"" + host.token() + "\"}");
                raw.await("the accepted CONNECT", p -> p.startsWith("0"));
                raw.pauseReading();
                boolean dropped = false;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                for (int sent = 0; !dropped && System.nanoTime() < deadline; sent++) {
                    try {
                        raw.send(sent < 2_000 ? "2" + sent + "[\"room:join\",{\"roomId\":\"" + roomId + "\"}]"
                                : "3"); // then only pongs, to learn when the server hangs up
                    } catch (RuntimeException e) {
                        dropped = true;
                    }
                    if (sent >= 2_000) {
                        Thread.sleep(200);
                    }
                }
                assertThat(dropped).as("the server hung up on a reader that stopped reading (%d answers read)",
                        raw.received()).isTrue();
            }
            server.api().get("/api/health", null).expect(200);
        }
    }

    @Test
    void aBodyTrickledBelowTheMinimumRateIsCutOff() throws IOException {
        try (TestServer server = TestServer.start(b -> b.minRequestDataRate(1024))) {
            int port = Integer.parseInt(server.baseUrl().substring(server.baseUrl().lastIndexOf(':') + 1));
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(500);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write(("POST /api/auth/guest HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 4000\r\n\r\n{\"displayName\":\"").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                long start = System.nanoTime();
                boolean cut = false;
                while (!cut && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(20)) {
                    try {
                        out.write('a');
                        out.flush();
                    } catch (IOException e) {
                        cut = true;
                        break;
                    }
                    try {
                        int b = in.read();
                        cut = true; // an answer (408/400) or end of stream: either way the server let go
                        assertThat(b).isNotEqualTo(0);
                    } catch (java.net.SocketTimeoutException e) {
                        // still held open; trickle on
                    }
                }
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertThat(cut).as("the server let go of a 2 bytes/s body (after %d s)", seconds).isTrue();
                assertThat(seconds).isLessThan(15);
            }
        }
    }
}
