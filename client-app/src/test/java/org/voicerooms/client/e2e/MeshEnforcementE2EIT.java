package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Roles in the mesh's media path: every receiver plays a peer only while the room has it speaking (on stage, not
 * muted), so modified clients that send anyway (a listener, a speaker a moderator muted) are not heard.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MeshEnforcementE2EIT {

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        room = new AudioRoom("mesh-enforcement");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.net.devices("Bob", 550);
        room.net.devices("Eve", 880);
        room.startServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("--report-ms", "100", "--no-processing"));
        all.addAll(List.of(args));
        return room.bot(name, all.toArray(String[]::new));
    }

    @Test
    void modifiedClientsThatKeepSendingAreNotHeard() throws Exception {
        BotProcess host = bot("Host", "--create", "Enforced mesh");
        host.await(90, "ready"); // a JVM's start takes long on a loaded machine
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess bob = bot("Bob", "--room", roomId);
        bob.hears(hostId, 440, 30);

        // Eve's client sends her microphone from the audience; the host, linked to her, does not play it
        BotProcess eve = bot("Eve", "--room", roomId, "--ignore-room-mute");
        String eveId = eve.userId();
        eve.hears(hostId, 440, 30);
        Thread.sleep(3000);
        assertThat(bytesSent(eve, hostId)).as("Eve's client sends to the host").isPositive();
        assertThat(host.lines()).as("the host hears nothing from Eve").noneMatch(l -> "hear".equals(
                l.path("event").asText()) && eveId.equals(l.path("peer").asText()));

        // Ann, also modified, speaks; a moderator's mute silences her at Bob though her client keeps sending
        BotProcess ann = bot("Ann", "--room", roomId, "--ignore-room-mute");
        String annId = ann.userId();
        int mark = host.mark();
        ann.send("raise-hand");
        host.await(mark, 10, "Ann's hand", l -> "hand-raised".equals(l.path("event").asText()));
        int annMark = ann.mark();
        host.send("promote " + annId);
        ann.await(annMark, 15, "Ann on stage", l -> "role".equals(l.path("event").asText())
                && annId.equals(l.path("userId").asText()));
        ann.send("unmute");
        bob.hears(annId, 660, 30);
        int bobMark = bob.mark();
        long muteAt = System.nanoTime();
        host.send("mute-user " + annId);
        double silentMs = silencedAfter(bob, bobMark, annId, 660, muteAt);
        System.out.printf("Mesh moderator mute: last report of Ann's tone at Bob %.0f ms after the mute was sent%n",
                silentMs);
        assertThat(silentMs).as("ms until Bob stops hearing Ann").isLessThan(1000);
        double before = bytesSent(ann, bobId(bob));
        Thread.sleep(1000);
        assertThat(bytesSent(ann, bobId(bob))).as("Ann's client keeps sending to Bob").isGreaterThan(before);

        ann.send("unmute");
        bob.hears(annId, 660, 20);
    }

    private static String bobId(BotProcess bob) throws InterruptedException {
        return bob.userId();
    }

    /** Bytes {@code who} has sent on its link to {@code peer}, from its {@code stats}. */
    private static double bytesSent(BotProcess who, String peer) throws InterruptedException, java.io.IOException {
        int mark = who.mark();
        who.send("stats");
        JsonNode line = who.await(mark, 10, "stats for " + peer, l -> "stats".equals(l.path("event").asText())
                && peer.equals(l.path("peer").asText()));
        return line.path("bytesSent").asDouble();
    }

    /** Milliseconds from {@code since} to the last report of the tone, confirmed by 1 s without it. */
    private static double silencedAfter(BotProcess who, int mark, String peer, int tone, long since)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long last = since;
        int seen = mark;
        while (System.nanoTime() < end) {
            List<JsonNode> lines = who.lines();
            for (int i = seen; i < lines.size(); i++) {
                JsonNode l = lines.get(i);
                if ("hear".equals(l.path("event").asText()) && peer.equals(l.path("peer").asText())
                        && l.path("tone").asInt() == tone) {
                    last = System.nanoTime();
                }
            }
            seen = lines.size();
            if (System.nanoTime() - last > TimeUnit.SECONDS.toNanos(1)) {
                return (last - since) / 1e6;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(who.name + " kept hearing " + tone + " Hz from " + peer);
    }
}
