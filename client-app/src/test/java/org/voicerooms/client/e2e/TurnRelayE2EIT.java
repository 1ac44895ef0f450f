package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Audio through a TURN relay: coturn ({@code use-auth-secret} with the server's {@code turn-secret}) in the private
 * network, the host's bot at {@link PrivateNetwork#HOST} with {@code ice-transport-policy relay}, a listener on a
 * second namespace at {@link PrivateNetwork#PEER} with the default policy, and every UDP packet between the two
 * addresses dropped by nftables except TURN's own port. Audio still flows, and both ends' selected candidate pair is
 * a relay one.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TurnRelayE2EIT {

    private static AudioRoom room;
    private static TurnServer turn;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(TurnServer.available() && PrivateNetwork.onPath("nft"), "needs coturn and nftables");
        room = new AudioRoom("turn");
        room.net.addPeer();
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        turn = new TurnServer(room.net, room.dir);
        room.startServer("--ice-servers", turn.url, "--turn-secret", TurnServer.SECRET);
        // On the listener's computer: nothing but TCP (the room server) and TURN reaches the host's address.
        nft("add table inet direct");
        nft("add chain inet direct out { type filter hook output priority 0 ; }");
        nft("add chain inet direct in { type filter hook input priority 0 ; }");
        nft("add rule inet direct out ip daddr " + PrivateNetwork.HOST + " udp dport != " + TurnServer.PORT
                + " counter drop");
        nft("add rule inet direct in ip saddr " + PrivateNetwork.HOST + " udp sport != " + TurnServer.PORT
                + " counter drop");
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
        if (turn != null) {
            turn.close();
        }
    }

    private static String nft(String rule) throws IOException, InterruptedException {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("nft"));
        cmd.addAll(java.util.List.of(rule.split(" ")));
        Process p = new ProcessBuilder(room.net.insidePeer(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("nft " + rule + " failed: " + out);
        }
        return out;
    }

    @Test
    void audioFlowsThroughTheRelayWhenTheDirectPathIsBlocked() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Relay room", "--ice-transport-policy", "relay");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess ann = room.botOnPeer("Ann", "--room", roomId);
        ann.hears(hostId, 440, 40);

        int mark = ann.mark();
        ann.send("stats");
        JsonNode annStats = ann.await(mark, 10, "Ann's stats", l -> "stats".equals(l.path("event").asText()));
        mark = host.mark();
        host.send("stats");
        JsonNode hostStats = host.await(mark, 10, "the host's stats", l -> "stats".equals(l.path("event").asText()));
        String dropped = nft("list table inet direct");
        System.out.println("TURN relay: listener " + annStats + ", host " + hostStats + ", packets dropped: "
                + packets(dropped));

        assertThat(annStats.path("route").asText()).as("the listener's selected candidate").isEqualTo("relay");
        assertThat(hostStats.path("route").asText()).as("the host's selected candidate").isEqualTo("relay");
        assertThat(packets(dropped)).as("direct packets the firewall dropped").isPositive();
    }

    /** The packets the drop rules counted. */
    private static long packets(String table) {
        long n = 0;
        Matcher m = Pattern.compile("counter packets (\\d+)").matcher(table);
        while (m.find()) {
            n += Long.parseLong(m.group(1));
        }
        return n;
    }
}
