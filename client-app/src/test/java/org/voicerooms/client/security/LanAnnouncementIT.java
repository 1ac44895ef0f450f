package org.voicerooms.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.lan.LanHosting;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomType;

/**
 * Threat: a LAN host tells every device on the network (signed in or not, invited or not) what its rooms are
 * called. Its mDNS announcement names public rooms only; private and friends-only rooms are counted, never named.
 */
class LanAnnouncementIT {

    @TempDir
    Path data;
    private LanHosting hosting;
    private final List<RealtimeClient> connections = new ArrayList<>();

    @AfterEach
    void stop() {
        connections.forEach(RealtimeClient::close);
        if (hosting != null) {
            hosting.close();
        }
    }

    private String liveRoom(String title, RoomType type) throws Exception {
        ApiClient api = ApiClient.create(hosting.url());
        api.signInAsGuest("Host of " + title);
        String id = api.createRoom(new RoomSettings(title, null, type, null, null, null, null, null, null, null,
                null)).room().id();
        RealtimeClient realtime = RealtimeClient.of(api);
        connections.add(realtime);
        assertThat(realtime.connectAndWait(Duration.ofSeconds(10))).isTrue();
        assertThat(new RoomSession(realtime, id).join().get(10, TimeUnit.SECONDS))
                .isEqualTo(RoomSession.Status.LIVE);
        return id;
    }

    @Test
    void onlyPublicRoomsAreNamedOnTheNetwork() throws Exception {
        hosting = LanHosting.start("Kitchen table", InetAddress.getLoopbackAddress(), 0, data, false);
        String open = liveRoom("Board games", RoomType.PUBLIC);
        String secret = liveRoom("Surprise party planning", RoomType.PRIVATE);
        String friends = liveRoom("Old classmates", RoomType.FRIENDS_ONLY);

        Map<String, String> txt = hosting.announcement();
        assertThat(txt.values()).as("TXT %s", txt).contains(open, "Board games")
                .doesNotContain(secret, "Surprise party planning", friends, "Old classmates");
        assertThat(txt.get("rooms")).as("hidden rooms still count").isEqualTo("3");
    }
}
