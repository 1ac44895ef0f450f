package org.voicerooms.client.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.app.TestServer;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomSettings;

/** The client core against a real server on loopback: REST errors, the session's state machine, reconnects. */
class RoomSessionIT {

    @TempDir
    Path data;
    private TestServer server;
    private URI uri;

    @BeforeEach
    void start() {
        server = new TestServer(data);
        uri = server.url;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private record Person(ApiClient api, RealtimeClient realtime) {
    }

    private Person person(String name) throws InterruptedException {
        TestServer.Guest g = server.guest(name);
        return new Person(g.api(), g.realtime());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("never: " + what);
    }

    @Test
    void restErrorsArriveTyped() {
        ApiClient api = ApiClient.create(uri);
        assertThatThrownBy(() -> api.createRoom(RoomSettings.titled("x"))).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        assertThatThrownBy(api::iceServers).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
        api.signInAsGuest("Ann");
        assertThatThrownBy(() -> api.createRoom(RoomSettings.titled(""))).isInstanceOfSatisfying(
                ApiException.class, e -> assertThat(e.error().field()).isEqualTo("title"));
        ApiClient nowhere = ApiClient.create(URI.create("http://127.0.0.1:9"));
        assertThatThrownBy(nowhere::serverInfo).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(api.iceServers().iceServers()).isEmpty();
    }

    @Test
    void aSessionFollowsTheRoomFromJoinToKick() throws Exception {
        Person host = person("Host");
        String roomId = host.api().createRoom(RoomSettings.titled("Session room")).room().id();
        RoomSession hostSession = new RoomSession(host.realtime(), roomId);
        assertThat(hostSession.join().get(10, TimeUnit.SECONDS)).isEqualTo(RoomSession.Status.LIVE);
        assertThat(hostSession.you().role()).isEqualTo(Role.HOST);

        Person ann = person("Ann");
        RoomSession annSession = new RoomSession(ann.realtime(), roomId);
        annSession.join().get(10, TimeUnit.SECONDS);
        String annId = ann.api().session().user().id();
        eventually("the host sees Ann", () -> hostSession.participants().stream()
                .anyMatch(p -> p.userId().equals(annId)));
        assertThat(hostSession.peers()).anyMatch(p -> p.peerId().equals(annId));
        assertThat(annSession.peers()).singleElement().satisfies(p -> assertThat(p.peerId())
                .isEqualTo(host.api().session().user().id()));

        annSession.raiseHand().get(10, TimeUnit.SECONDS);
        eventually("the hand reaches the host", () -> hostSession.handQueue().size() == 1);
        hostSession.promote(annId).get(10, TimeUnit.SECONDS);
        eventually("Ann is on stage", () -> annSession.you().role() == Role.SPEAKER);
        assertThat(hostSession.handQueue()).isEmpty();

        // a dropped connection: reconnecting, then live again with the same role
        ann.realtime().dropConnection();
        eventually("Ann reconnecting", () -> annSession.status() == RoomSession.Status.RECONNECTING);
        eventually("Ann back", () -> annSession.status() == RoomSession.Status.LIVE);
        assertThat(annSession.you().role()).isEqualTo(Role.SPEAKER);

        hostSession.kick(annId).get(10, TimeUnit.SECONDS);
        eventually("Ann kicked", () -> annSession.status() == RoomSession.Status.KICKED);
        assertThat(annSession.peers()).isEmpty();
        RoomSession again = new RoomSession(ann.realtime(), roomId);
        assertThatThrownBy(() -> again.join().get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ApiException.class);
        assertThat(again.status()).isEqualTo(RoomSession.Status.KICKED);

        hostSession.end().get(10, TimeUnit.SECONDS);
        eventually("the room ended", () -> hostSession.status() == RoomSession.Status.ENDED);
        host.realtime().close();
        ann.realtime().close();
    }

    /**
     * A visit that is over stays over. Ann leaves, comes back in a new session and is promoted (the server sends
     * her user a fresh room state, which the old session hears too), leaves again, and her connection drops and
     * comes back: neither old session may rejoin, or she would sit in the room as a ghost no screen shows.
     */
    @Test
    void aSessionThatLeftNeverComesBack() throws Exception {
        Person host = person("Host");
        String roomId = host.api().createRoom(RoomSettings.titled("No ghosts")).room().id();
        RoomSession hostSession = new RoomSession(host.realtime(), roomId);
        hostSession.join().get(10, TimeUnit.SECONDS);
        Person ann = person("Ann");
        String annId = ann.api().session().user().id();

        RoomSession first = new RoomSession(ann.realtime(), roomId);
        first.join().get(10, TimeUnit.SECONDS);
        first.leave().get(10, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(RoomSession.Status.LEFT);
        assertThat(ann.realtime().handlers(org.voicerooms.model.live.Events.STATE))
                .as("the finished session's handlers are gone").isZero();

        RoomSession second = new RoomSession(ann.realtime(), roomId);
        second.join().get(10, TimeUnit.SECONDS);
        second.raiseHand().get(10, TimeUnit.SECONDS);
        eventually("Ann's hand reaches the host", () -> hostSession.handQueue().size() == 1);
        hostSession.promote(annId).get(10, TimeUnit.SECONDS);
        eventually("Ann on stage", () -> second.you().role() == Role.SPEAKER);
        assertThat(first.status()).as("the first visit ignores the new visit's room state")
                .isEqualTo(RoomSession.Status.LEFT);
        assertThatThrownBy(() -> first.join().get(10, TimeUnit.SECONDS)).as("a finished session cannot join")
                .hasCauseInstanceOf(ApiException.class);

        second.leave().get(10, TimeUnit.SECONDS);
        second.close();
        eventually("the host sees Ann go", () -> hostSession.participants().stream()
                .noneMatch(p -> p.userId().equals(annId)));
        ann.realtime().dropConnection();
        eventually("Ann's connection back", () -> ann.realtime().connected());
        Thread.sleep(1500); // a rejoin, if any, takes one round trip after the reconnect
        assertThat(first.status()).isEqualTo(RoomSession.Status.LEFT);
        assertThat(second.status()).isEqualTo(RoomSession.Status.LEFT);
        assertThat(hostSession.participants()).as("no ghost of Ann in the host's room")
                .noneMatch(p -> p.userId().equals(annId));
        assertThat(host.api().get("/api/rooms/" + roomId + "/participants",
                com.fasterxml.jackson.databind.JsonNode.class).toString()).as("the server's participant list")
                .doesNotContain(annId);
        host.realtime().close();
        ann.realtime().close();
    }

    @Test
    void anAckThatNeverComesTimesOutTyped() throws Exception {
        Person p = person("Slow");
        RealtimeClient rt = new RealtimeClient(uri, p.api()::token, p.api().http(), p.api().mapper(),
                Duration.ofMillis(1));
        // 1 ms is shorter than any round trip: the call fails with a typed error instead of hanging
        assertThatThrownBy(() -> rt.call(org.voicerooms.model.live.Events.LEAVE,
                new org.voicerooms.model.live.Payloads.RoomRef("0123456789abcdef01234567")).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ApiException.class);
        rt.close();
        p.realtime().close();
    }
}
