package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two server nodes of a cluster (one redis-server, one database, the same JWT secret) and one Janus, inside the
 * private network: the members of one room are held by different nodes and hear each other through one Janus room.
 * A speaker promoted on one node is heard at the other, and a moderator's mute sent to one node silences a speaker
 * whose publishing the other node holds.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SfuClusterE2EIT {

    private static final int NODE_A = 18081;
    private static final int NODE_B = 18082;
    private static final int REDIS = 16379;
    private static final int DATABASE = 17017;

    private static AudioRoom room;
    private static JanusGateway janus;
    private static String nodeA;
    private static String nodeB;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(JanusGateway.available(), "needs janus (Debian package janus)");
        assumeTrue(PrivateNetwork.onPath("redis-server"), "needs redis-server (Debian package redis-server)");
        room = new AudioRoom("sfu-cluster");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.net.devices("LisA", 550);
        room.net.devices("LisB", 770);
        Files.deleteIfExists(room.dir.resolve("shared.mv.db")); // a fresh database each run
        // loopback inside the namespace: only the nodes (inside it too) reach these
        room.service("redis", REDIS, "redis-server", "--port", String.valueOf(REDIS), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no");
        room.service("database", DATABASE, "java", "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                SharedDatabase.class.getName(), String.valueOf(DATABASE),
                room.dir.resolve("shared.mv.db").toString());
        janus = new JanusGateway(room.net, room.dir);
        String[] shared = {"--janus-url", janus.url, "--janus-secret", JanusGateway.SECRET, "--media-mode", "sfu",
            "--redis-uri", "redis://127.0.0.1:" + REDIS, "--mongo-uri", "mongodb://127.0.0.1:" + DATABASE,
            "--jwt-secret", "cluster-test-jwt-secret-0123456789abcdef"};
        nodeA = room.startNode(NODE_A, shared);
        nodeB = room.startNode(NODE_B, shared);
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
        if (janus != null) {
            janus.close();
        }
    }

    private static BotProcess bot(String server, String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--media", "sfu", "--report-ms", "100", "--no-processing"));
        all.addAll(List.of(args));
        return room.botAt(server, name, true, all.toArray(String[]::new));
    }

    @Test
    void membersOnDifferentNodesHearEachOtherThroughOneJanusRoom() throws Exception {
        BotProcess host = bot(nodeA, "Host", "--create", "Cluster room");
        String roomId = host.await(90, "ready").path("roomId").asText();
        String hostId = host.userId();
        host.send("unmute");

        // a listener held by node B hears the host held by node A
        BotProcess lisB = bot(nodeB, "LisB", "--room", roomId);
        lisB.hears(hostId, 440, 40);
        BotProcess lisA = bot(nodeA, "LisA", "--room", roomId);
        lisA.hears(hostId, 440, 40);

        // Ann, held by node B and ignoring the room's mutes, is promoted by the host on node A
        BotProcess ann = bot(nodeB, "Ann", "--room", roomId, "--ignore-room-mute");
        String annId = ann.userId();
        ann.hears(hostId, 440, 40);
        ann.comeOnStage(host);
        lisA.hears(annId, 660, 30); // a speaker on node B, a listener on node A
        lisB.hears(annId, 660, 30);
        host.hears(annId, 660, 30);

        // the host's mute, sent to node A, is enforced by node B (which holds Ann's publishing): her client keeps
        // sending, Janus stops forwarding her to both nodes' listeners
        host.send("mute-user " + annId);
        lisA.stopsHearing(annId, 660, 8);
        lisB.stopsHearing(annId, 660, 8);
        lisA.hears(hostId, 440, 10);

        // only her own unmute lifts it; demoted on node A, her publishing on node B ends
        ann.send("unmute");
        lisA.hears(annId, 660, 20);
        host.send("demote " + annId);
        lisA.stopsHearing(annId, 660, 20);

        // one Janus room for the room: both nodes use it, neither made a second one
        String logs = Files.readString(room.dir.resolve("server-node-" + NODE_A + ".log"))
                + Files.readString(room.dir.resolve("server-node-" + NODE_B + ".log"));
        assertThat(logs).contains("SFU room for " + roomId + " on " + janus.url);
    }
}
