package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code sfu-load} phase of {@link AudioBench}: how many listener tracks Janus carries per core, and at what
 * loss. Two speakers (10 ms packets, as the app sends) on stage; listeners come in steps ({@code bench.sfuListeners},
 * totals, default 50,150,300), in crowd JVMs of up to {@code bench.sfuCrowdSize} (50) that decode everything as
 * real listeners do, and all must hear both speakers. At each step, over {@code bench.cpuSeconds}: Janus's CPU from
 * /proc/PID/stat (per track in all, and per track added since the last step, which leaves Janus's fixed costs
 * out), the loss and the packets received over all subscriptions (their RTP statistics), and the crowds' CPU: on
 * one machine the crowds' decoding is what limits the room's size. Stops growing at 1 % loss or when listeners
 * cannot join. Exits 1 (through {@link AudioBench#check}) when Janus carries fewer than
 * {@code bench.minTracksPerCore} (500, half the goal of 1,000) listener tracks per core at the largest room under
 * 1 % loss, or loses more than {@code bench.maxSfuLossPercent} (2 %) at the first step.
 */
final class SfuLoadBench {

    private static final double GOAL_LOSS_PERCENT = 1;

    private final AudioRoom room;
    private final JanusGateway janus;
    private final List<BotProcess> crowds = new ArrayList<>();
    private final java.util.Map<BotProcess, Integer> sizes = new java.util.HashMap<>();
    /** When each crowd's statistics last came. */
    private final java.util.Map<BotProcess, Long> asked = new java.util.HashMap<>();

    SfuLoadBench(AudioRoom room, JanusGateway janus) {
        this.room = room;
        this.janus = janus;
    }

    private static void report(String line, Object... args) {
        System.out.printf(Locale.ROOT, "[audio-bench] " + line + "%n", args);
    }

    void run(int cpuSeconds) throws Exception {
        List<Integer> steps = new ArrayList<>();
        for (String s : System.getProperty("bench.sfuListeners", "50,150,300").split(",")) {
            steps.add(Integer.parseInt(s.strip()));
        }
        double minTracksPerCore = Double.parseDouble(System.getProperty("bench.minTracksPerCore", "500"));
        double maxLoss = Double.parseDouble(System.getProperty("bench.maxSfuLossPercent", "2"));
        String comm = Files.readString(Path.of("/proc", String.valueOf(janus.pid()), "comm")).strip();
        if (!comm.startsWith("janus")) {
            AudioBench.check(false, "sfu load: process %d is %s, not Janus", janus.pid(), comm);
            return;
        }
        room.net.devices("LoadHost", 440);
        room.net.devices("LoadSpeaker", 660);
        int capacity = steps.get(steps.size() - 1) + 10;
        BotProcess host = room.bot("LoadHost", "--media", "sfu", "--no-processing", "--create", "SFU load",
                "--max-participants", String.valueOf(capacity));
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        host.send("unmute");
        BotProcess speaker = room.bot("LoadSpeaker", "--media", "sfu", "--no-processing", "--room", roomId);
        String speakerId = speaker.userId();
        int mark = host.mark();
        speaker.send("raise-hand");
        host.await(mark, 20, "a hand", l -> "hand-raised".equals(l.path("event").asText()));
        mark = speaker.mark();
        host.send("promote " + speakerId);
        speaker.await(mark, 20, "on stage", l -> "role".equals(l.path("event").asText())
                && speakerId.equals(l.path("userId").asText()));
        speaker.send("unmute");
        host.hears(speakerId, 660, 30);
        int speakers = 2;

        int perJvm = Integer.getInteger("bench.sfuCrowdSize", 50);
        int listeners = 0;
        double bestTracksPerCore = Double.NaN;
        int reached = 0;
        double lastCpu = Double.NaN;
        int lastTracks = 0;
        try {
            for (int target : steps) {
                while (listeners < target) {
                    int n = Math.min(perJvm, target - listeners);
                    if (!join(roomId, n)) {
                        AudioBench.check(false, "sfu load: listeners could not all join at %d", listeners + n);
                        return;
                    }
                    listeners += n;
                }
                // every listener hears both speakers (each crowd prints a summary a second)
                for (BotProcess c : crowds) {
                    int size = sizes.get(c);
                    c.await(c.mark(), 90, "all " + size + " hearing both speakers",
                            l -> heardByAll(l, hostId, 440, speakerId, 660, size));
                }
                Thread.sleep(3000); // renegotiations settle before the window
                long[] expected = {0};
                long[] before = received(null);
                long janusBefore = AudioBench.cpuTicks(janus.pid());
                long crowdBefore = crowdTicks();
                long t0 = System.nanoTime();
                Thread.sleep(cpuSeconds * 1000L);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double janusCpu = (AudioBench.cpuTicks(janus.pid()) - janusBefore) / seconds; // % of a core
                double crowdCpu = (crowdTicks() - crowdBefore) / seconds;
                long[] after = received(expected);
                long got = after[0] - before[0];
                long lost = after[1] - before[1];
                double loss = got + lost > 0 ? 100.0 * lost / (got + lost) : Double.NaN;
                int tracks = listeners * speakers;
                double perCore = tracks / (janusCpu / 100);
                // the cost of one more track: the growth since the last step (Janus's fixed costs left out)
                double marginal = (tracks - lastTracks) / ((janusCpu - lastCpu) / 100);
                // each speaker sends 100 packets a second (10 ms packets): what every track should deliver over
                // its crowd's own window (each crowd is asked in turn)
                double delivered = 100.0 * got / (expected[0] * 100.0 / 1e9);
                report("sfu load: %d listeners in %d crowd JVMs, %d listener tracks, over %.0f s: Janus %.1f%% of a"
                                + " core, %.0f tracks per core (%.0f per core for the tracks added since the last"
                                + " step); loss %.2f%%, %.1f%% of the expected packets received (%d streams); the"
                                + " crowds, decoding all, %.0f%% of a core; mean jitter buffer %.0f ms; load %s",
                        listeners, crowds.size(), tracks, seconds, janusCpu, perCore, marginal, loss, delivered,
                        after[2], crowdCpu, after[3] / 10.0, Files.readString(Path.of("/proc/loadavg")).strip());
                if (lastTracks == 0) {
                    AudioBench.check(loss <= maxLoss, "sfu load: %.2f%% loss at %d listener tracks (at most %.1f%%)",
                            loss, tracks, maxLoss);
                }
                lastCpu = janusCpu;
                lastTracks = tracks;
                if (after[2] < tracks) {
                    report("sfu load: only %d of %d streams reported their statistics (the crowds overloaded):"
                            + " stopping here", after[2], tracks);
                    break;
                }
                if (loss < GOAL_LOSS_PERCENT) {
                    reached = tracks;
                    bestTracksPerCore = perCore;
                } else {
                    report("sfu load: %.2f%% loss at %d tracks: stopping here", loss, tracks);
                    break;
                }
            }
        } finally {
            report("sfu load: largest room under %.0f%% loss: %d listener tracks, Janus %.0f tracks per core (goal"
                    + " 1000)", GOAL_LOSS_PERCENT, reached, bestTracksPerCore);
            AudioBench.check(bestTracksPerCore >= minTracksPerCore, "sfu load: Janus %.0f listener tracks per core"
                    + " (at least %.0f)", bestTracksPerCore, minTracksPerCore);
            host.send("end");
            for (BotProcess c : crowds) {
                c.close();
            }
            host.close();
            speaker.close();
        }
    }

    /** Starts a crowd JVM of {@code n} listeners; whether all came in. */
    private boolean join(String roomId, int n) throws Exception {
        String name = "LoadCrowd" + crowds.size();
        room.net.devices(name, 330);
        BotProcess crowd = room.bot(name, "--media", "sfu", "--no-processing", "--room", roomId, "--crowd",
                String.valueOf(n), "--crowd-parallel", "6", "--report-ms", "1000", "--tones", "330,440,660,880");
        crowds.add(crowd);
        sizes.put(crowd, n);
        long started = System.nanoTime();
        JsonNode ready = crowd.await(0, 60 + n, "the crowd in", l -> "crowd-ready".equals(l.path("event")
                .asText()));
        report("sfu load: %d more listeners joined in %.1f s, %d failed", n, (System.nanoTime() - started) / 1e9,
                ready.path("failed").asInt());
        return ready.path("failed").asInt() == 0;
    }

    private static boolean heardByAll(JsonNode l, String a, int aTone, String b, int bTone, int n) {
        return "crowd".equals(l.path("event").asText())
                && l.path("hearing").path(a).path(String.valueOf(aTone)).asInt() >= n
                && l.path("hearing").path(b).path(String.valueOf(bTone)).asInt() >= n;
    }

    /**
     * Packets received, lost, streams, and ten times the mean jitter buffer ms, over every crowd. {@code expected}
     * (null: none) gets, added, each crowd's streams times the nanoseconds since its last stats.
     */
    private long[] received(long[] expected) throws Exception {
        long[] sum = new long[4];
        double buffer = 0;
        for (BotProcess c : crowds) {
            int mark = c.mark();
            c.send("stats");
            JsonNode s = c.await(mark, 90, "stats", l -> "crowd-stats".equals(l.path("event").asText()));
            long now = System.nanoTime();
            if (expected != null) {
                expected[0] += s.path("streams").asLong() * (now - asked.getOrDefault(c, now));
            }
            asked.put(c, now);
            sum[0] += s.path("packetsReceived").asLong();
            sum[1] += s.path("packetsLost").asLong();
            sum[2] += s.path("streams").asLong();
            buffer += s.path("jitterBufferMs").asDouble() * s.path("streams").asLong();
        }
        sum[3] = sum[2] == 0 ? 0 : Math.round(10 * buffer / sum[2]);
        return sum;
    }

    private long crowdTicks() throws Exception {
        long sum = 0;
        for (BotProcess c : crowds) {
            sum += AudioBench.cpuTicks(c.pid());
        }
        return sum;
    }
}
