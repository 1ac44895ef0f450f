package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * The app at its smallest window, 900×600, driven by keyboard and mouse as a person would: Enter in the password
 * field logs in; Discover picks up a new room by itself; the create form's labels are whole; in the room the bottom
 * bar folds into "More", settings keep the bar, a space typed in chat does not work push-to-talk, chat lines carry
 * times, a reaction shows as an emoji and fades, a person's tile opens its menu from the keyboard, and toasts sit
 * above the bottom bar. Screenshots go to {@code target/screenshots/small-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class SmallWindowUiIT extends AppUi {

    @BeforeAll
    static void anAccount() {
        ApiClient.create(server.url).register("grace", "correct horse battery", "Grace Hopper");
    }

    @Override
    void configure(AppContext app) {
        var p = app.prefs();
        app.prefs(p.withAudio(p.microphone(), p.speaker(), true, true, true, p.tier(), "SPACE"));
    }

    @Override
    void shown(Stage stage) {
        stage.setWidth(DesktopApp.Screens.MIN_WIDTH);
        stage.setHeight(DesktopApp.Screens.MIN_HEIGHT);
    }

    private Bounds inScene(Node n) {
        return n.localToScene(n.getBoundsInLocal());
    }

    private void insideWindow(String what, Node n) {
        Bounds b = inScene(n);
        assertThat(b.getMaxX()).as(what + " inside the window's width").isLessThanOrEqualTo(
                stage.getScene().getWidth() + 0.5);
        assertThat(b.getMaxY()).as(what + " inside the window's height").isLessThanOrEqualTo(
                stage.getScene().getHeight() + 0.5);
    }

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void theAppWorksAtItsSmallestWindowByKeyboardAndMouse(FxRobot robot) throws Exception {
        assertThat(stage.getMinWidth()).isEqualTo(DesktopApp.Screens.MIN_WIDTH);
        assertThat(stage.getMinHeight()).isEqualTo(DesktopApp.Screens.MIN_HEIGHT);
        until("the small window", () -> stage.getScene().getHeight() <= DesktopApp.Screens.MIN_HEIGHT);
        shot("small-01-sign-in");

        robot.clickOn("Use an account");
        until("the account fields", () -> robot.lookup("#password").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> robot.lookup("#password").query().requestFocus());
        robot.clickOn("#username").write("grace");
        robot.clickOn("#password").write("correct horse battery");
        shot("small-02-account-fields-scrolled");
        robot.type(KeyCode.ENTER);
        until("discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());
        assertThat(app.api().session().user().guest()).as("Enter in the password field logs in").isFalse();

        try (TestServer.Guest gil = server.guest("Gil Guest")) {
            String gilsRoom = gil.api().createRoom(RoomSettings.titled("Appears by itself")).room().id();
            until("the new room without a click", () -> robot.lookup("#join-" + gilsRoom).tryQuery().isPresent());
            shot("small-03-discover-refreshed");

            robot.clickOn("#newRoom");
            until("the form", () -> robot.lookup("#createRoomScreen").tryQuery().isPresent());
            for (String label : new String[] {"Max participants", "Schedule (optional)", "Who can join"}) {
                Label l = robot.lookup(label).queryAs(Label.class);
                assertThat(l.getWidth()).as("“" + label + "” shown whole").isGreaterThanOrEqualTo(l.prefWidth(-1));
            }
            shot("small-04-create-form");
            robot.clickOn("#title").write("Small window");
            robot.type(KeyCode.ENTER); // "Create room" is the form's default button, below the fold here
            until("the room", () -> robot.lookup("#roomScreen").tryQuery().isPresent());
            until("the host live", () -> robot.lookup("#cue").queryLabeled().getText().equals("You're live"));
            String roomId = screens.room().roomId();

            until("More folds the bar", () -> robot.lookup("#more").query().isVisible());
            assertThat(robot.lookup("#invite").query().isVisible()).isFalse();
            for (String id : new String[] {"#leave", "#mute", "#more", "#endRoom"}) {
                insideWindow(id, robot.lookup(id).query());
            }
            shot("small-05-room-bottom-bar-folded");

            robot.clickOn("#chatInput").write("hi");
            robot.type(KeyCode.SPACE);
            robot.write("there");
            assertThat(robot.lookup("#mute").queryLabeled().getText()).as("a space typed in chat leaves the mic on")
                    .isEqualTo("Mute");
            robot.type(KeyCode.ENTER);
            until("the chat line with its time", () -> robot.lookup("#chat").queryAs(ListView.class).getItems()
                    .stream().anyMatch(line -> String.valueOf(line).matches("\\d\\d:\\d\\d  Grace Hopper: hi there")));

            robot.clickOn("#react-Clap");
            Label reaction = robot.lookup("#lastReaction").queryAs(Label.class);
            until("the reaction", () -> reaction.getText().contains("👏") && reaction.getOpacity() > 0.5);
            shot("small-06-chat-and-reaction");
            until("the reaction faded", () -> reaction.getOpacity() == 0);

            RoomSession gilInside = new RoomSession(gil.realtime(), roomId);
            gilInside.join().get(10, TimeUnit.SECONDS);
            until("Gil's tile", () -> robot.lookup("#person-" + gil.id()).tryQuery().isPresent());
            Node tile = robot.lookup("#person-" + gil.id()).query();
            assertThat(tile.isFocusTraversable()).isTrue();
            robot.interact(tile::requestFocus);
            robot.type(KeyCode.ENTER);
            until("the person's menu from the keyboard", () -> robot.lookup("Invite to speak").tryQuery()
                    .map(Node::isVisible).orElse(false));
            shot("small-07-keyboard-menu");
            robot.type(KeyCode.ESCAPE);

            robot.interact(() -> screens.toast("Something happened", Navigator.Toast.INFO));
            robot.interact(() -> screens.toast("Something happened", Navigator.Toast.INFO));
            Node toasts = robot.lookup("#toasts").query();
            until("the toast", () -> !((javafx.scene.layout.Pane) toasts).getChildren().isEmpty());
            assertThat(((javafx.scene.layout.Pane) toasts).getChildren()).as("the same words once").hasSize(1);
            Node oneToast = ((javafx.scene.layout.Pane) toasts).getChildren().get(0);
            assertThat(inScene(oneToast).getMaxY()).as("the toast sits above the bottom bar's buttons")
                    .isLessThanOrEqualTo(inScene(robot.lookup("#leave").query()).getMinY());
            shot("small-08-toast-above-bar");

            robot.clickOn("#more");
            robot.clickOn("#moreSettings");
            until("settings", () -> robot.lookup("#settingsScreen").tryQuery().isPresent());
            assertThat(robot.lookup("#leave").query().isVisible()).as("the room's bar stays under settings").isTrue();
            insideWindow("Leave under settings", robot.lookup("#leave").query());
            shot("small-09-settings-in-room");
            robot.clickOn("#closeSettings");
            until("the room again", () -> robot.lookup("#stage").tryQuery().map(Node::isVisible).orElse(false));
        }
    }
}
