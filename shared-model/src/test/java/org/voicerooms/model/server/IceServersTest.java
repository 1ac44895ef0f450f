package org.voicerooms.model.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ICE server lists: absent lists read as empty, given ones are kept as given and cannot change afterwards. */
class IceServersTest {

    @Test
    void missingListsAreEmptyAndGivenOnesAreKeptAndFrozen() {
        assertThat(new IceServers(null, 60).iceServers()).isEmpty();
        assertThat(new IceServers.IceServer(null, null, null).urls()).isEmpty();

        List<String> urls = new ArrayList<>(List.of("stun:10.0.0.1:3478", "turn:10.0.0.1:3478?transport=udp"));
        IceServers.IceServer turn = new IceServers.IceServer(urls, "u", "p");
        List<IceServers.IceServer> servers = new ArrayList<>(List.of(turn));
        IceServers ice = new IceServers(servers, 600);
        urls.clear();
        servers.clear();
        assertThat(ice.iceServers()).singleElement().satisfies(s -> {
            assertThat(s.urls()).containsExactly("stun:10.0.0.1:3478", "turn:10.0.0.1:3478?transport=udp");
            assertThat(s.username()).isEqualTo("u");
        });
        assertThat(ice.ttlSeconds()).isEqualTo(600);
        assertThatThrownBy(() -> ice.iceServers().add(turn)).isInstanceOf(UnsupportedOperationException.class);
    }
}
