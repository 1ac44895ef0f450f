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
import javafx.scene.control.TextInputControl;
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
        // stop() has closed the room, the hosted server and the audio engine. OkHttp's dispatcher threads are not
        // daemons and idle for 60 s before they end, so without this the closed app stayed a process for a minute,
        // holding its data directory's lock: opening it again at once fell back to a second instance's folder.
        System.exit(0);
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
        LOG.info("Voice Rooms started; data in {}, log in {}", options.dataDir(), AppLog.toFile(options.dataDir()));
        app = new AppContext(options, Platform::runLater);
        screens = new Screens(app, stage);
        getParameters().getRaw().stream().filter(JoinLink::isLink).findFirst().ifPresent(screens::joinAfterSignIn);
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
        /** The window's size at start. */
        public static final int DEFAULT_WIDTH = 1180;
        public static final int DEFAULT_HEIGHT = 760;
        /** The smallest the window may be made; every screen is laid out to work at this size. */
        public static final int MIN_WIDTH = 900;
        public static final int MIN_HEIGHT = 600;
        private final AppContext app;
        private final Stage stage;
        private final Shell shell = new Shell();
        private RoomViewModel room;
        private RoomView roomView;
        private boolean screenshotOnDiscover;
        private final DesktopNotifier notifier;
        /** A join link the app was started with, joined once the person has signed in. */
        private String pendingLink;

        public Screens(AppContext app, Stage stage) {
            this(app, stage, DesktopNotifier.forPlatform());
        }

        /** With {@code notifier} for desktop notifications while the window is not in front. */
        public Screens(AppContext app, Stage stage, DesktopNotifier notifier) {
            this.app = app;
            this.stage = stage;
            this.notifier = notifier;
            LOG.info("Desktop notifications: {}", notifier.name());
            app.onInvited(invite -> Platform.runLater(() -> {
                String text = invite.fromName() + " invited you to “" + invite.title() + "”";
                notifyIfAway("Room invitation", text);
                toast(text, Toast.INFO, java.util.List.of(new Choice("join", "Join",
                        () -> toRoom(invite.roomId()))));
            }));
            app.onFriendChanged(change -> Platform.runLater(() -> friendChanged(change)));
        }

        private void friendChanged(org.voicerooms.model.live.Payloads.FriendChanged change) {
            String who = change.user().displayName();
            switch (change.status()) {
                case REQUESTED -> {
                    if (change.incoming()) {
                        notifyIfAway("Friend request", who + " wants to be friends.");
                        toast(who + " wants to be friends.", Toast.INFO, java.util.List.of(
                                new Choice("people", "See requests", this::toPeople)));
                    }
                }
                case FRIENDS -> {
                    notifyIfAway("New friend", "You and " + who + " are friends now.");
                    toast("You and " + who + " are friends now.", Toast.SUCCESS);
                }
                default -> {
                }
            }
        }

        /**
         * A desktop notification when the window is minimized or another window has the focus; nothing when the
         * person is looking at the app (the toast is enough).
         */
        public void notifyIfAway(String title, String message) {
            if (stage.isIconified() || !stage.isFocused()) {
                notifier.notify(title, message);
            }
        }

        @Override
        public void alert(String title, String message) {
            notifyIfAway(title, message);
        }

        /** Joins {@code link}'s room after the next sign-in (the app was opened from a link). */
        public void joinAfterSignIn(String link) {
            pendingLink = link;
        }

        @Override
        public void toPeople() {
            leaveRoom();
            org.voicerooms.client.people.PeopleViewModel vm = new org.voicerooms.client.people.PeopleViewModel(app,
                    this);
            shell.show(new org.voicerooms.client.people.PeopleView(vm).root());
        }

        @Override
        public void joinByLink(String text) {
            java.net.URI current = app.api() == null ? null : app.api().server();
            String server = current == null ? null : current.toString().replaceAll("/$", "");
            JoinLink link;
            try {
                link = JoinLink.fromPasted(text, server);
            } catch (IllegalArgumentException e) {
                toast("That is not a room link: " + e.getMessage() + ".", Toast.WARNING);
                return;
            }
            if (!link.onServer(current)) {
                toast("That room is on " + link.server() + ". Sign in there to join it.", Toast.WARNING);
                return;
            }
            toRoom(link.roomId());
        }

        /** Sets up the window on the sign-in screen. */
        public void show() {
            Application.setUserAgentStylesheet(app.options().dark() || app.prefs().dark()
                    ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
            Scene scene = new Scene(shell.root(), DEFAULT_WIDTH, DEFAULT_HEIGHT);
            scene.getStylesheets().add(DesktopApp.class.getResource("app.css").toExternalForm());
            // handlers, not filters: a focused text field gets its keys first and consumes them, so typing a space
            // in chat never works the push-to-talk key
            scene.setOnKeyPressed(e -> pushToTalk(scene, e.getCode(), true));
            scene.setOnKeyReleased(e -> pushToTalk(scene, e.getCode(), false));
            stage.setScene(scene);
            stage.setTitle("Voice Rooms");
            stage.setMinWidth(MIN_WIDTH);
            stage.setMinHeight(MIN_HEIGHT);
            toSignIn();
            stage.show();
            app.warmUpAudio(); // while the user signs in and browses, not on the first room
        }

        private void pushToTalk(Scene scene, KeyCode code, boolean down) {
            String key = app.prefs().pushToTalkKey();
            if (room == null || key == null || !code.getName().equalsIgnoreCase(key) && !code.name()
                    .equalsIgnoreCase(key) || scene.getFocusOwner() instanceof TextInputControl) {
                return;
            }
            room.pushToTalk(down);
        }

        /** Host on this computer and continue as a guest; with --screenshot, save discover and quit. */
        void quickStart() {
            screenshotOnDiscover = app.options().screenshot() != null;
            SignInViewModel vm = new SignInViewModel(app, this);
            if (vm.displayName().get().isBlank()) {
                vm.displayName().set(System.getProperty("user.name", "Guest"));
            }
            shell.show(new SignInView(vm).root());
            vm.hostOnThisNetwork();
        }

        private void screenshotAndQuit() {
            screenshotOnDiscover = false;
            // let the first room list arrive and the frame render
            javafx.animation.PauseTransition wait = new javafx.animation.PauseTransition(
                    javafx.util.Duration.seconds(2));
            wait.setOnFinished(e -> {
                snapshot(app.options().screenshot());
                Platform.exit();
            });
            wait.play();
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
            toSignIn(null);
        }

        @Override
        public void toSignIn(String notice) {
            leaveRoom();
            SignInViewModel vm = new SignInViewModel(app, this);
            vm.notice(notice);
            shell.show(new SignInView(vm).root());
        }

        @Override
        public void toDiscover() {
            leaveRoom();
            if (screenshotOnDiscover) {
                screenshotAndQuit();
            }
            DiscoverViewModel vm = new DiscoverViewModel(app, this);
            // connected while browsing, so invitations arrive
            app.async(app::realtime).exceptionally(e -> null);
            shell.show(new DiscoverView(vm, app, this::toSettings).root());
            if (pendingLink != null) {
                String link = pendingLink;
                pendingLink = null;
                Platform.runLater(() -> joinByLink(link));
            }
        }

        private void toSettings() {
            if (roomView != null) {
                RoomView inRoom = roomView;
                inRoom.showPanel(new SettingsView(new SettingsViewModel(app), inRoom::closePanel).root());
                return;
            }
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

        @Override
        public void toast(String message, Toast kind, java.util.List<Choice> choices) {
            shell.toast(message, kind, choices);
        }

        @Override
        public void dismissToast(String message) {
            shell.dismiss(message);
        }

        @Override
        public void ask(String title, String message, java.util.List<Choice> choices) {
            shell.ask(title, message, choices);
        }

        public RoomViewModel room() {
            return room;
        }
    }
}
