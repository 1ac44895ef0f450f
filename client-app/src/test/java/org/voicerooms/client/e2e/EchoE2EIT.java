package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Echo, with speech: the desktop app on stage with loudspeakers. Its microphone hears exactly what its speaker plays,
 * 12 dB down ({@link PrivateNetwork#echoDevices}), so everything it sends is the host's own voice coming back. The
 * host's bot says sentences (espeak-ng). Measured at the same time over the same seconds: the host's voice on the
 * app's speaker, and what the host's speaker plays of the app — the echo the host would hear of themself.
 * <p>
 * With the host at 100 % the app's echo canceller has the host's voice as its far end and removes the echo. A voice
 * at another level is played by the app's personal mix, which the echo canceller does not hear (webrtc-java 0.14
 * gives no way to hand it more far-end audio): measured so, the host's echo came back only 1.6 dB under the host's
 * voice at the app. So while the app's microphone is live with echo cancellation on, levels are held at 100 %: the
 * host at 50 % stays cancelled, and the 50 % applies once the app mutes. With echo cancellation off in Settings
 * (headphones) it applies with the microphone live, from the next room on (Settings reach the audio engine).
 */
class EchoE2EIT {

    private static final List<String> SENTENCES = List.of(
            "Welcome to the room. Tonight we talk about audio software.",
            "Echo is your own voice coming back from somebody else's loudspeakers.",
            "A good echo canceller removes it, and nobody notices.");

    private static AudioRoom room;
    private static Speech speech;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        require(Speech.available(), "needs espeak-ng (Debian package espeak-ng)");
        room = new AudioRoom("echo");
        speech = Speech.into(room.net, room.dir, "Host", SENTENCES);
        room.net.echoDevices("App", -12);
        room.startServer();
    }

    @AfterAll
    static void stop() throws Exception {
        if (speech != null) {
            speech.close();
        }
        if (room != null) {
            room.close();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theHostDoesNotHearThemselfFromTheAppsLoudspeakers() throws Exception {
        // the host's own processing off: its voice goes out as said, whatever its speaker plays (with its echo
        // canceller on, the app's echo on its speaker made it turn its own voice down by a dB or two)
        BotProcess host = room.bot("Host", "--create", "Echo check", "--no-processing");
        String hostId = host.userId();
        String roomId = host.await(60, "ready").path("roomId").asText();
        BotProcess app = room.app("App");
        try {
            app.send("signin");
            String appId = app.await(60, "ready").path("userId").asText();
            app.command("join " + roomId);
            app.appOnStage(host, appId);
            app.command("mute"); // the button reads "Unmute": the app's microphone goes out now

            Thread.sleep(8_000); // the echo canceller learns the path while the host talks
            Echo full = measure();
            System.out.printf("echo: host at 100 %%: %s (windows of %.1f s)%n", full, speech.seconds());
            assertThat(full.voice).as("the host's voice on the app's speaker").isGreaterThan(-40);
            assertThat(full.down()).as("dB between the host's voice at the app and a typical second of its echo "
                    + "back at the host (12 dB of that is the room; the rest the echo canceller): " + full)
                    .isGreaterThan(30);

            // 50 % while the microphone is live: held at 100 %, so the echo canceller still hears the host
            app.command("volume " + hostId + " 50");
            Thread.sleep(3_000);
            Echo held = measure();
            System.out.printf("echo: host set to 50 %% with the app's microphone live (held at 100 %%): %s%n", held);
            assertThat(held.down()).as("held: still cancelled: " + held).isGreaterThan(30);
            assertThat(held.voice - full.voice).as("held: the host plays as loud as at 100 %").isBetween(-3.0, 3.0);

            // the app mutes: nothing goes out, and the 50 % applies
            app.command("mute");
            Thread.sleep(2_000);
            Echo muted = measure();
            System.out.printf("echo: the app muted, host at 50 %%: %s, %+.1f dB against 100 %%%n", muted,
                    muted.voice - full.voice);
            assertThat(muted.voice - full.voice).as("muted: the 50 % applies").isBetween(-9.0, -3.5);
            assertThat(muted.echo).as("muted: nothing of the app reaches the host").isLessThan(-60);

            // unmuted again: held at 100 % once more, and cancelled
            app.command("mute");
            Thread.sleep(3_000);
            Echo back = measure();
            System.out.printf("echo: the app unmuted again: %s%n", back);
            assertThat(back.down()).as("unmuted: cancelled again: " + back).isGreaterThan(30);
            assertThat(back.voice - full.voice).as("unmuted: held at 100 % again").isBetween(-3.0, 3.0);

            // on headphones: echo cancellation off in Settings, from the next room on levels apply with the mic live
            app.command("leave");
            app.command("echo-cancellation false");
            app.command("join " + roomId);
            app.appOnStage(host, appId);
            app.command("mute");
            Thread.sleep(3_000);
            Echo phones = measure();
            System.out.printf("echo: echo cancellation off, on stage and unmuted, host at 50 %%: %s, %+.1f dB against "
                    + "100 %% (no canceller: the echo is what loudspeakers would send back)%n", phones,
                    phones.voice - full.voice);
            assertThat(phones.voice - full.voice).as("echo cancellation off: the 50 % applies with the mic live")
                    .isBetween(-9.0, -3.5);
            assertThat(phones.typicalSecond()).as("echo cancellation off: the app's microphone goes out uncancelled")
                    .isGreaterThan(back.typicalSecond() + 20);
        } finally {
            app.send("quit");
            host.send("end");
        }
    }

    /** The host's voice on the app's speaker, and the app on the host's speaker, in dBFS RMS. */
    /**
     * The host's voice at the app and the app at the host over the whole window (dBFS RMS), and the echo's seconds:
     * its median second and its loudest. Now and then the canceller leaks for a second or two (it re-learns the
     * path); the whole window's RMS is then that second's, so the typical second is what is judged, and the loudest
     * is reported.
     */
    record Echo(double voice, double echo, double typicalSecond, double loudestSecond) {
        /** dB between the voice and the echo's median second. */
        double down() {
            return voice - typicalSecond;
        }

        @Override
        public String toString() {
            return String.format("voice at the app %.1f dBFS, echo at the host %.1f dBFS over the window, median "
                    + "second %.1f dB down, loudest second %.1f dB down", voice, echo, down(), voice - loudestSecond);
        }
    }

    /**
     * Both speakers over the same seconds: as long as the sentences once through, so that every measure hears all of
     * them and levels compare whatever the phase.
     */
    private static Echo measure() throws Exception {
        double seconds = speech.seconds();
        CompletableFuture<byte[]> voice = CompletableFuture.supplyAsync(() -> record("spkApp", seconds));
        CompletableFuture<byte[]> echo = CompletableFuture.supplyAsync(() -> record("spkHost", seconds));
        byte[] back = echo.get();
        java.util.List<Double> each = new java.util.ArrayList<>();
        for (int at = 0; at + 96_000 <= back.length; at += 96_000) {
            each.add(Loudness.dbfs(java.util.Arrays.copyOfRange(back, at, at + 96_000)));
        }
        java.util.Collections.sort(each);
        return new Echo(Loudness.dbfs(voice.get()), Loudness.dbfs(back), each.get(each.size() / 2),
                each.get(each.size() - 1));
    }

    private static byte[] record(String sink, double seconds) {
        try {
            return room.net.record(sink, seconds);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
