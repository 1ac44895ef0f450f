package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Per-person listening on the real audio path: a host bot speaks a continuous 1 kHz tone; the desktop app (its own
 * JVM, its own PulseAudio speaker) listens, and its participant menu — opened from the host's tile — turns the
 * host down to 0 %, back up, and "Mute for me" on and off; minimized, the window keeps playing. The level is
 * measured where a person would hear it: the app's speaker sink's monitor, as RMS over one second.
 */
class PersonVolumeE2EIT {

    private static AudioRoom room;
    private static AudioBench.Feeder feeder;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        room = new AudioRoom("volume");
        feeder = AudioBench.Feeder.endlessTone(room.net, room.dir, "Host");
        room.net.devices("App", 660);
        room.startServer();
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

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void theParticipantMenuSilencesAndRestoresOnePersonOnTheSpeaker() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Volume check");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess app = room.app("App");
        try {
            app.send("signin");
            app.await(60, "ready");
            command(app, "join " + roomId);

            double full = loudest(app, 10);
            System.out.printf("person volume: host at 100 %%: %.1f dBFS%n", full);
            assertThat(full).as("the host's tone on the app's speaker at 100 %").isGreaterThan(-40);

            command(app, "volume " + hostId + " 0");
            double zero = settled(app, full, true);
            System.out.printf("person volume: host at 0 %%: %.1f dBFS%n", zero);
            assertThat(zero).as("0 % silences the host on the speaker").isLessThan(full - 30);
            command(app, "shot volume-0");

            command(app, "volume " + hostId + " 100");
            double back = settled(app, full, false);
            System.out.printf("person volume: host back at 100 %%: %.1f dBFS%n", back);
            assertThat(back).as("back at 100 %: clearly heard again").isGreaterThan(-40);

            command(app, "local-mute " + hostId + " true");
            double muted = settled(app, full, true);
            System.out.printf("person volume: host muted for me: %.1f dBFS%n", muted);
            assertThat(muted).as("Mute for me silences the host").isLessThan(full - 30);

            command(app, "local-mute " + hostId + " false");
            double unmuted = settled(app, full, false);
            System.out.printf("person volume: host unmuted: %.1f dBFS%n", unmuted);
            assertThat(unmuted).as("unmuted: clearly heard again").isGreaterThan(-40);

            // minimized, the room goes on playing
            command(app, "iconify true");
            double minimized = loudest(app, 3);
            System.out.printf("person volume: window minimized: %.1f dBFS%n", minimized);
            assertThat(minimized).as("the room's audio while the window is minimized").isGreaterThan(-40);
            command(app, "iconify false");

            // levels between 0 and 200 % are remembered but not applied yet (webrtc-java 0.14.0 has no per-track
            // gain): measured and printed so a future change shows up here
            command(app, "volume " + hostId + " 50");
            double half = level(app, 1000);
            System.out.printf("person volume: host at 50 %%: %.1f dBFS (not applied yet)%n", half);
        } finally {
            app.send("quit");
            host.send("end");
        }
    }

    /** The loudest 1 s RMS of up to {@code seconds} tries: waits for the tone to arrive. */
    private static double loudest(BotProcess app, int seconds) throws Exception {
        double best = -120;
        for (int i = 0; i < seconds && best < -40; i++) {
            best = Math.max(best, level(app, 1000));
        }
        return best;
    }

    /**
     * The 1 s RMS once it has gone quiet (30 dB under {@code full}) or is clearly heard again (over -40 dBFS), within
     * 8 tries. The loud level itself moves by several dB from second to second on a loaded machine (the jitter
     * buffer stretches and squeezes the tone), so "back" is judged against silence, not against {@code full}.
     */
    private static double settled(BotProcess app, double full, boolean quiet) throws Exception {
        double now = level(app, 1000);
        for (int i = 0; i < 8 && (quiet ? now > full - 30 : now < -40); i++) {
            now = level(app, 1000);
        }
        return now;
    }

    /** RMS of {@code ms} of the app's speaker as it plays, in dBFS. */
    private static double level(BotProcess app, int ms) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("parec", "-d", "spkApp.monitor", "--raw", "--format=s16le",
                "--rate=48000", "--channels=1", "--latency-msec=20");
        pb.environment().putAll(room.net.pulse());
        Process parec = pb.start();
        try (InputStream in = parec.getInputStream()) {
            byte[] pcm = in.readNBytes(48 * ms * 2);
            double sum = 0;
            int n = pcm.length / 2;
            for (int i = 0; i + 1 < pcm.length; i += 2) {
                double s = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8)) / 32768.0;
                sum += s * s;
            }
            double rms = n == 0 ? 0 : Math.sqrt(sum / n);
            return rms <= 1e-6 ? -120 : 20 * Math.log10(rms);
        } finally {
            parec.destroy();
            parec.waitFor(2, TimeUnit.SECONDS);
        }
    }

    private static void command(BotProcess app, String command) throws Exception {
        int mark = app.mark();
        app.send(command);
        JsonNode result = app.await(mark, 30, command, l -> ("done".equals(l.path("event").asText())
                || "failed".equals(l.path("event").asText())) && command.equals(l.path("command").asText()));
        assertThat(result.path("event").asText()).as(command + ": " + result).isEqualTo("done");
    }
}
