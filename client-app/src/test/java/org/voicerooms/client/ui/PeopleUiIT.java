package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.DesktopApp;
import org.voicerooms.client.app.DesktopNotifier;
import org.voicerooms.model.rooms.RoomType;

/**
 * Two people, each in the real app on their own window, against a real server: Ana asks Ben to be friends from the
 * People screen; Ben sees the request arrive without refreshing and accepts; Ana sees him as a friend live. Ana
 * opens a private room and invites Ben from the picker; Ben's invitation toast's Join takes him in. Ana bans him,
 * lifts the ban from the room's ban list (and renames the room from its settings panel); Ben's pasted link is refused
 * until Ana invites him again, then joins; from his People screen, Join follows Ana into her room. Ben's window is
 * minimized when the request and the invitation arrive, so both also go out as desktop notifications. Screenshots in
 * {@code target/screenshots/people-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(180)
class PeopleUiIT extends AppUi {

    private AppContext benApp;
    private DesktopApp.Screens ben;
    private Stage benStage;
    private final List<String> benNotified = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        open(stage);
        benStage = new Stage();
        benApp = new AppContext(server.options(dir.resolve("ben-app"), false), Platform::runLater);
        ben = new DesktopApp.Screens(benApp, benStage, new DesktopNotifier("recording", (title, body) ->
                benNotified.add(title + ": " + body)));
        ben.show();
        benStage.setX(60);
        benStage.setY(40);
        stage.toFront();
        stage.requestFocus();
    }

    /** TestFX's stage is shared by the UI test classes, and another may have left it small. */
    @Override
    void shown(Stage stage) {
        stage.setWidth(DesktopApp.Screens.DEFAULT_WIDTH);
        stage.setHeight(DesktopApp.Screens.DEFAULT_HEIGHT);
    }

    @AfterEach
    void closeBen() {
        Platform.runLater(() -> {
            ben.leaveRoom();
            benStage.close();
        });
        WaitForAsyncUtils.waitForFxEvents();
        benApp.close();
    }

    @Test
    void friendsInviteIntoAPrivateRoomAndAPastedLinkJoins(FxRobot robot) {
        String suffix = Long.toString(System.nanoTime() % 1_000_000);
        register(robot, stage, "ana" + suffix, "Ana");
        register(robot, benStage, "ben" + suffix, "Ben");
        String anaId = app.api().session().user().id();
        String benId = benApp.api().session().user().id();

        // Ana asks from the People screen; Ben's app, minimized, hears of it at once
        robot.interact(() -> benStage.setIconified(true));
        fire(robot, stage, "#people");
        until("Ana's People screen", () -> find(robot, stage, "#peopleScreen") != null);
        type(robot, stage, "#friendUsername", "ben" + suffix);
        fire(robot, stage, "#addFriend");
        until("the request sent", () -> text(robot, stage, "#peopleMessage").contains("Request sent to Ben"));
        until("Ben's toast", () -> find(robot, benStage, "#toast-people") != null);
        until("Ben's desktop notification", () -> benNotified.stream()
                .anyMatch(n -> n.equals("Friend request: Ana wants to be friends.")));
        robot.interact(() -> benStage.setIconified(false));
        shotOf(benStage, "people-01-request-arrives");
        fire(robot, benStage, "#toast-people");
        until("Ana among Ben's requests", () -> find(robot, benStage, "#accept-" + anaId) != null);
        shotOf(benStage, "people-02-requests");
        fire(robot, benStage, "#accept-" + anaId);
        until("Ben among Ana's friends, live", () -> find(robot, stage, "#remove-" + benId) != null);
        shot("people-03-friends");

        // Ana opens a private room and invites Ben from the picker
        fire(robot, stage, "#peopleBack");
        until("Ana's discover", () -> find(robot, stage, "#newRoom") != null);
        fire(robot, stage, "#newRoom");
        until("the form", () -> find(robot, stage, "#createRoomScreen") != null);
        type(robot, stage, "#title", "Just us");
        robot.interact(() -> ((ComboBox<RoomType>) find(robot, stage, "#type")).setValue(RoomType.PRIVATE));
        fire(robot, stage, "#createRoom");
        until("Ana in her room", () -> screens.room() != null
                && text(robot, stage, "#cue").equals("You're live"));
        String roomId = screens.room().roomId();
        robot.interact(() -> benStage.setIconified(true));
        fire(robot, stage, "#invite");
        until("Ben in the picker", () -> find(robot, stage, "#inviteFriend-" + benId) != null);
        shot("people-04-invite-picker");
        fire(robot, stage, "#inviteFriend-" + benId);
        until("the invitation sent", () -> ((ButtonBase) find(robot, stage, "#inviteFriend-" + benId))
                .getText().equals("Invited"));
        until("Ben's invitation toast", () -> find(robot, benStage, "#toast-join") != null);
        until("Ben's desktop notification", () -> benNotified.stream()
                .anyMatch(n -> n.equals("Room invitation: Ana invited you to “Just us”")));
        robot.interact(() -> benStage.setIconified(false));
        shotOf(benStage, "people-05-invitation");
        fire(robot, benStage, "#toast-join");
        until("Ben inside the private room", () -> ben.room() != null && ben.room().roomId().equals(roomId)
                && text(robot, benStage, "#cue").equals("You're listening"));
        fire(robot, stage, "#closePanel");
        until("Ben in Ana's audience", () -> find(robot, stage, "#person-" + benId) != null);
        shotOf(benStage, "people-06-ben-inside");

        // Ana bans Ben, then lifts the ban from the room's ban list
        robot.interact(() -> screens.room().perform(org.voicerooms.client.room.RoomViewModel.Action.BAN, benId));
        until("Ben out", () -> ben.room() == null && find(robot, benStage, "#discoverScreen") != null);
        until("the ban in Ana's room state", () -> screens.room() != null
                && find(robot, stage, "#person-" + benId) == null);
        fire(robot, stage, "#roomTools");
        until("Ben in the ban list", () -> find(robot, stage, "#unban-" + benId) != null);
        type(robot, stage, "#editTitle", "Just us two");
        fire(robot, stage, "#saveRoomSettings");
        until("the new title saved and shown", () -> text(robot, stage, "#roomTitle").equals("Just us two")
                && app.api().room(roomId).room().title().equals("Just us two"));
        shot("people-07-ban-list");
        fire(robot, stage, "#unban-" + benId);
        until("the ban lifted", () -> find(robot, stage, "#unban-" + benId) == null
                && !app.api().room(roomId).room().bannedUsers().contains(benId));
        shot("people-08-unbanned");

        // the link holds no key: the ban took Ben's invitation, so pasting it alone does not open the private room
        String link = server.url + "/r/" + roomId;
        type(robot, benStage, "#joinLink", link);
        fire(robot, benStage, "#joinByLink");
        until("Ben refused in words", () -> robot.from(benStage.getScene().getRoot()).lookup(".toast").queryAll()
                .stream().anyMatch(t -> String.valueOf(t.getUserData()).contains("needs an invitation")));
        until("Ben still outside", () -> ben.room() == null && find(robot, benStage, "#discoverScreen") != null);
        shotOf(benStage, "people-09-link-without-invitation");

        // invited again, Ben pastes the same link and is back in
        fire(robot, stage, "#closePanel");
        fire(robot, stage, "#invite");
        until("Ben invitable again", () -> find(robot, stage, "#inviteFriend-" + benId) instanceof ButtonBase b
                && b.getText().equals("Invite"));
        fire(robot, stage, "#inviteFriend-" + benId);
        until("Ben's second invitation", () -> benNotified.size() >= 2 && find(robot, benStage, "#toast-join") != null);
        type(robot, benStage, "#joinLink", link);
        fire(robot, benStage, "#joinByLink");
        until("Ben back through the link", () -> ben.room() != null && ben.room().roomId().equals(roomId)
                && text(robot, benStage, "#cue").equals("You're listening"));
        shotOf(benStage, "people-10-joined-by-link");

        // Ana turns direct moves off in the room's settings: her menu for Ben now offers an invitation to speak only
        until("Ben movable to the stage", () -> actionsForBen(screens, benId)
                .contains(org.voicerooms.client.room.RoomViewModel.Action.MOVE_TO_STAGE));
        fire(robot, stage, "#roomTools");
        until("direct moves on in the editor", () -> find(robot, stage, "#editDirectPromote")
                instanceof javafx.scene.control.CheckBox c && c.isSelected());
        fire(robot, stage, "#editDirectPromote");
        fire(robot, stage, "#saveRoomSettings");
        until("Ben's menu asks first", () -> {
            List<org.voicerooms.client.room.RoomViewModel.Action> actions = actionsForBen(screens, benId);
            return actions.contains(org.voicerooms.client.room.RoomViewModel.Action.PROMOTE)
                    && !actions.contains(org.voicerooms.client.room.RoomViewModel.Action.MOVE_TO_STAGE);
        });
        assertThat(app.api().room(roomId).room().permissions().mayPromoteDirectly()).isFalse();
        shot("people-10b-ask-before-moving");
        fire(robot, stage, "#closePanel");

        // from the People screen: Ana is in a room Ben may open, and Join follows her there
        fire(robot, benStage, "#leave");
        until("Ben out again", () -> ben.room() == null && find(robot, benStage, "#people") != null);
        fire(robot, benStage, "#people");
        until("Ana shown in her room, with Join", () -> find(robot, benStage, "#joinFriend-" + anaId) != null);
        shotOf(benStage, "people-11-friend-in-a-room");
        fire(robot, benStage, "#joinFriend-" + anaId);
        until("Ben followed Ana in", () -> ben.room() != null && ben.room().roomId().equals(roomId)
                && text(robot, benStage, "#cue").equals("You're listening"));
    }

    private void register(FxRobot robot, Stage where, String username, String name) {
        type(robot, where, "#displayName", name);
        type(robot, where, "#username", username);
        type(robot, where, "#password", "correct-horse-battery");
        fire(robot, where, "#register");
        until(name + " signed in", () -> find(robot, where, "#discoverScreen") != null);
    }

    private static Node find(FxRobot robot, Stage where, String query) {
        if (where.getScene() == null) {
            return null;
        }
        return robot.from(where.getScene().getRoot()).lookup(query).tryQuery().filter(Node::isVisible)
                .orElse(null);
    }

    private static String text(FxRobot robot, Stage where, String query) {
        Node n = find(robot, where, query);
        return n instanceof javafx.scene.control.Labeled l ? l.getText() : "";
    }

    private static List<org.voicerooms.client.room.RoomViewModel.Action> actionsForBen(DesktopApp.Screens screens,
                                                                                   String benId) {
        org.voicerooms.client.room.RoomViewModel room = screens.room();
        if (room == null) {
            return List.of();
        }
        return room.audience().stream().filter(p -> p.userId().equals(benId)).findFirst()
                .map(room::actionsFor).orElse(List.of());
    }

    private static void fire(FxRobot robot, Stage where, String query) {
        until(query + " on screen", () -> find(robot, where, query) instanceof ButtonBase);
        robot.interact(() -> ((ButtonBase) find(robot, where, query)).fire());
    }

    private static void type(FxRobot robot, Stage where, String query, String value) {
        until(query + " on screen", () -> robot.from(where.getScene().getRoot()).lookup(query).tryQuery()
                .isPresent());
        robot.interact(() -> ((TextInputControl) robot.from(where.getScene().getRoot()).lookup(query).query())
                .setText(value));
    }

    private void shotOf(Stage which, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Path file = SHOTS.resolve(name + ".png");
        Platform.runLater(() -> (which == benStage ? ben : screens).snapshot(file));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
