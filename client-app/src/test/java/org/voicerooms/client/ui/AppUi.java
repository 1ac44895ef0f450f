package org.voicerooms.client.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.app.TestServer;

/**
 * The real app on a TestFX stage against a real server on loopback, without audio, for UI tests: the steps wait
 * with {@link #until}, and {@link #shot} saves what the window shows to {@code target/screenshots/}.
 */
abstract class AppUi {

    static final Path SHOTS = Path.of("target", "screenshots");
    static Path dir;
    static TestServer server;
    AppContext app;
    DesktopApp.Screens screens;
    Stage stage;

    @BeforeAll
    static void startServer() throws Exception {
        dir = Files.createTempDirectory("voicerooms-ui");
        server = new TestServer(dir.resolve("server"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Opens the app on TestFX's stage; subclasses call it from their {@code @Start} method. */
    void open(Stage stage) {
        this.stage = stage;
        app = new AppContext(server.options(dir.resolve("app"), false), Platform::runLater);
        configure(app);
        screens = new DesktopApp.Screens(app, stage);
        screens.show();
        shown(stage);
    }

    /** Before the window opens: preferences and the like. */
    void configure(AppContext app) {
    }

    /** After the window opened: its size and the like. */
    void shown(Stage stage) {
    }

    void shot(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Platform.runLater(() -> screens.snapshot(SHOTS.resolve(name + ".png")));
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Waits up to 15 s for {@code condition}, checked on the FX thread's pace; fails naming {@code what}. */
    static void until(String what, BooleanSupplier condition) {
        try {
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> {
                WaitForAsyncUtils.waitForFxEvents();
                return condition.getAsBoolean();
            });
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what);
        }
    }

    static boolean showing(FxRobot robot, String query) {
        return robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false);
    }
}
