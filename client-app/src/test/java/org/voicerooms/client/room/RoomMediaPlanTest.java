package org.voicerooms.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.server.live.MediaPolicy;

/** The room screen takes the room's media plan from the server's descriptor, and follows its changes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoomMediaPlanTest {

    @TempDir
    Path dir;

    private RoomViewModel enter(TestServer server, AppContext app) throws Exception {
        app.connect(server.url).signInAsGuest("Host Hana");
        String roomId = app.api().createRoom(RoomSettings.titled("Plans")).room().id();
        RoomViewModel vm = new RoomViewModel(app, new RecordingNavigator(), roomId);
        vm.start().get(10, TimeUnit.SECONDS);
        return vm;
    }

    @Test
    void aServerWithoutAnSfuIsPeerToPeer() throws Exception {
        try (TestServer server = new TestServer(dir.resolve("server"));
             AppContext app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run)) {
            RoomViewModel vm = enter(server, app);
            assertThat(vm.audioPath().get()).isEqualTo("Peer to peer");
            vm.close();
        }
    }

    @Test
    void anUnreachableSfuIsToldOnTheRoomScreen() throws Exception {
        // sfu mode, but nothing listens where Janus should be: the room is a mesh and the screen says why
        try (TestServer server = new TestServer(dir.resolve("server"), b -> b.janusUrl(List.of("ws://127.0.0.1:9/"))
                .mediaMode(MediaPolicy.Mode.SFU));
             AppContext app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run)) {
            RoomViewModel vm = enter(server, app);
            TestServer.await(Duration.ofSeconds(20), "the fallback on the screen",
                    () -> vm.audioPath().get().equals("Peer to peer (audio server unreachable)"));
            vm.close();
        }
    }

    @Test
    void theWordsFollowThePlan() {
        assertThat(RoomViewModel.audioPath(MediaDescriptor.sfu(MediaDescriptor.LARGE_ROOM)))
                .isEqualTo("Audio through the server");
        assertThat(RoomViewModel.audioPath(MediaDescriptor.sfu(MediaDescriptor.SFU_UNAVAILABLE)))
                .isEqualTo("Audio server unreachable");
    }
}
