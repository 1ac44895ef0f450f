package org.voicerooms.client.discover;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.AppOptions;
import org.voicerooms.client.app.RecordingNavigator;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.room.RoomViewModel;
import org.voicerooms.model.rooms.RoomSettings;

/** "Stop hosting": the host sees it happen, a guest in one of its rooms is told and taken back to sign-in. */
class StopHostingTest {

    @TempDir
    Path dir;

    private static AppContext app(Path dir) {
        return new AppContext(new AppOptions(dir, null, "127.0.0.1", false, false, null, false, false),
                Runnable::run);
    }

    @Test
    void theHostSeesProgressAndAGuestLandsOnSignInWithTheReason() throws Exception {
        try (AppContext host = app(dir.resolve("host")); AppContext guest = app(dir.resolve("guest"))) {
            var hosting = host.host("Hana's rooms", InetAddress.getLoopbackAddress());
            host.connect(hosting.url()).signInAsGuest("Hana");
            String roomId = host.api().createRoom(RoomSettings.titled("Last orders")).room().id();
            guest.connect(hosting.url()).signInAsGuest("Gil");
            RecordingNavigator guestNav = new RecordingNavigator();
            RoomViewModel inRoom = new RoomViewModel(guest, guestNav, roomId);
            inRoom.start().get(10, TimeUnit.SECONDS);

            RecordingNavigator hostNav = new RecordingNavigator();
            DiscoverViewModel discover = new DiscoverViewModel(host, hostNav);
            List<String> said = new CopyOnWriteArrayList<>();
            discover.message().addListener((o, a, b) -> said.add(b));
            discover.stopHosting();
            assertThat(said).as("says what it is doing while the rooms end")
                    .contains("Stopping: ending 1 live room and telling everyone inside…");
            TestServer.await(Duration.ofSeconds(10), "the host on sign-in", () -> hostNav.last().equals("sign-in"));
            assertThat(hostNav.toasts).contains("NOTICE: You stopped hosting. Its 1 room has ended.");

            TestServer.await(Duration.ofSeconds(10), "the guest on sign-in", () -> guestNav.last().equals("sign-in"));
            assertThat(guestNav.visits).as("not Discover of a server that is gone").doesNotContain("discover");
            assertThat(guestNav.toasts).anyMatch(t -> t.startsWith(
                    "NOTICE: The host stopped hosting on this network."));
        }
    }
}
