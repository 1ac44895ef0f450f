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

    private static final String ID = "65f0a1b2c3d4e5f60718293a";

    @Test
    void pastedLinksOfEveryKindNameTheServerAndTheRoom() {
        assertThat(JoinLink.fromPasted("  voicerooms://join/10.0.0.5:7700/" + ID + " ", null))
                .isEqualTo(new JoinLink("http://10.0.0.5:7700", ID));
        assertThat(JoinLink.fromPasted("https://rooms.example.org/r/" + ID + "/", null))
                .isEqualTo(new JoinLink("https://rooms.example.org", ID));
        assertThat(JoinLink.fromPasted("http://10.0.0.5:7700/r/" + ID, null))
                .isEqualTo(new JoinLink("http://10.0.0.5:7700", ID));
        assertThat(JoinLink.fromPasted(ID.toUpperCase(java.util.Locale.ROOT), "http://127.0.0.1:7700"))
                .isEqualTo(new JoinLink("http://127.0.0.1:7700", ID));
    }

    @Test
    void whatIsNotALinkOrAnIdIsRefusedInWords() {
        for (String bad : List.of("", "hello", "http://x/rooms/" + ID, "http://x/r/short", "ftp://x/r/" + ID)) {
            assertThatThrownBy(() -> JoinLink.fromPasted(bad, "http://127.0.0.1:7700")).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room id");
        }
        assertThatThrownBy(() -> JoinLink.fromPasted(ID, null)).hasMessageContaining("sign in");
    }

    @Test
    void linksMadeForARoomReadBackAndKnowTheirServer() {
        JoinLink lan = new JoinLink("http://10.0.0.5:7700", ID);
        assertThat(JoinLink.parse(lan.appLink())).isEqualTo(lan);
        assertThat(JoinLink.fromPasted(lan.webLink(), null)).isEqualTo(lan);
        JoinLink tls = new JoinLink("https://rooms.example.org", ID);
        assertThat(JoinLink.parse(tls.appLink())).isEqualTo(tls);
        assertThat(tls.onServer(java.net.URI.create("https://ROOMS.example.org:443/"))).isTrue();
        assertThat(lan.onServer(java.net.URI.create("http://10.0.0.5:7701"))).isFalse();
    }
}
