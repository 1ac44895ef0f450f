package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-person listening on the real audio path, run on the mesh ({@link PersonVolumeE2EIT}) and through Janus
 * ({@link SfuPersonVolumeE2EIT}): a host bot speaks a continuous 1 kHz tone; the desktop app (its own JVM, its own
 * PulseAudio speaker) listens, and its participant menu — opened from the host's tile — turns the host down to
 * 0 %, back up, "Mute for me" on and off, then to 50 % and 200 % (about -6 and +6 dB) and back; minimized, the window
 * keeps playing. The level is measured where a person would hear it: the app's speaker sink's monitor, as RMS over
 * one second; and whether the sound is whole, as the share of 10 ms pieces that drop 10 dB under the median.
 */
abstract class PersonVolumeScenario {

    private static AudioRoom room;
    private static AudioBench.Feeder feeder;

    /** Starts a room's server in folder {@code name}: on the mesh, or on Janus with every room on the SFU. */
    static void start(String name, boolean janus) throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        if (janus) {
            require(JanusGateway.available(), "needs janus (Debian package janus)");
        }
        room = new AudioRoom(name);
        feeder = AudioBench.Feeder.endlessTone(room.net, room.dir, "Host");
        room.net.devices("App", 660);
        if (janus) {
            room.startServerWithJanus("--media-mode", "sfu");
        } else {
            room.startServer();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (feeder != null) {
            feeder.close();
        }
        if (room != null) {
            room.close();
        }
    }

    /** "mesh" or "sfu": in the printed figures and the screenshots' names. */
    abstract String path();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theParticipantMenuSetsOnePersonsLevelOnTheSpeaker() throws Exception {
        // the host sends the tone as it comes (no gain control): its level holds still, so levels compare
        BotProcess host = room.bot("Host", "--create", "Volume check", "--no-processing");
        String hostId = host.userId();
        String roomId = host.await(60, "ready").path("roomId").asText();
        BotProcess app = room.app("App");
        try {
            app.send("signin");
            app.await(60, "ready");
            command(app, "join " + roomId);

            double full = loudest(app, 10);
            report("host at 100 %%: %.1f dBFS", full);
            assertThat(full).as("the host's tone on the app's speaker at 100 %").isGreaterThan(-40);

            command(app, "volume " + hostId + " 0");
            double zero = settled(app, full, true);
            report("host at 0 %%: %.1f dBFS", zero);
            assertThat(zero).as("0 % silences the host on the speaker").isLessThan(full - 30);
            command(app, "shot volume-" + path() + "-0");

            command(app, "volume " + hostId + " 100");
            double back = settled(app, full, false);
            report("host back at 100 %%: %.1f dBFS", back);
            assertThat(back).as("back at 100 %: clearly heard again").isGreaterThan(-40);

            command(app, "local-mute " + hostId + " true");
            double muted = settled(app, full, true);
            report("host muted for me: %.1f dBFS", muted);
            assertThat(muted).as("Mute for me silences the host").isLessThan(full - 30);

            command(app, "local-mute " + hostId + " false");
            double unmuted = settled(app, full, false);
            report("host unmuted: %.1f dBFS", unmuted);
            assertThat(unmuted).as("unmuted: clearly heard again").isGreaterThan(-40);

            // minimized, the room goes on playing
            command(app, "iconify true");
            double minimized = loudest(app, 3);
            report("window minimized: %.1f dBFS", minimized);
            assertThat(minimized).as("the room's audio while the window is minimized").isGreaterThan(-40);
            command(app, "iconify false");

            // levels in between: the host leaves libwebrtc's mix and is played, scaled, by the app's personal mix
            Heard ref = listen(app, 2000);
            report("host at 100 %% before the levels: %s", ref);
            command(app, "volume " + hostId + " 50");
            Heard half = steady(app, ref.dbfs - 6);
            report("host at 50 %%: %s, %+.1f dB", half, half.dbfs - ref.dbfs);
            command(app, "shot volume-" + path() + "-50");
            assertThat(half.dbfs - ref.dbfs).as("50 % plays the host about 6 dB softer").isBetween(-9.0, -3.5);
            half = listen(app, 2000);
            report("host at 50 %%, 2 s more: %s", half);
            assertThat(half.dropouts).as("pieces of 10 ms dropping out at 50 % (at 100 %: " + ref + ")")
                    .isLessThanOrEqualTo(ref.dropouts + 0.02);

            command(app, "volume " + hostId + " 200");
            Heard twice = steady(app, ref.dbfs + 6);
            report("host at 200 %%: %s, %+.1f dB", twice, twice.dbfs - ref.dbfs);
            assertThat(twice.dbfs - ref.dbfs).as("200 % plays the host about 6 dB louder").isBetween(3.5, 9.0);

            command(app, "volume " + hostId + " 100");
            Heard again = steady(app, ref.dbfs);
            report("host back at 100 %% from 200 %%: %s, %+.1f dB", again, again.dbfs - ref.dbfs);
            assertThat(again.dbfs - ref.dbfs).as("back at 100 %: the level before").isBetween(-3.0, 3.0);
        } finally {
            app.send("quit");
            host.send("end");
        }
    }

    private void report(String format, Object... args) {
        System.out.println("person volume (" + path() + "): " + String.format(format, args));
    }

    /** The loudest 1 s RMS of up to {@code seconds} tries: waits for the tone to arrive. */
    private static double loudest(BotProcess app, int seconds) throws Exception {
        double best = -120;
        for (int i = 0; i < seconds && best < -40; i++) {
            best = Math.max(best, listen(app, 1000).dbfs);
        }
        return best;
    }

    /**
     * The 1 s RMS once it has gone quiet (30 dB under {@code full}) or is clearly heard again (over -40 dBFS), within
     * 8 tries. The loud level itself moves by several dB from second to second on a loaded machine (the jitter
     * buffer stretches and squeezes the tone), so "back" is judged against silence, not against {@code full}.
     */
    private static double settled(BotProcess app, double full, boolean quiet) throws Exception {
        double now = listen(app, 1000).dbfs;
        for (int i = 0; i < 8 && (quiet ? now > full - 30 : now < -40); i++) {
            now = listen(app, 1000).dbfs;
        }
        return now;
    }

    /**
     * One second heard once its RMS is within 2 dB of {@code expected}, within 6 tries (the change takes a moment to
     * be applied, and a new playout stream to start): the last try otherwise, for the assertion to report.
     */
    private static Heard steady(BotProcess app, double expected) throws Exception {
        Heard now = listen(app, 1000);
        for (int i = 0; i < 6 && Math.abs(now.dbfs - expected) > 2; i++) {
            now = listen(app, 1000);
        }
        return now;
    }

    /** What the speaker played: RMS in dBFS, and the share of 10 ms pieces 10 dB or more under the median piece. */
    record Heard(double dbfs, double dropouts) {
        @Override
        public String toString() {
            return String.format("%.1f dBFS, %.1f %% of 10 ms dropping out", dbfs, dropouts * 100);
        }
    }

    /** {@code ms} of the app's speaker as it plays. */
    private static Heard listen(BotProcess app, int ms) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("parec", "-d", "spkApp.monitor", "--raw", "--format=s16le",
                "--rate=48000", "--channels=1", "--latency-msec=20");
        pb.environment().putAll(room.net.pulse());
        Process parec = pb.start();
        try (InputStream in = parec.getInputStream()) {
            byte[] pcm = in.readNBytes(48 * ms * 2);
            return heard(pcm);
        } finally {
            parec.destroy();
            parec.waitFor(2, TimeUnit.SECONDS);
        }
    }

    static Heard heard(byte[] pcm) {
        int n = pcm.length / 2;
        int pieces = n / 480;
        double[] piece = new double[pieces];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768.0;
            sum += s * s;
            if (i / 480 < pieces) {
                piece[i / 480] += s * s;
            }
        }
        double rms = n == 0 ? 0 : Math.sqrt(sum / n);
        double dbfs = rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
        if (pieces == 0) {
            return new Heard(dbfs, 0);
        }
        double[] sorted = piece.clone();
        Arrays.sort(sorted);
        double median = sorted[pieces / 2];
        long low = Arrays.stream(piece).filter(p -> p < median / 10).count(); // 10 dB under, in power
        return new Heard(dbfs, median == 0 ? 0 : (double) low / pieces);
    }

    private static void command(BotProcess app, String command) throws Exception {
        int mark = app.mark();
        app.send(command);
        JsonNode result = app.await(mark, 30, command, l -> ("done".equals(l.path("event").asText())
                || "failed".equals(l.path("event").asText())) && command.equals(l.path("command").asText()));
        assertThat(result.path("event").asText()).as(command + ": " + result).isEqualTo("done");
    }
}
