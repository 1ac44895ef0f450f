package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.stage.Stage;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.RoomStatus;

/**
 * The host's controls at the window's default size (1180×760), the real app headless against a real server: a
 * room that asks before letting people in; a guest knocks and is let in from the "Waiting to join" list, another
 * is declined from the knock toast; ending asks first. Screenshots of each step go to
 * {@code target/screenshots/host-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class HostControlsUiIT extends AppUi {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    void aHostLetsAKnockingGuestInAtTheDefaultWindowSize(FxRobot robot) throws Exception {
        assertThat(stage.getScene().getWidth()).isEqualTo(DesktopApp.Screens.DEFAULT_WIDTH);
        assertThat(stage.getScene().getHeight()).isEqualTo(DesktopApp.Screens.DEFAULT_HEIGHT);
        robot.clickOn("#displayName").write("Hana Host");
        robot.clickOn("#guest");
        until("discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());
        robot.clickOn("#newRoom");
        until("the form", () -> robot.lookup("#createRoomScreen").tryQuery().isPresent());
        robot.clickOn("#title").write("Door policy");
        robot.clickOn("Ask before letting people in");
        shot("host-01-create-with-approval");
        robot.clickOn("#createRoom");
        until("the room", () -> robot.lookup("#roomScreen").tryQuery().isPresent());
        String roomId = screens.room().roomId();
        until("the host live", () -> robot.lookup("#cue").queryLabeled().getText().equals("You're live"));
        shot("host-02-room-open");

        try (TestServer.Guest gil = server.guest("Gil Guest"); TestServer.Guest olga = server.guest("Olga Other")) {
            RoomSession gilSession = new RoomSession(gil.realtime(), roomId);
            assertThat(gilSession.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.WAITING);
            until("Gil's knock listed", () -> robot.lookup("#admit-" + gil.id()).tryQuery().isPresent());
            until("the knock toast", () -> showing(robot, "#toast-admit-" + gil.id()));
            shot("host-03-knock-listed-and-toasted");
            ListView<?> knocks = robot.lookup("#knocks").queryAs(ListView.class);
            assertThat(knocks.getHeight()).as("the waiting list has room for its rows at 1180×760")
                    .isGreaterThanOrEqualTo(60);
            Node admit = robot.lookup("#admit-" + gil.id()).query();
            assertThat(admit.localToScene(admit.getBoundsInLocal()).getMaxY())
                    .as("the Let in button is inside the window").isLessThan(stage.getScene().getHeight());
            robot.clickOn("#admit-" + gil.id());
            until("Gil inside", () -> gilSession.status() == RoomSession.Status.LIVE);
            until("Gil in the audience", () -> robot.lookup("#person-" + gil.id()).tryQuery().isPresent());
            until("the door list gone", () -> !showing(robot, "#door"));
            shot("host-04-guest-let-in");

            RoomSession olgaSession = new RoomSession(olga.realtime(), roomId);
            olgaSession.join().get(10, TimeUnit.SECONDS);
            until("Olga's toast", () -> showing(robot, "#toast-refuse-" + olga.id()));
            shot("host-05-second-knock-toast");
            robot.clickOn("#toast-refuse-" + olga.id());
            until("Olga turned away", () -> olgaSession.status() == RoomSession.Status.LEFT);
            assertThat(olgaSession.reason()).isEqualTo("denied");
            shot("host-06-declined-from-toast");

            // leaving with no moderator: the host is asked who takes over, not dropped into an ended room
            robot.clickOn("#leave");
            until("who hosts next", () -> showing(robot, "#ask-handTo-" + gil.id()));
            shot("host-06b-leave-asks-who-hosts");
            robot.clickOn("#askCancel");
            until("the question gone", () -> !showing(robot, "#questionCard"));
        }

        robot.clickOn("#endRoom");
        until("the question", () -> showing(robot, "#questionCard"));
        shot("host-07-end-asks-first");
        robot.clickOn("#askCancel");
        until("the question gone", () -> !showing(robot, "#questionCard"));
        assertThat(app.api().room(roomId).room().status()).as("cancel keeps the room").isEqualTo(RoomStatus.ACTIVE);
        robot.clickOn("#endRoom");
        until("the question", () -> showing(robot, "#questionCard"));
        robot.clickOn("#ask-end");
        until("back on discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());
        assertThat(app.api().room(roomId).room().status()).isEqualTo(RoomStatus.ENDED);
        shot("host-08-ended-by-me");
    }
}
