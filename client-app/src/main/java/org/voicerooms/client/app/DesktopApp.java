package org.voicerooms.client.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.discover.DiscoverView;
import org.voicerooms.client.discover.DiscoverViewModel;
import org.voicerooms.client.room.RoomView;
import org.voicerooms.client.room.RoomViewModel;
import org.voicerooms.client.settings.SettingsView;
import org.voicerooms.client.settings.SettingsViewModel;
import org.voicerooms.client.signin.SignInView;
import org.voicerooms.client.signin.SignInViewModel;

/** The desktop app: the window, the AtlantaFX theme, and navigation between the screens. */
public final class DesktopApp extends Application {

    private static final Logger LOG = LoggerFactory.getLogger(DesktopApp.class);

    private AppContext app;
    private Screens screens;

    public static void launchApp(String[] args) {
        Application.launch(DesktopApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        AppOptions options;
        try {
            options = AppOptions.parse(getParameters().getRaw());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            Platform.exit();
            return;
        }
        app = new AppContext(options, Platform::runLater);
        screens = new Screens(app, stage);
        screens.show();
        if (options.quickStart()) {
            screens.quickStart();
        }
    }

    @Override
    public void stop() {
        if (screens != null) {
            screens.leaveRoom();
        }
        if (app != null) {
            app.close();
        }
        LOG.info("Voice Rooms closed");
    }

    /**
     * The window's screens and the {@link Navigator} view-models use. Public so UI tests can mount the real app on
     * a stage of their own with their own context.
     */
    public static final class Screens implements Navigator {
        private final AppContext app;
        private final Stage stage;
        private final Shell shell = new Shell();
        private RoomViewModel room;
        private RoomView roomView;

        public Screens(AppContext app, Stage stage) {
            this.app = app;
            this.stage = stage;
            app.onInvited(invite -> Platform.runLater(() -> shell.toast(invite.fromName() + " invited you to “"
                    + invite.title() + "”", "Join", () -> toRoom(invite.roomId()))));
        }

        /** Sets up the window on the sign-in screen. */
        public void show() {
            Application.setUserAgentStylesheet(app.options().dark() || app.prefs().dark()
                    ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(shell.root(), 1180, 760);
            scene.getStylesheets().add(DesktopApp.class.getResource("app.css").toExternalForm());
            scene.setOnKeyPressed(e -> pushToTalk(e.getCode(), true));
            scene.setOnKeyReleased(e -> pushToTalk(e.getCode(), false));
            stage.setScene(scene);
            stage.setTitle("Voice Rooms");
            toSignIn();
            stage.show();
        }

        private void pushToTalk(KeyCode code, boolean down) {
            String key = app.prefs().pushToTalkKey();
            if (room == null || key == null || !code.getName().equalsIgnoreCase(key) && !code.name()
                    .equalsIgnoreCase(key)) {
                return;
            }
            room.pushToTalk(down);
        }

        /** Host on this computer and continue as a guest; with --screenshot, save discover and quit. */
        void quickStart() {
            SignInViewModel vm = new SignInViewModel(app, new Navigator() {
                @Override
                public void toSignIn() {
                    Screens.this.toSignIn();
                }

                @Override
                public void toDiscover() {
                    Screens.this.toDiscover();
                    if (app.options().screenshot() != null) {
                        // let the first room list arrive and the frame render
                        javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                                javafx.util.Duration.seconds(2));
                        wait.setOnFinished(e -> {
                            snapshot(app.options().screenshot());
                            Platform.exit();
                        });
                        wait.play();
                    }
                }

                @Override
                public void toRoom(String roomId) {
                    Screens.this.toRoom(roomId);
                }

                @Override
                public void toast(String message, Toast kind) {
                    Screens.this.toast(message, kind);
                }
            });
            if (vm.displayName().get().isBlank()) {
                vm.displayName().set(System.getProperty("user.name", "Guest"));
            }
            shell.show(new SignInView(vm).root());
            vm.hostOnThisNetwork();
        }

        /** Saves what the window shows now as a PNG. */
        public void snapshot(Path file) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                WritableImage image = stage.getScene().snapshot(null);
                javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
                LOG.info("Screenshot saved to {}", file);
            } catch (IOException e) {
                LOG.warn("Screenshot not saved: {}", e.getMessage());
            }
        }

        public void leaveRoom() {
            if (room != null) {
                room.close();
                room = null;
            }
            if (roomView != null) {
                roomView.dispose();
                roomView = null;
            }
        }

        @Override
        public void toSignIn() {
            leaveRoom();
            shell.show(new SignInView(new SignInViewModel(app, this)).root());
        }

        @Override
        public void toDiscover() {
            leaveRoom();
            DiscoverViewModel vm = new DiscoverViewModel(app, this);
            // connected while browsing, so invitations arrive
            app.async(app::realtime).exceptionally(e -> null);
            shell.show(new DiscoverView(vm, app, created -> toRoom(created.room().id()), this::toSettings).root());
        }

        private void toSettings() {
            javafx.scene.Node back = currentScreen();
            SettingsView view = new SettingsView(new SettingsViewModel(app), () -> shell.show(back));
            shell.show(view.root());
        }

        private javafx.scene.Node currentScreen() {
            return shell.current();
        }

        @Override
        public void toRoom(String roomId) {
            leaveRoom();
            room = new RoomViewModel(app, this, roomId);
            roomView = new RoomView(room, this::toSettings);
            shell.show(roomView.root());
            room.start();
        }

        @Override
        public void toast(String message, Toast kind) {
            shell.toast(message, kind);
        }

        public RoomViewModel room() {
            return room;
        }
    }
}
