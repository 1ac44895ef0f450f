package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The desktop app as a person uses it, with real audio: the app's own screens, view-models and context in their
 * own JVM ({@link AppDriver}) inside the private network, with its own PulseAudio microphone (a 660 Hz sine) and
 * speaker, driven through its views; a host bot speaks a continuous 1 kHz tone from a pipe microphone. A freshly
 * launched app joins and hears the host, its first offer answered; leaves and joins again; raises its hand, is
 * invited up, unmutes and is heard; leaves; its connection drops and comes back, and it is not back in the room as
 * a ghost. Screenshots of each step go to {@code target/screenshots/e2e/}.
 */
class AppAudioE2EIT {

    /**
     * Join click to first audio on the speaker, for one join: under the 4 s after which a lost offer would have been
     * made again (before the app listened before joining, it took 15 s), so the host's first offer was answered.
     * The goal's percentiles (250 ms p50, 400 ms p95) are the app-join bench's to measure: one join on a CPU shared
     * with other work can take a second without anything being lost.
     */
    private static final double FIRST_OFFER_MS = 3000;

    private static AudioRoom room;
    private static AudioBench.Feeder feeder;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        room = new AudioRoom("app");
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
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aFreshAppHearsTheStageIsHeardOnStageAndLeavesNoGhost() throws Exception {
        BotProcess host = room.bot("Host", "--create", "Listening party");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        AudioBench.Recorder ear = new AudioBench.Recorder(room.net, "spkApp", 1600);
        ear.start();
        try {
            BotProcess app = room.app("App");
            app.send("signin");
            String appId = app.await(60, "ready").path("userId").asText();
            step(app, "01-discover");

            // the first join after launch: the host's tone reaches the app's speaker within the goal
            List<Double> heard = new ArrayList<>();
            heard.add(AudioBench.appJoin(app, ear, roomId));
            System.out.printf("app: first join after launch, heard %.0f ms after the click%n", heard.get(0));
            assertThat(heard.get(0)).as("ms from the click on Join to the host's tone on the app's speaker, first"
                    + " join after launch").isLessThan(FIRST_OFFER_MS);
            step(app, "02-listening");

            // leave and come back: a running app's join is as quick
            app.command("leave");
            step(app, "03-left");
            Thread.sleep(700);
            heard.add(AudioBench.appJoin(app, ear, roomId));
            System.out.printf("app: second join, heard %.0f ms after the click%n", heard.get(1));
            assertThat(heard.get(1)).as("ms from the click on Join to the tone, second join")
                    .isLessThan(FIRST_OFFER_MS);

            // raise a hand, be invited up (muted, as the room says), unmute: the host hears the app's 660 Hz
            app.appOnStage(host, appId);
            step(app, "04-on-stage-muted");
            app.command("mute"); // the button reads "Unmute"
            host.hears(appId, 660, 20);
            step(app, "05-speaking");

            // leave; the network drops and comes back: the app stays out (no ghost the host would link to)
            int mark = host.mark();
            app.command("leave");
            host.await(mark, 15, "the app leaving", l -> "left".equals(l.path("event").asText())
                    && appId.equals(l.path("userId").asText()));
            step(app, "06-left-again");
            app.command("drop");
            JsonNode back = null;
            for (int i = 0; i < 100 && (back == null || !back.path("connected").asBoolean()); i++) {
                Thread.sleep(100);
                int m = app.mark();
                app.send("connected");
                back = app.await(m, 10, "connection", l -> "connection".equals(l.path("event").asText()));
            }
            assertThat(back.path("connected").asBoolean()).as("the app reconnected").isTrue();
            Thread.sleep(3000); // a rejoin, if any, would have happened by now
            int m = app.mark();
            app.send("participants " + roomId);
            JsonNode list = app.await(m, 10, "participants", l -> "participants".equals(l.path("event").asText()));
            assertThat(list.path("userIds").toString()).as("the server's participants").contains(hostId)
                    .doesNotContain(appId);
            assertThat(back.path("stateHandlers").asInt()).as("room-state handlers left by finished visits")
                    .isZero();
            host.stopsHearing(appId, 660, 10);
            step(app, "07-after-network-drop");
        } finally {
            ear.stop();
            host.send("end");
        }
    }

    /** Runs an app command and waits for it to be done. */

    private static void step(BotProcess app, String name) throws Exception {
        app.command("shot " + name);
    }
}
