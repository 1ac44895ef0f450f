package org.voicerooms.client.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Join links as the desktop entry passes them: the app opens on the link's server instead of refusing to start. */
class JoinLinkTest {

    @Test
    void aLanLinkNamesAnHttpServerAndARoom() {
        JoinLink link = JoinLink.parse("voicerooms://join/192.168.1.20:8080/r0om-1d");
        assertThat(link.server()).isEqualTo("http://192.168.1.20:8080");
        assertThat(link.roomId()).isEqualTo("r0om-1d");
    }

    @Test
    void anEncodedHttpsServerIsKept() {
        JoinLink link = JoinLink.parse("voicerooms://join/https%3A%2F%2Frooms.example.org/abc");
        assertThat(link.server()).isEqualTo("https://rooms.example.org");
        assertThat(link.roomId()).isEqualTo("abc");
    }

    @Test
    void malformedLinksSayWhatIsExpected() {
        for (String bad : List.of("voicerooms://join/host", "voicerooms://leave/host/room", "voicerooms://join//r",
                "voicerooms://join/ftp%3A%2F%2Fx/r", "voicerooms://join/host/room/extra", "voicerooms:join")) {
            assertThatThrownBy(() -> JoinLink.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void theAppAcceptsALinkAsItsArgumentAndPreselectsItsServer() {
        AppOptions options = AppOptions.parse(List.of("--no-lan", "voicerooms://join/10.0.0.5:8080/room42"));
        assertThat(options.server()).isEqualTo("http://10.0.0.5:8080");
        assertThat(options.lan()).isFalse();
        assertThatThrownBy(() -> AppOptions.parse(List.of("--bogus"))).hasMessageContaining("unknown option");
    }
}
