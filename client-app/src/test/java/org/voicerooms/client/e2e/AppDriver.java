package org.voicerooms.client.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.application.Platform;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.AppOptions;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Events;

/**
 * The real desktop app — its {@link AppContext}, screens, views and view-models — on a headless (Monocle) stage in
 * its own JVM, so it can run inside the private network with its own PulseAudio devices, as a person's copy of the
 * app would. A test drives it through its views: it types into fields and fires the buttons a person clicks, found
 * by id. Commands on stdin, one per line; JSON lines on stdout:
 * <pre>
 * signin                 type the display name, "Continue as guest"; → ready {userId, launchMs}
 * join ROOMID            Discover's "Join" on that room's card; → join-click {nanos}, then joined {status, ms}
 * hand | mute | leave    the room's "Raise hand", "Mute"/"Unmute", "Leave quietly"; → done
 * wait-live | wait-speaker    until the room says LIVE / this person is on stage unmuted; → done
 * shot NAME              a screenshot of the window to the shots directory
 * drop                   drops the connection as a network failure would (it reconnects by itself)
 * connected              → connection {connected, stateHandlers}: handlers left on the connection by sessions
 * participants ROOMID    → participants {userIds}: the server's list (REST)
 * quit
 * </pre>
 * Options: {@code --server URL --name NAME --data-dir DIR --shots DIR}.
 */
public final class AppDriver {

    private static final ObjectMapper JSON = Json.newMapper();
    private static final long STARTED = System.nanoTime();

    private final AppContext app;
    private final Stage stage;
    private final DesktopApp.Screens screens;
    private final String name;
    private final Path shots;

    private AppDriver(AppContext app, Stage stage, DesktopApp.Screens screens, String name, Path shots) {
        this.app = app;
        this.stage = stage;
        this.screens = screens;
        this.name = name;
        this.shots = shots;
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("java.awt.headless", "true");
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].substring(2), args[i + 1]);
        }
        AppOptions options = new AppOptions(Path.of(opt.get("data-dir")), opt.get("server"), "127.0.0.1", true,
                false, null, false, false);
        CompletableFuture<AppDriver> started = new CompletableFuture<>();
        Platform.startup(() -> {
            AppContext app = new AppContext(options, Platform::runLater);
            Stage stage = new Stage();
            DesktopApp.Screens screens = new DesktopApp.Screens(app, stage);
            screens.show(); // as at launch: the audio engine starts warming up now
            started.complete(new AppDriver(app, stage, screens, opt.getOrDefault("name", "App"),
                    Path.of(opt.get("shots"))));
        });
        AppDriver driver = started.get(30, TimeUnit.SECONDS);
        try {
            driver.commands();
        } finally {
            Platform.runLater(driver.screens::leaveRoom);
            Thread.sleep(500);
            driver.app.close();
            Platform.exit();
        }
        System.exit(0);
    }

    private static void print(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        try {
            System.out.println(JSON.writeValueAsString(m));
            System.out.flush();
        } catch (Exception e) {
            System.out.println("{\"event\":\"error\"}");
        }
    }

    /** Runs {@code work} on the JavaFX thread and waits for its result. */
    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> out = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                out.complete(work.call());
            } catch (Exception | Error e) {
                out.completeExceptionally(e);
            }
        });
        return out.get(10, TimeUnit.SECONDS);
    }

    private void until(String what, long seconds, BooleanSupplier condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("no " + what + " within " + seconds + " s");
            }
            Thread.sleep(10);
        }
    }

    /** Fires the button with {@code id} as a click does; returns System.nanoTime() of the click. */
    private long click(String id) throws Exception {
        until("#" + id, 15, () -> stage.getScene().lookup("#" + id) instanceof ButtonBase b && b.isVisible()
                && !b.isDisabled());
        return onFx(() -> {
            long at = System.nanoTime();
            ((ButtonBase) stage.getScene().lookup("#" + id)).fire();
            return at;
        });
    }

    /**
     * Opens {@code userId}'s menu from their tile (Enter, as the keyboard does) and sets the volume slider to a
     * percentage ({@code volume}) or ticks / unticks "Mute for me" ({@code local-mute true|false}).
     */
    private void personMenu(String what, String userId, String value) throws Exception {
        until("#person-" + userId, 15, () -> stage.getScene().lookup("#person-" + userId) != null);
        onFx(() -> {
            javafx.scene.Node tile = stage.getScene().lookup("#person-" + userId);
            tile.getOnKeyPressed().handle(new javafx.scene.input.KeyEvent(javafx.scene.input.KeyEvent.KEY_PRESSED,
                    "", "", javafx.scene.input.KeyCode.ENTER, false, false, false, false));
            return true;
        });
        until("the person's menu", 15, () -> menuNode("#volume-" + userId) != null);
        onFx(() -> {
            if (what.equals("volume")) {
                ((javafx.scene.control.Slider) menuNode("#volume-" + userId)).setValue(Double.parseDouble(value));
            } else {
                javafx.scene.control.ContextMenu menu = javafx.stage.Window.getWindows().stream()
                        .filter(javafx.scene.control.ContextMenu.class::isInstance)
                        .map(javafx.scene.control.ContextMenu.class::cast).filter(javafx.stage.Window::isShowing)
                        .findFirst().orElseThrow();
                javafx.scene.control.CheckMenuItem item = (javafx.scene.control.CheckMenuItem) menu.getItems()
                        .stream().filter(i -> ("localMute-" + userId).equals(i.getId())).findFirst().orElseThrow();
                item.setSelected(Boolean.parseBoolean(value));
                item.fire();
            }
            javafx.stage.Window.getWindows().stream().filter(javafx.scene.control.ContextMenu.class::isInstance)
                    .map(javafx.scene.control.ContextMenu.class::cast).toList()
                    .forEach(javafx.scene.control.ContextMenu::hide);
            return true;
        });
    }

    /** A node in a showing popup (the person's menu), or null. */
    private static javafx.scene.Node menuNode(String query) {
        for (javafx.stage.Window w : javafx.stage.Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null && w.getScene().getRoot() != null) {
                javafx.scene.Node n = w.getScene().getRoot().lookup(query);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private void commands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null) {
            String[] w = cmd.strip().split("\\s+");
            try {
                switch (w[0]) {
                    case "signin" -> {
                        until("the sign-in screen", 15, () -> stage.getScene().lookup("#displayName") != null);
                        onFx(() -> {
                            ((TextInputControl) stage.getScene().lookup("#displayName")).setText(name);
                            return true;
                        });
                        click("guest");
                        until("Discover", 15, () -> stage.getScene().lookup("#discoverScreen") != null);
                        print("event", "ready", "userId", app.api().session().user().id(), "launchMs",
                                (System.nanoTime() - STARTED) / 1e6);
                    }
                    case "join" -> {
                        String roomId = w[1];
                        try {
                            until("the room's card", 5, () -> stage.getScene().lookup("#join-" + roomId) != null);
                        } catch (IllegalStateException notListedYet) {
                            click("refresh");
                            until("the room's card", 15, () -> stage.getScene().lookup("#join-" + roomId)
                                    != null);
                        }
                        long at = click("join-" + roomId);
                        print("event", "join-click", "nanos", at);
                        until("LIVE", 15, () -> screens.room() != null
                                && screens.room().state().get() == RoomSession.Status.LIVE);
                        print("event", "joined", "status", "LIVE", "ms", (System.nanoTime() - at) / 1e6);
                    }
                    case "hand", "mute", "leave" -> click(w[0]);
                    case "echo-cancellation" -> { // from Discover: Settings, tick or untick, Save
                        until("Discover", 15, () -> stage.getScene().lookup("#discoverScreen") != null);
                        click("settings");
                        until("Settings", 15, () -> stage.getScene().lookup("#echoCancellation") != null);
                        onFx(() -> {
                            ((javafx.scene.control.CheckBox) stage.getScene().lookup("#echoCancellation"))
                                    .setSelected(Boolean.parseBoolean(w[1]));
                            return true;
                        });
                        click("saveSettings");
                        until("Discover", 15, () -> stage.getScene().lookup("#discoverScreen") != null);
                    }
                    case "wait-live" -> until("LIVE", 15, () -> screens.room() != null
                            && screens.room().state().get() == RoomSession.Status.LIVE);
                    case "wait-speaker" -> until("on stage", 15, () -> screens.room() != null
                            && screens.room().you().get() != null && screens.room().you().get().role().onStage());
                    case "shot" -> onFx(() -> {
                        screens.snapshot(shots.resolve(name + "-" + w[1] + ".png"));
                        return true;
                    });
                    case "volume", "local-mute" -> personMenu(w[0], w[1], w[2]);
                    case "iconify" -> onFx(() -> {
                        stage.setIconified(Boolean.parseBoolean(w[1]));
                        return true;
                    });
                    case "drop" -> app.realtime().dropConnection();
                    case "connected" -> print("event", "connection", "connected", app.realtime().connected(),
                            "stateHandlers", app.realtime().handlers(Events.STATE));
                    case "participants" -> print("event", "participants", "userIds", app.api().get("/api/rooms/"
                            + w[1] + "/participants", com.fasterxml.jackson.databind.JsonNode.class)
                            .findValuesAsText("userId"));
                    case "quit" -> {
                        return;
                    }
                    default -> print("event", "error", "message", "unknown command " + w[0]);
                }
                print("event", "done", "command", cmd.strip());
            } catch (Exception e) {
                print("event", "failed", "command", cmd.strip(), "message", String.valueOf(e.getMessage()));
            }
        }
    }
}
