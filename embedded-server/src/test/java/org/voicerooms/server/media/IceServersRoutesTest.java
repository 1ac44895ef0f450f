package org.voicerooms.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.server.IceServers;
import org.voicerooms.server.ServerConfig;

class IceServersRoutesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static IceServers listFor(List<String> urls, String secret) {
        ServerConfig config = ServerConfig.builder().dataDir(Path.of("unused")).iceServers(urls).turnSecret(secret)
                .build();
        return new IceServersRoutes(config, CLOCK).forUser("u1");
    }

    @Test
    void aLanServerHandsOutNothing() {
        assertThat(listFor(List.of(), null).iceServers()).isEmpty();
    }

    @Test
    void turnGetsShortLivedCredentialsInTheTurnRestScheme() {
        IceServers out = listFor(List.of("stun:s.example:3478", "turn:t.example:3478?transport=udp"), "s3cret");
        assertThat(out.iceServers()).hasSize(2);
        assertThat(out.iceServers().get(0).urls()).containsExactly("stun:s.example:3478");
        assertThat(out.iceServers().get(0).username()).isNull();
        var turn = out.iceServers().get(1);
        long expiry = CLOCK.instant().plus(IceServersRoutes.TTL).getEpochSecond();
        assertThat(turn.username()).isEqualTo(expiry + ":u1");
        // what coturn computes for use-auth-secret: base64(HMAC-SHA1(secret, username)), checked against openssl
        assertThat(turn.credential()).isEqualTo(IceServersRoutes.hmac("s3cret", expiry + ":u1"));
        assertThat(IceServersRoutes.hmac("s3cret", "1893499200:u1")).isEqualTo("OlQgtJUbdCM4wu1X7yeoDrytkeM=");
        assertThat(out.ttlSeconds()).isEqualTo(IceServersRoutes.TTL.toSeconds());
    }

    @Test
    void withoutASecretTurnIsLeftOut() {
        assertThat(listFor(List.of("turn:t.example:3478"), null).iceServers()).isEmpty();
    }
}
