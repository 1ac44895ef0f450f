package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.layout.Pane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.testing.Environment;

/**
 * The real desktop app, headless (Monocle), against a real server on loopback, with a headless participant on the
 * client core: sign in as a guest, create a room, host on stage; the participant joins, raises a hand, is approved
 * onto the stage, is kicked and cannot come back; settings lists the audio devices of a private PulseAudio.
 * Screenshots of each step go to {@code target/screenshots/}.
 */
@ExtendWith(ApplicationExtension.class)
class DesktopAppUiIT {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static Path dir;
    private static TestServer server;
    private static Process pulse;
    private AppContext app;
    private DesktopApp.Screens screens;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("voicerooms-ui");
        server = new TestServer(dir.resolve("server"));
        pulse = startPulse();
    }

    /** A private PulseAudio with a named microphone and speaker, if this machine has pulseaudio (CI does). */
    private static Process startPulse() throws IOException, InterruptedException {
        String socket = System.getenv("PULSE_SERVER");
        if (socket == null || !onPath("pulseaudio")) {
            // the UI test runs without devices here; where the environment is required, that part may not be lost
            if (Environment.required()) {
                throw new AssertionError("the device part of the UI test needs pulseaudio and PULSE_SERVER");
            }
            return null;
        }
        Path runtime = Path.of(socket.substring("unix:".length())).getParent().getParent();
        Files.createDirectories(runtime);
        ProcessBuilder pb = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--load=module-native-protocol-unix", "--disallow-exit").redirectErrorStream(true)
                .redirectOutput(runtime.resolve("pulseaudio.log").toFile());
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(runtime.resolve("pulse/native"))) { // the daemon's socket: it is up and listening
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroy();
                throw new IOException("the private PulseAudio did not come up; see "
                        + runtime.resolve("pulseaudio.log"));
            }
            Thread.sleep(20);
        }
        pactl(runtime, "load-module", "module-null-sink", "sink_name=spkUi", "sink_properties=device.description=spkUi");
        // a sine played into a null sink, read through a remapped source: not module-sine-source, whose fixed 2 s
        // latency hands the microphone's readers 2 s bursts (the level meter then swings with the bursts)
        pactl(runtime, "load-module", "module-null-sink", "sink_name=toneUi",
                "sink_properties=device.description=toneUi");
        pactl(runtime, "load-module", "module-sine", "sink=toneUi", "frequency=440");
        pactl(runtime, "load-module", "module-remap-source", "source_name=micUi", "master=toneUi.monitor",
                "source_properties=device.description=micUi");
        return p;
    }

    private static void pactl(Path runtime, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("pactl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("XDG_RUNTIME_DIR", runtime.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pactl " + String.join(" ", args) + " failed: " + out);
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @AfterAll
    static void stopServer() {
        server.close();
        if (pulse != null) {
            pulse.destroy();
        }
    }

    @Start
    void start(Stage stage) {
        app = new AppContext(server.options(dir.resolve("app"), pulse != null), Platform::runLater);
        screens = new DesktopApp.Screens(app, stage);
        screens.show();
    }

    private void shot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(() -> screens.snapshot(SHOTS.resolve(name + ".png")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void until(FxRobot robot, String what, BooleanSupplier condition) {
        AppUi.until(what, condition);
    }

    private static boolean inside(FxRobot robot, String pane, String nodeId) {
        return robot.lookup(pane).tryQueryAs(Pane.class).map(p -> p.getChildren().stream()
                .anyMatch(n -> nodeId.equals(n.getId()))).orElse(false);
    }

    @Test
    void hostARoomRunTheStageAndCheckTheDevices(FxRobot robot) throws Exception {
        shot("01-sign-in");
        robot.clickOn("#displayName").write("Hana Host");
        robot.clickOn("#guest");
        until(robot, "discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());
        shot("02-discover");

        robot.clickOn("#newRoom");
        until(robot, "the form", () -> robot.lookup("#createRoomScreen").tryQuery().isPresent());
        robot.clickOn("#createRoom"); // no title: the server says why, next to the field
        until(robot, "title error", () -> robot.lookup("#titleError").tryQuery().map(Node::isVisible)
                .orElse(false));
        shot("03-create-room-error");
        robot.clickOn("#title").write("Friday jam");
        robot.clickOn("#createRoom");
        until(robot, "the room", () -> robot.lookup("#roomScreen").tryQuery().isPresent());
        String me = app.api().session().user().id();
        until(robot, "host on stage", () -> inside(robot, "#stage", "person-" + me));
        java.util.concurrent.atomic.AtomicReference<String> cue = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            // on stage and unmuted: "You're live", or "You're speaking — live" while the sine microphone is heard
            until(robot, "the cue", () -> {
                cue.set(robot.lookup("#cue").queryLabeled().getText());
                return cue.get().equals("You're live") || cue.get().equals("You're speaking — live");
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " saying the host is live; it said '" + cue.get() + "'", e);
        }
        until(robot, "the room's media plan", () -> robot.lookup("#audioPath").queryLabeled().getText()
                .equals("Peer to peer"));
        String roomId = screens.room().roomId();
        shot("04-room-host-on-stage");

        try (TestServer.Guest bot = server.guest("Bo Bot")) {
            RoomSession session = new RoomSession(bot.realtime(), roomId);
            session.join().get(10, TimeUnit.SECONDS);
            until(robot, "bot in the audience", () -> inside(robot, "#audience", "person-" + bot.id()));
            shot("05-bot-in-audience");

            session.raiseHand().get(5, TimeUnit.SECONDS);
            until(robot, "hand in the queue", () -> robot.lookup("#approve-" + bot.id()).tryQuery().isPresent());
            shot("06-hand-queue");
            robot.clickOn("#approve-" + bot.id());
            until(robot, "bot on stage", () -> inside(robot, "#stage", "person-" + bot.id()));
            shot("07-bot-on-stage");

            robot.clickOn("#person-" + bot.id());
            until(robot, "the menu", () -> robot.lookup("Remove from room").tryQuery().isPresent());
            shot("08-participant-menu");
            robot.clickOn("Remove from room");
            until(robot, "bot gone", () -> !inside(robot, "#stage", "person-" + bot.id())
                    && !inside(robot, "#audience", "person-" + bot.id()));
            until(robot, "bot kicked", () -> session.status() == RoomSession.Status.KICKED);
            RoomSession again = new RoomSession(bot.realtime(), roomId);
            assertThatThrownBy(() -> again.join().get(10, TimeUnit.SECONDS)).as("a kicked person cannot rejoin")
                    .hasMessageContaining("KICKED");
            shot("09-after-kick");
        }

        if (pulse != null) {
            // muted on stage, the microphone still hears the (sine) voice: the cue says so
            robot.clickOn("#mute");
            until(robot, "muted", () -> robot.lookup("#cue").queryLabeled().getText().contains("muted"));
            until(robot, "speaking while muted", () -> robot.lookup("#cue").queryLabeled().getText()
                    .contains("speaking while muted"));
            shot("09b-speaking-while-muted");
        }
        robot.clickOn("#roomSettings");
        until(robot, "settings", () -> robot.lookup("#settingsScreen").tryQuery().isPresent());
        if (pulse != null) {
            until(robot, "devices listed", () -> robot.lookup("#microphones").queryAs(ComboBox.class).getItems()
                    .contains("micUi"));
            @SuppressWarnings("unchecked")
            ComboBox<String> speakers = robot.lookup("#speakers").queryAs(ComboBox.class);
            assertThat(speakers.getItems()).contains("spkUi");
            until(robot, "the input level moving", () -> robot.lookup("#inputLevel")
                    .queryAs(javafx.scene.control.ProgressBar.class).getProgress() > 0.05);
        }
        shot("10-settings");
        assertThat(Files.size(SHOTS.resolve("10-settings.png"))).isPositive();
    }
}
