package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions come back after the connection is lost: a listener's socket drops, and then the server is killed and
 * restarted on its data. Each time both sessions return to live with their roles and the host is heard; while the
 * server is away, audio keeps flowing peer to peer. Prints how long each took.
 */
class ReconnectE2EIT {

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        room = new AudioRoom("reconnect");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.startServer();
    }

    @AfterAll
    static void stop() throws IOException {
        if (room != null) {
            room.close();
        }
    }

    private static boolean live(JsonNode l) {
        return "status".equals(l.path("event").asText()) && "LIVE".equals(l.path("detail").asText());
    }

    @Test
    void aDroppedSocketAndARestartedServerBothComeBack() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Reconnect room");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess ann = room.bot("Ann", "--room", roomId);
        ann.userId();
        ann.hears(hostId, 440, 30);

        // Ann's socket drops: she is back, live, hearing the host
        long t0 = System.nanoTime();
        int mark = ann.mark();
        ann.send("drop");
        ann.await(mark, 20, "Ann reconnecting", l -> "RECONNECTING".equals(l.path("status").asText()));
        ann.await(mark, 30, "Ann live again", ReconnectE2EIT::live);
        long backMs = (System.nanoTime() - t0) / 1_000_000;
        ann.hears(hostId, 440, 20);
        long heardMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[reconnect] socket drop: live again after %d ms, host heard (3 reports in a row) after"
                + " %d ms%n", backMs, heardMs);

        // the server dies and comes back on the same data: both sessions resume, the host still hosts
        int hostMark = host.mark();
        mark = ann.mark();
        t0 = System.nanoTime();
        room.killServer();
        ann.await(mark, 20, "Ann reconnecting", l -> "RECONNECTING".equals(l.path("status").asText()));
        // audio goes peer to peer: the server being away does not silence the room
        ann.hears(hostId, 440, 5);
        room.startServer();
        long upMs = (System.nanoTime() - t0) / 1_000_000;
        host.await(hostMark, 40, "the host live again", ReconnectE2EIT::live);
        ann.await(mark, 40, "Ann live again", ReconnectE2EIT::live);
        backMs = (System.nanoTime() - t0) / 1_000_000;
        ann.hears(hostId, 440, 30);
        heardMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("[reconnect] server killed and restarted (up again after %d ms): both live after %d ms,"
                + " host heard after %d ms%n", upMs, backMs, heardMs);

        int hostCheck = host.mark();
        host.send("end");
        host.await(hostCheck, 10, "the host may still end the room", l -> "done".equals(l.path("event").asText())
                && "end".equals(l.path("command").asText()));
        assertThat(host.alive()).isTrue();
        assertThat(ann.alive()).isTrue();
    }
}
