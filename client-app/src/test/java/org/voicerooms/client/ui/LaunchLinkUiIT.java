package org.voicerooms.client.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.voicerooms.client.app.JoinLink;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * The app opened from a {@code voicerooms://join/…} link (as the desktop entry passes it): the person signs in and
 * lands in the link's room. Screenshot {@code target/screenshots/launch-link.png}.
 */
@ExtendWith(ApplicationExtension.class)
@Timeout(60)
class LaunchLinkUiIT extends AppUi {

    private TestServer.Guest host;
    private RoomSession hostSession;
    private String roomId;

    @Start
    void start(Stage stage) throws Exception {
        host = server.guest("Hosting Hal");
        roomId = host.api().createRoom(RoomSettings.titled("Linked room")).room().id();
        hostSession = new RoomSession(host.realtime(), roomId);
        hostSession.join().get(10, TimeUnit.SECONDS);
        open(stage);
        String link = new JoinLink(server.url.toString(), roomId).appLink();
        assertThat(link).startsWith("voicerooms://join/127.0.0.1:");
        screens.joinAfterSignIn(link);
    }

    @AfterEach
    void stopHost() {
        hostSession.close();
        host.close();
    }

    @Test
    void signingInJoinsTheLinksRoom(FxRobot robot) {
        robot.clickOn("#displayName").write("Lin Listener");
        robot.clickOn("#guest");
        until("the link's room", () -> screens.room() != null && screens.room().roomId().equals(roomId)
                && screens.room().state().get() == RoomSession.Status.LIVE);
        until("the room's title", () -> robot.lookup("#roomTitle").queryLabeled().getText().equals("Linked room"));
        shot("launch-link");
    }
}
