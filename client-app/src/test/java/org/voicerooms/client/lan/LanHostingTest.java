package org.voicerooms.client.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;

/** Hosting on loopback with nothing announced: what survives a host app that was killed. */
class LanHostingTest {

    @TempDir
    Path dir;

    @Test
    void roomsLeftLiveByAKilledHostEndWhenItHostsAgain() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        String roomId;
        LanHosting first = LanHosting.start("Kitchen table", loopback, 0, dir, false);
        try {
            ApiClient api = ApiClient.create(first.url());
            api.signInAsGuest("Hana");
            roomId = api.createRoom(RoomSettings.titled("Left behind")).room().id();
            RealtimeClient rt = RealtimeClient.of(api);
            assertThat(rt.connectAndWait(java.time.Duration.ofSeconds(10))).isTrue();
            new RoomSession(rt, roomId).join().get(10, TimeUnit.SECONDS);
            rt.close();
        } finally {
            // the app killed: the server goes without ending its rooms
            first.server().stop();
        }

        try (LanHosting again = LanHosting.start("Kitchen table", loopback, 0, dir, false)) {
            ApiClient api = ApiClient.create(again.url());
            api.signInAsGuest("Hana");
            assertThat(api.room(roomId).room().status()).as("a live room nobody can be in any more")
                    .isEqualTo(RoomStatus.ENDED);
        }
    }
}
