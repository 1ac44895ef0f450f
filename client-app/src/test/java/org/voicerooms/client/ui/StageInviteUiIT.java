package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * The stage asks first, the real app headless against a real server: a host (another client) invites the app's
 * user to speak; the app shows a prompt, and accepting brings them on stage muted until they unmute. In a room
 * where anyone can speak, the app shows Speak instead of Raise hand and is on stage at once. Screenshots go to
 * {@code target/screenshots/stage-*.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(120)
class StageInviteUiIT extends AppUi {

    @Start
    void start(Stage stage) {
        open(stage);
    }

    private static RoomSettings room(String title, RoomPermissions permissions) {
        return new RoomSettings(title, null, null, null, null, null, permissions, null, null, null, null);
    }

    private static Role roleOf(RoomSession session, String userId) {
        return session.participants().stream().filter(p -> p.userId().equals(userId)).map(Participant::role)
                .findFirst().orElse(null);
    }

    @Test
    void anInvitationToSpeakIsAcceptedFromThePromptAndAnOpenStageHasASpeakButton(FxRobot robot) throws Exception {
        robot.clickOn("#displayName").write("Lena Listener");
        robot.clickOn("#guest");
        until("discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());
        String me = app.api().session().user().id();

        try (TestServer.Guest hana = server.guest("Hana Host")) {
            String asks = hana.api().createRoom(room("Asks first", new RoomPermissions(false, false, true, false)))
                    .room().id();
            RoomSession host = new RoomSession(hana.realtime(), asks);
            assertThat(host.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.LIVE);
            until("the room listed", () -> robot.lookup("#join-" + asks).tryQuery().isPresent());
            robot.clickOn("#join-" + asks);
            until("in the audience", () -> roleOf(host, me) == Role.LISTENER);
            until("the room", () -> showing(robot, "#hand"));
            shot("stage-01-listening");

            host.moderate(Events.SPEAK_INVITE, me).get(10, TimeUnit.SECONDS);
            until("the invitation prompt", () -> showing(robot, "#toast-acceptSpeak"));
            assertThat(roleOf(host, me)).as("asked, not moved").isEqualTo(Role.LISTENER);
            shot("stage-02-invited-to-speak");
            robot.clickOn("#toast-acceptSpeak");
            until("on stage", () -> roleOf(host, me) == Role.SPEAKER);
            until("the Unmute button", () -> showing(robot, "#mute")
                    && robot.lookup("#mute").queryButton().getText().equals("Unmute"));
            assertThat(host.participants().stream().filter(p -> p.userId().equals(me)).findFirst().orElseThrow()
                    .muted()).as("on stage muted").isTrue();
            shot("stage-03-on-stage-muted");
            robot.clickOn("#mute");
            until("unmuted for the host", () -> host.participants().stream()
                    .anyMatch(p -> p.userId().equals(me) && !p.muted()));
            shot("stage-04-unmuted");
            robot.clickOn("#leave");
            until("back on discover", () -> robot.lookup("#discoverScreen").tryQuery().isPresent());

            String open = hana.api().createRoom(room("Open mic", new RoomPermissions(true, false, true))).room().id();
            RoomSession openHost = new RoomSession(hana.realtime(), open);
            assertThat(openHost.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.LIVE);
            until("the open room listed", () -> robot.lookup("#join-" + open).tryQuery().isPresent());
            robot.clickOn("#join-" + open);
            until("the Speak button", () -> showing(robot, "#speak"));
            assertThat(showing(robot, "#hand")).as("Speak instead of a hand").isFalse();
            shot("stage-05-open-stage-speak-button");
            robot.clickOn("#speak");
            until("on stage at once", () -> roleOf(openHost, me) == Role.SPEAKER);
            until("the Mute button", () -> showing(robot, "#mute"));
            shot("stage-06-spoke-up");
        }
    }
}
