package org.voicerooms.client.lan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LanServerTest {

    private static final URI URL = URI.create("http://10.0.0.5:7080");

    @Test
    void anAnnouncementReadsBackAsSent() {
        var rooms = List.of(new LanServer.LanRoom("r1", "Jam | session", 12, 3), new LanServer.LanRoom("r2",
                "Quiet", 2, 1));
        LanServer s = LanServer.fromTxt("Ada's rooms", URL, LanServer.txt("1.0", rooms));
        assertThat(s.rooms()).isEqualTo(rooms);
        assertThat(s.liveRooms()).isEqualTo(2);
        assertThat(s.version()).isEqualTo("1.0");
    }

    @Test
    void onlyFiveRoomsAndShortTitlesFitButTheCountIsTrue() {
        var rooms = IntStream.range(0, 9).mapToObj(i -> new LanServer.LanRoom("id" + i, "x".repeat(200), i, 1))
                .toList();
        Map<String, String> txt = LanServer.txt("1.0", rooms);
        LanServer s = LanServer.fromTxt("busy", URL, txt);
        assertThat(s.rooms()).hasSize(5);
        assertThat(s.liveRooms()).isEqualTo(9);
        assertThat(s.rooms().get(0).title()).hasSize(LanServer.MAX_TITLE);
        assertThat(txt.values().stream().mapToInt(v -> v.length() + 8).sum()).as("fits a packet").isLessThan(1200);
    }

    @Test
    void aGarbledAnnouncementStillShowsWhatItCan() {
        LanServer s = LanServer.fromTxt("odd", URL, Map.of("rooms", "many", "r0id", "abc", "r0n", "x/y"));
        assertThat(s.rooms()).singleElement().satisfies(r -> {
            assertThat(r.title()).isEqualTo("Untitled room");
            assertThat(r.participants()).isZero();
        });
        assertThat(s.liveRooms()).isEqualTo(1);
        assertThat(LanServer.fromTxt("empty", URL, Map.of()).rooms()).isEmpty();
    }
}
