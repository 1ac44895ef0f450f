package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Several Janus gateways behind one server: rooms are spread over them (each room's gateway is the one with the
 * fewest rooms), each room is heard through its own, and with one gateway down a new room goes to the other.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class SfuGatewaysE2EIT {

    private static AudioRoom room;
    private static JanusGateway first;
    private static JanusGateway second;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(JanusGateway.available(), "needs janus (Debian package janus)");
        room = new AudioRoom("sfu-gateways");
        room.net.devices("HostA", 440);
        room.net.devices("HostB", 660);
        room.net.devices("HostC", 880);
        room.net.devices("Lis", 550);
        first = new JanusGateway(room.net, room.dir, JanusGateway.PORT);
        second = new JanusGateway(room.net, room.dir, JanusGateway.PORT + 1);
        room.startServer("--janus-url", first.url + "," + second.url, "--janus-secret", JanusGateway.SECRET,
                "--media-mode", "sfu");
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("--media", "sfu", "--no-processing"));
        all.addAll(List.of(args));
        return room.bot(name, all.toArray(String[]::new));
    }

    @Test
    void roomsAreSpreadOverTheGatewaysAndANewRoomAvoidsOneThatIsDown() throws Exception {
        BotProcess hostA = bot("HostA", "--create", "Room A");
        String roomA = hostA.await(30, "ready").path("roomId").asText();
        BotProcess hostB = bot("HostB", "--create", "Room B");
        String roomB = hostB.await(30, "ready").path("roomId").asText();
        BotProcess lis = bot("Lis", "--room", roomB);
        lis.hears(hostB.userId(), 660, 30);

        String gatewayA = gatewayOf(roomA);
        String gatewayB = gatewayOf(roomB);
        System.out.println("SFU gateways: room A on " + gatewayA + ", room B on " + gatewayB);
        assertThat(List.of(gatewayA, gatewayB)).as("one room on each gateway")
                .containsExactlyInAnyOrder(first.url, second.url);

        // the gateway of room A goes down: a room made now goes to the one that answers, and is heard
        (gatewayA.equals(first.url) ? first : second).close();
        String up = gatewayA.equals(first.url) ? second.url : first.url;
        BotProcess hostC = bot("HostC", "--create", "Room C");
        String roomC = hostC.await(30, "ready").path("roomId").asText();
        int mark = lis.mark();
        lis.send("leave");
        lis.await(mark, 10, "left", l -> "done".equals(l.path("event").asText()));
        BotProcess lis2 = bot("Lis", "--room", roomC);
        lis2.hears(hostC.userId(), 880, 40);
        assertThat(gatewayOf(roomC)).as("room C's gateway").isEqualTo(up);
    }

    /** The gateway the server put {@code roomId} on, from its log. */
    private static String gatewayOf(String roomId) throws Exception {
        Pattern p = Pattern.compile("SFU room for " + roomId + " on (\\S+)");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            for (Path log : Files.list(room.dir).filter(f -> f.getFileName().toString().startsWith("server-"))
                    .toList()) {
                Matcher m = p.matcher(Files.readString(log));
                String last = null;
                while (m.find()) {
                    last = m.group(1);
                }
                if (last != null) {
                    return last;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the server never put room " + roomId + " on a gateway");
    }
}
