package org.voicerooms.client.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.Json;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * Threat (to availability): the app cannot rejoin once its access token expired, so a long session dies at the
 * first network blip after 12 hours. The client renews the token before it expires and on every reconnect, and
 * once more when the server calls it expired although the client's clock did not.
 */
class TokenRenewalIT {

    /** A clock tests move forward; the server and, when shared, the client read it. */
    static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @TempDir
    Path data;
    private final MovableClock serverClock = new MovableClock();
    private VoiceRoomsServer server;
    private RealtimeClient realtime;

    private ApiClient start(Clock clientClock) {
        server = VoiceRoomsServer.create(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .bcryptCost(4).jwtSecret("token-renewal-secret-0123456789abcdef").maxRoomDuration(Duration.ofDays(7))
                .build(), serverClock).start();
        ApiClient api = new ApiClient(URI.create("http://127.0.0.1:" + server.port()),
                ApiClient.create(URI.create("http://127.0.0.1")).http(), Json.newMapper(), clientClock);
        api.signInAsGuest("Night owl");
        return api;
    }

    private RoomSession liveSession(ApiClient api) throws Exception {
        realtime = RealtimeClient.of(api);
        assertThat(realtime.connectAndWait(Duration.ofSeconds(10))).as("connected").isTrue();
        String roomId = api.createRoom(RoomSettings.titled("Night shift")).room().id();
        RoomSession session = new RoomSession(realtime, roomId);
        assertThat(session.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.LIVE);
        return session;
    }

    /** Drops the connection and waits until the session is live again with a renewed token. */
    private void assertRejoinsAfterADrop(ApiClient api, RoomSession session, String expiredToken) throws Exception {
        realtime.dropConnection();
        TestServer.await(Duration.ofSeconds(5), "the session to notice the drop",
                () -> session.status() != RoomSession.Status.LIVE);
        TestServer.await(Duration.ofSeconds(20), "the session to be live again (now " + session.status() + ")",
                () -> session.status() == RoomSession.Status.LIVE);
        assertThat(api.token()).as("the access token was renewed").isNotEqualTo(expiredToken);
        assertThat(api.me().displayName()).isEqualTo("Night owl");
    }

    @AfterEach
    void stop() {
        if (realtime != null) {
            realtime.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aSessionRejoinsAfterItsAccessTokenExpired() throws Exception {
        ApiClient api = start(serverClock);
        RoomSession session = liveSession(api);
        String before = api.token();
        serverClock.advance(Duration.ofHours(13));
        assertRejoinsAfterADrop(api, session, before);
    }

    @Test
    void whenTheClocksDisagreeTheServersVerdictRenewsTheToken() throws Exception {
        ApiClient api = start(Clock.systemUTC());
        RoomSession session = liveSession(api);
        String before = api.token();
        serverClock.advance(Duration.ofHours(13));
        assertThat(api.me().displayName()).as("a REST call renews and retries").isEqualTo("Night owl");
        assertThat(api.token()).isNotEqualTo(before);

        String second = api.token();
        serverClock.advance(Duration.ofHours(13));
        assertRejoinsAfterADrop(api, session, second);
    }
}
