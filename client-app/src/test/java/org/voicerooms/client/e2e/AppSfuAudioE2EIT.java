package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop app in a room whose audio goes through Janus, as a person uses it: the app's own screens and audio
 * path ({@link AppDriver}, which picks the SFU from the room's media descriptor; nothing forces it) inside the
 * private network with a real Janus. The app joins and hears the host's tone on its speaker, raises its hand, is
 * invited up, unmutes and is heard by the host. Screenshots go to {@code target/screenshots/e2e/}.
 */
class AppSfuAudioE2EIT {

    private static AudioRoom room;
    private static AudioBench.Feeder feeder;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        require(JanusGateway.available(), "needs janus (Debian package janus)");
        room = new AudioRoom("app-sfu");
        feeder = AudioBench.Feeder.endlessTone(room.net, room.dir, "Host");
        room.net.devices("App", 660);
        room.startServerWithJanus("--media-mode", "sfu");
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
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theAppHearsAndIsHeardThroughJanus() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Stage through the server");
        String roomId = host.await(60, "ready").path("roomId").asText();
        assertThat(host.await(10, "ready").path("media").asText()).as("the room's plan").isEqualTo("sfu");
        AudioBench.Recorder ear = new AudioBench.Recorder(room.net, "spkApp", 1600);
        ear.start();
        try {
            BotProcess app = room.app("App");
            app.send("signin");
            String appId = app.await(60, "ready").path("userId").asText();

            // the app joins through its own join path and the host's tone reaches its speaker through Janus
            double heardMs = AudioBench.appJoin(app, ear, roomId);
            System.out.printf("app on Janus: heard the host %.0f ms after the click on Join%n", heardMs);
            assertThat(heardMs).as("ms from the click on Join to the host's tone on the app's speaker")
                    .isLessThan(10_000);
            app.command("shot sfu-01-listening");

            // hand, invited up (muted), unmute: the app publishes through Janus and the host hears its 660 Hz
            app.appOnStage(host, appId);
            app.command("mute"); // the button reads "Unmute"
            host.hears(appId, 660, 20);
            app.command("shot sfu-02-speaking");
        } finally {
            ear.stop();
            host.send("end");
        }
    }

}
