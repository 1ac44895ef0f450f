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
 * Audio through Janus: bots in separate JVMs with real libwebrtc audio (each microphone a sine wave of its own),
 * a real server driving a real Janus, all inside a private network namespace. Only the server talks to Janus; the
 * bots only to the server. Checks who hears whom, that a listener cannot publish, and that a moderator's mute is
 * enforced at the SFU even against a client that keeps sending.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SfuAudioE2EIT {

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(JanusGateway.available(), "needs janus (Debian package janus)");
        room = new AudioRoom("sfu");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.net.devices("Bob", 550);
        room.net.devices("Eve", 880);
        room.startServerWithJanus("--media-mode", "sfu");
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws Exception {
        // Audio processing off: with it on, one speaker's pure tone went silent while the other's sounded (seen in
        // this test; packets stopped, as with DTX after suppression), and this test is about what the SFU forwards.
        List<String> all = new java.util.ArrayList<>(List.of("--media", "sfu", "--report-ms", "100",
                "--no-processing"));
        all.addAll(List.of(args));
        return room.bot(name, all.toArray(String[]::new));
    }

    @Test
    void theStageIsHeardThroughJanusAndOnlyTheServerDecidesWhoSpeaks() throws Exception {
        BotProcess host = bot("Host", "--create", "SFU room");
        host.await(90, "ready"); // a JVM's start takes long on a loaded machine
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        host.send("unmute");

        // a listener hears the host through Janus
        BotProcess bob = bot("Bob", "--room", roomId);
        String bobId = bob.userId();
        bob.hears(hostId, 440, 30);

        // Ann, a client that ignores the room's mutes, comes on stage and is heard by the host and Bob
        BotProcess ann = bot("Ann", "--room", roomId, "--ignore-room-mute");
        String annId = ann.userId();
        ann.hears(hostId, 440, 30);
        ann.comeOnStage(host);
        bob.hears(annId, 660, 30);
        host.hears(annId, 660, 30);

        // Eve, a listener whose client offers audio anyway, is refused by the server and heard by nobody
        BotProcess eve = bot("Eve", "--room", roomId);
        String eveId = eve.userId();
        eve.hears(hostId, 440, 30);
        int mark = eve.mark();
        eve.send("publish-anyway");
        JsonNode refused = eve.await(mark, 20, "the publish refused", l -> "failed".equals(l.path("event").asText())
                || "done".equals(l.path("event").asText()) && "publish-anyway".equals(l.path("command").asText()));
        assertThat(refused.path("event").asText()).as("Eve's publish").isEqualTo("failed");
        assertThat(refused.path("code").asText()).isEqualTo("FORBIDDEN");
        int bobMark = bob.mark();
        Thread.sleep(2000); // a window in which Eve's audio would have arrived
        for (BotProcess who : List.of(host, bob, ann)) {
            assertThat(who.lines()).as(who.name + " hears nothing from Eve").noneMatch(l -> "hear".equals(
                    l.path("event").asText()) && eveId.equals(l.path("peer").asText()));
        }
        assertThat(bob.lines().subList(bobMark, bob.lines().size())).as("Bob still hears Ann")
                .anyMatch(l -> heard(l, annId, 660));

        // the host mutes Ann as a moderator; her client keeps sending, Janus stops forwarding her at once
        List<BotProcess> listeners = List.of(bob, host);
        int[] marks = {bob.mark(), host.mark()};
        long muteAt = System.nanoTime();
        host.send("mute-user " + annId);
        double[] gaps = silencedWithin(listeners, marks, annId, 660, muteAt);
        double bobGapMs = gaps[0];
        double hostGapMs = gaps[1];
        System.out.printf("SFU moderator mute: last report of Ann's tone at Bob %.0f ms after the mute was sent"
                + " (first report without it %.0f ms), at the host %.0f ms (%.0f ms)%n", bobGapMs,
                firstWithout(bob, marks[0], annId, 660, muteAt), hostGapMs, firstWithout(host, marks[1], annId, 660,
                muteAt));
        assertThat(bobGapMs).as("ms until Bob stops hearing Ann").isLessThan(1000);
        assertThat(hostGapMs).as("ms until the host stops hearing Ann").isLessThan(1000);
        bob.stopsHearing(annId, 660, 10);
        int annMark = ann.mark();
        ann.send("stats");
        JsonNode stats = ann.await(annMark, 10, "Ann's stats", l -> "stats".equals(l.path("event").asText())
                && "publish".equals(l.path("peer").asText()));
        assertThat(stats.path("state").asText()).as("Ann's client still sends").isEqualTo("CONNECTED");

        // only Ann's own unmute lifts it
        ann.send("unmute");
        bob.hears(annId, 660, 20);

        // demoted, Ann's publishing ends
        host.send("demote " + annId);
        bob.stopsHearing(annId, 660, 20);

        // kicked, Bob's media stops
        mark = bob.mark();
        host.send("kick " + bobId);
        bob.await(mark, 10, "kicked", l -> "KICKED".equals(l.path("status").asText()));
        bob.stopsHearing(hostId, 440, 20);

        // the end tears everyone's media down
        mark = ann.mark();
        host.send("end");
        ann.await(mark, 10, "the end", l -> "ENDED".equals(l.path("status").asText()));
        ann.stopsHearing(hostId, 440, 20);
    }

    private static boolean heard(JsonNode l, String peer, int tone) {
        return "hear".equals(l.path("event").asText()) && peer.equals(l.path("peer").asText())
                && l.path("tone").asInt() == tone;
    }

    /** Milliseconds from {@code since} to the first report of {@code peer} without {@code tone} (from the log). */
    private static double firstWithout(BotProcess who, int mark, String peer, int tone, long since) {
        List<JsonNode> lines = who.lines();
        for (int i = mark; i < lines.size(); i++) {
            JsonNode l = lines.get(i);
            if ("hear".equals(l.path("event").asText()) && peer.equals(l.path("peer").asText())
                    && l.path("tone").asInt() != tone) {
                return (who.arrivals().get(i) - since) / 1e6;
            }
        }
        return Double.NaN;
    }

    /**
     * Milliseconds from {@code since} until each of {@code who} stopped hearing {@code tone} from {@code peer}: when
     * its last report with it arrived (reports every 100 ms, read every 20 ms), confirmed by 1 s of reports
     * without it.
     */
    private static double[] silencedWithin(List<BotProcess> who, int[] marks, String peer, int tone, long since)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long[] lastHeard = new long[who.size()];
        int[] seen = marks.clone();
        java.util.Arrays.fill(lastHeard, since);
        while (System.nanoTime() < end) {
            boolean allQuiet = true;
            for (int b = 0; b < who.size(); b++) {
                List<JsonNode> lines = who.get(b).lines();
                for (int i = seen[b]; i < lines.size(); i++) {
                    if (heard(lines.get(i), peer, tone)) {
                        lastHeard[b] = System.nanoTime();
                    }
                }
                seen[b] = lines.size();
                allQuiet &= System.nanoTime() - lastHeard[b] > TimeUnit.SECONDS.toNanos(1);
            }
            if (allQuiet) {
                return java.util.Arrays.stream(lastHeard).mapToDouble(t -> (t - since) / 1e6).toArray();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("still hearing " + tone + " Hz from " + peer + " after 10 s");
    }
}
