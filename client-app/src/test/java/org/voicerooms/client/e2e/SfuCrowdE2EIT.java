package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A big room on Janus with real audio: a host and two speakers (bots in their own JVMs, each microphone a tone of
 * its own) and a crowd of {@value #LISTENERS} listeners in one more JVM ({@code --crowd N --media sfu}: each
 * listener its own account, connection and Janus subscription). Every listener hears every speaker, a listener
 * whose client offers audio anyway is refused and heard by none, a listener brought on stage is heard by all once
 * unmuted, a moderator's mute silences a speaker whose client keeps sending
 * at every listener within a second, and a kick and the room's end stop the media.
 */
@Timeout(value = 480, unit = TimeUnit.SECONDS)
class SfuCrowdE2EIT {

    static final int LISTENERS = 50;

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(JanusGateway.available(), "needs janus (Debian package janus)");
        room = new AudioRoom("sfu-crowd");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.net.devices("Bob", 880);
        room.net.devices("Crowd", 330);
        room.startServerWithJanus("--media-mode", "sfu");
    }

    @AfterAll
    static void stop() throws Exception {
        if (room != null) {
            room.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws Exception {
        // processing off, as in SfuAudioE2EIT: a pure tone must not be taken for noise and suppressed
        List<String> all = new ArrayList<>(List.of("--media", "sfu", "--report-ms", "100", "--no-processing"));
        all.addAll(List.of(args));
        return room.bot(name, all.toArray(String[]::new));
    }

    @Test
    void aCrowdOnJanusHearsTheStageAndFollowsTheModerator() throws Exception {
        long testStart = System.nanoTime();
        BotProcess host = bot("Host", "--create", "A big room", "--max-participants", String.valueOf(LISTENERS + 10));
        String hostId = host.await(90, "ready").path("userId").asText();
        String roomId = host.await(30, "ready").path("roomId").asText();
        host.send("unmute");

        // Bob, whose client ignores the room's mutes, is brought on stage and speaks
        BotProcess bob = bot("Bob", "--room", roomId, "--ignore-room-mute");
        String bobId = bob.userId();
        bob.comeOnStage(host);
        host.hears(bobId, 880, 30);

        // the crowd comes in: every listener hears the host and Bob
        long crowdStart = System.nanoTime();
        BotProcess crowd = bot("Crowd", "--room", roomId, "--crowd", String.valueOf(LISTENERS), "--crowd-parallel",
                "4", "--tones", "330,440,660,880");
        JsonNode ready = crowd.await(0, 240, "the crowd in the room", l -> "crowd-ready".equals(
                l.path("event").asText()));
        assertThat(ready.path("failed").asInt()).as("listeners that could not join").isZero();
        List<String> crowdIds = new ArrayList<>();
        ready.path("userIds").forEach(id -> crowdIds.add(id.asText()));
        assertThat(crowdIds).hasSize(LISTENERS);
        allHear(crowd, LISTENERS, 60, hostId, 440, bobId, 880);
        System.out.printf("SFU crowd: %d listeners joined in %.1f s, all hearing the stage after %.1f s%n",
                LISTENERS, ready.path("seconds").asDouble(), (System.nanoTime() - crowdStart) / 1e9);

        // Ann joins as a listener; her client offers audio anyway: the server refuses, and no listener hears her
        BotProcess ann = bot("Ann", "--room", roomId);
        String annId = ann.userId();
        int annMark = ann.mark();
        ann.send("publish-anyway");
        JsonNode refused = ann.await(annMark, 20, "the publish refused", l -> "failed".equals(l.path("event")
                .asText()) || "done".equals(l.path("event").asText()) && "publish-anyway".equals(l.path("command")
                .asText()));
        assertThat(refused.path("code").asText()).as("Ann's publish from the audience").isEqualTo("FORBIDDEN");
        int quietMark = crowd.mark();
        quietFor(crowd, 2, "listeners", LISTENERS, l -> !l.path("hearing").has(annId));
        assertThat(crowd.lines().subList(quietMark, crowd.lines().size())).as("summaries while Ann is a listener")
                .noneMatch(l -> l.path("hearing").has(annId));

        // promoted, Ann unmutes: the whole crowd hears her too
        ann.comeOnStage(host);
        allHear(crowd, LISTENERS, 60, hostId, 440, bobId, 880, annId, 660);

        long ticks = AudioBench.cpuTicks(crowd.pid());
        long ticksAt = System.nanoTime();
        int statsMark = crowd.mark();
        crowd.send("stats");
        JsonNode got = crowd.await(statsMark, 30, "the crowd's stats", l -> "crowd-stats".equals(
                l.path("event").asText()));
        System.out.printf("SFU crowd: %d of %d subscribed, %d streams, %d packets lost of %d, a sample waits %.0f ms"
                + " in a jitter buffer on average; the crowd JVM uses %.0f%% of a core%n", got.path("subscribed")
                .asInt(), LISTENERS, got.path("streams").asInt(), got.path("packetsLost").asLong(),
                got.path("packetsReceived").asLong(), got.path("jitterBufferMs").asDouble(),
                100.0 * (AudioBench.cpuTicks(crowd.pid()) - ticks) / 100 / ((System.nanoTime() - ticksAt) / 1e9));
        assertThat(got.path("streams").asInt()).as("streams at the crowd").isEqualTo(3 * LISTENERS);

        // the host mutes Bob; his client keeps sending, yet no listener hears him within a second
        int mark = crowd.mark();
        int hostMark = host.mark();
        long commandAt = System.nanoTime();
        host.send("mute-user " + bobId);
        // timed from when the moderator's client sends it (the bot's stdin is the test's, not the product's)
        host.await(hostMark, 10, "the mute sent", l -> "sending".equals(l.path("event").asText()));
        long muteAt = arrivalOf(host, hostMark, "sending");
        double silentMs = silencedAt(crowd, mark, bobId, 880, muteAt);
        System.out.printf("SFU crowd: Bob silenced at all %d listeners %.0f ms after the moderator's client sent the"
                + " mute (%.0f ms after the test's command reached the host's stdin pipe)%n", LISTENERS, silentMs,
                silentMs + (muteAt - commandAt) / 1e6);
        assertThat(silentMs).as("ms until no listener hears Bob").isLessThan(1000);
        int bobMark = bob.mark();
        bob.send("stats");
        JsonNode stats = bob.await(bobMark, 10, "Bob's stats", l -> "stats".equals(l.path("event").asText())
                && "publish".equals(l.path("peer").asText()));
        assertThat(stats.path("state").asText()).as("Bob's client still sends").isEqualTo("CONNECTED");
        allHear(crowd, LISTENERS, 20, hostId, 440, annId, 660);

        // a kicked listener's media stops; the others go on hearing
        String kicked = crowdIds.get(0);
        mark = crowd.mark();
        host.send("kick " + kicked);
        crowd.await(mark, 15, "the kick", l -> "crowd-status".equals(l.path("event").asText())
                && kicked.equals(l.path("userId").asText()) && "KICKED".equals(l.path("status").asText()));
        JsonNode after = quietFor(crowd, 2, "listeners", LISTENERS - 1, l -> count(l, hostId, 440) == LISTENERS - 1
                && count(l, annId, 660) == LISTENERS - 1);
        assertThat(after.path("listeners").asInt()).isEqualTo(LISTENERS - 1);
        mark = crowd.mark();
        crowd.send("detail");
        JsonNode detail = crowd.await(mark, 10, "the detail", l -> "crowd-detail".equals(l.path("event").asText()));
        assertThat(detail.path("listeners").path(kicked).size()).as("what the kicked listener hears").isZero();

        // the end stops everyone's media
        mark = crowd.mark();
        host.send("end");
        int from = mark;
        for (String id : crowdIds.subList(1, crowdIds.size())) {
            crowd.await(from, 20, id + " ended", l -> "crowd-status".equals(l.path("event").asText())
                    && id.equals(l.path("userId").asText()) && "ENDED".equals(l.path("status").asText()));
        }
        quietFor(crowd, 2, "listeners", 0, l -> l.path("hearing").isEmpty());
        System.out.printf("SFU crowd test: %.0f s in all%n", (System.nanoTime() - testStart) / 1e9);
    }

    /** How many listeners a {@code crowd} summary says heard {@code tone} from {@code peer}. */
    private static int count(JsonNode summary, String peer, int tone) {
        return summary.path("hearing").path(peer).path(String.valueOf(tone)).asInt();
    }

    /**
     * Waits for a summary in which all {@code n} listeners heard each pair of {@code peerAndTone} (peer id, tone):
     * every listener hears every one of them at once.
     */
    private static void allHear(BotProcess crowd, int n, long seconds, Object... peerAndTone)
            throws InterruptedException {
        StringBuilder what = new StringBuilder("all " + n + " hearing");
        for (int i = 0; i < peerAndTone.length; i += 2) {
            what.append(' ').append(peerAndTone[i + 1]).append(" Hz from ").append(peerAndTone[i]);
        }
        crowd.await(crowd.mark(), seconds, what.toString(), l -> {
            if (!"crowd".equals(l.path("event").asText())) {
                return false;
            }
            for (int i = 0; i < peerAndTone.length; i += 2) {
                if (count(l, (String) peerAndTone[i], (Integer) peerAndTone[i + 1]) < n) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Milliseconds from {@code since} to the first summary in which no listener heard {@code tone} from
     * {@code peer}, confirmed by a second of summaries without it.
     */
    /** When the first line with {@code event} after {@code mark} arrived (this JVM's clock). */
    private static long arrivalOf(BotProcess who, int mark, String event) {
        List<JsonNode> lines = who.lines();
        for (int i = mark; i < lines.size(); i++) {
            if (event.equals(lines.get(i).path("event").asText())) {
                return who.arrivals().get(i);
            }
        }
        throw new AssertionError("no " + event + " line");
    }

    private static double silencedAt(BotProcess crowd, int mark, String peer, int tone, long since)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            List<JsonNode> lines = crowd.lines();
            List<Long> at = crowd.arrivals();
            Long silentSince = null;
            for (int i = mark; i < lines.size(); i++) {
                JsonNode l = lines.get(i);
                if (!"crowd".equals(l.path("event").asText())) {
                    continue;
                }
                if (count(l, peer, tone) > 0) {
                    silentSince = null;
                } else if (silentSince == null) {
                    silentSince = at.get(i);
                }
            }
            if (silentSince != null && at.get(at.size() - 1) - silentSince >= TimeUnit.SECONDS.toNanos(1)) {
                return (silentSince - since) / 1e6;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("listeners still hear " + tone + " Hz from " + peer + " after 15 s");
    }

    /**
     * Waits until {@code seconds} of summaries in a row show {@code key} at {@code value} and pass {@code test};
     * returns the last of them.
     */
    private static JsonNode quietFor(BotProcess crowd, long seconds, String key, int value,
                                     java.util.function.Predicate<JsonNode> test) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int from = crowd.mark();
        while (System.nanoTime() < end) {
            List<JsonNode> lines = crowd.lines();
            List<Long> at = crowd.arrivals();
            Long since = null;
            JsonNode last = null;
            for (int i = from; i < lines.size(); i++) {
                JsonNode l = lines.get(i);
                if (!"crowd".equals(l.path("event").asText())) {
                    continue;
                }
                if (l.path(key).asInt() == value && test.test(l)) {
                    since = since == null ? at.get(i) : since;
                    last = l;
                } else {
                    since = null;
                }
            }
            if (since != null && at.get(at.size() - 1) - since >= TimeUnit.SECONDS.toNanos(seconds)) {
                return last;
            }
            Thread.sleep(100);
        }
        List<JsonNode> lines = crowd.lines();
        throw new AssertionError("no " + seconds + " s of summaries with " + key + " " + value + "; last: "
                + lines.get(lines.size() - 1));
    }
}
