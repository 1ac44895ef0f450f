package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.io.IOException;
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
            app.command("join " + roomId);

            double full = loudest(app, 10);
            report("host at 100 %%: %.1f dBFS", full);
            assertThat(full).as("the host's tone on the app's speaker at 100 %").isGreaterThan(-40);

            app.command("volume " + hostId + " 0");
            double zero = settled(app, full, true);
            report("host at 0 %%: %.1f dBFS", zero);
            assertThat(zero).as("0 % silences the host on the speaker").isLessThan(full - 30);
            app.command("shot volume-" + path() + "-0");

            app.command("volume " + hostId + " 100");
            double back = settled(app, full, false);
            report("host back at 100 %%: %.1f dBFS", back);
            assertThat(back).as("back at 100 %: clearly heard again").isGreaterThan(-40);

            app.command("local-mute " + hostId + " true");
            double muted = settled(app, full, true);
            report("host muted for me: %.1f dBFS", muted);
            assertThat(muted).as("Mute for me silences the host").isLessThan(full - 30);

            app.command("local-mute " + hostId + " false");
            double unmuted = settled(app, full, false);
            report("host unmuted: %.1f dBFS", unmuted);
            assertThat(unmuted).as("unmuted: clearly heard again").isGreaterThan(-40);

            // minimized, the room goes on playing
            app.command("iconify true");
            double minimized = loudest(app, 3);
            report("window minimized: %.1f dBFS", minimized);
            assertThat(minimized).as("the room's audio while the window is minimized").isGreaterThan(-40);
            app.command("iconify false");

            // levels in between: the host leaves libwebrtc's mix and is played, scaled, by the app's personal mix
            Heard ref = listen(app, 2000);
            report("host at 100 %% before the levels: %s", ref);
            app.command("volume " + hostId + " 50");
            Heard half = steady(app, ref.dbfs - 6);
            report("host at 50 %%: %s, %+.1f dB", half, half.dbfs - ref.dbfs);
            app.command("shot volume-" + path() + "-50");
            assertThat(half.dbfs - ref.dbfs).as("50 % plays the host about 6 dB softer").isBetween(-9.0, -3.5);
            half = listen(app, 2000);
            report("host at 50 %%, 2 s more: %s", half);
            assertThat(half.dropouts).as("pieces of 10 ms dropping out at 50 % (at 100 %: " + ref + ")")
                    .isLessThanOrEqualTo(ref.dropouts + 0.02);

            app.command("volume " + hostId + " 200");
            Heard twice = steady(app, ref.dbfs + 6);
            report("host at 200 %%: %s, %+.1f dB", twice, twice.dbfs - ref.dbfs);
            assertThat(twice.dbfs - ref.dbfs).as("200 % plays the host about 6 dB louder").isBetween(3.5, 9.0);

            app.command("volume " + hostId + " 100");
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
        return heard(room.net.record("spkApp", ms / 1000.0));
    }

    static Heard heard(byte[] pcm) {
        return new Heard(Loudness.dbfs(pcm), Loudness.dropouts(pcm));
    }

}
