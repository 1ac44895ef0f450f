package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** Rooms scheduled for later, and their host starting them. */
class ScheduledRoomsIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(100));
    private static final Api api = server.api();

    private static Room schedule(AuthResponse host, Duration fromNow) {
        Instant at = server.clock().instant().plus(fromNow);
        return api.createRoom(host.token(), Map.of("title", "Later", "scheduledFor", at.toString())).room();
    }

    private static String upcoming(AuthResponse viewer) {
        return api.get("/api/rooms/upcoming?limit=100", viewer.token()).expect(200).body();
    }

    @Test
    void aFutureTimeMakesAScheduledRoom() {
        AuthResponse host = api.newUser("planner");
        Instant at = server.clock().instant().plus(Duration.ofDays(2));
        Room room = schedule(host, Duration.ofDays(2));
        assertThat(room.status()).isEqualTo(RoomStatus.SCHEDULED);
        assertThat(room.scheduledFor()).isEqualTo(at);
        assertThat(room.startedAt()).isNull();
        assertThat(room.endedAt()).isNull();
        assertThat(Api.ids(api.rooms(host.token(), "/api/rooms/upcoming?limit=100"))).contains(room.id());
        assertThat(Api.ids(api.rooms(host.token(), "/api/rooms?limit=100"))).doesNotContain(room.id());
        assertThat(Api.ids(api.rooms(host.token(), "/api/rooms/discover?limit=100"))).doesNotContain(room.id());
        assertError(api.post("/api/rooms/" + room.id() + "/join", host.token(), null), 409, "ROOM_NOT_STARTED");
    }

    @Test
    void aPastOrPresentTimeIsRefused() {
        AuthResponse host = api.newUser("late");
        for (Instant when : new Instant[] {server.clock().instant().minusSeconds(60), server.clock().instant()}) {
            assertError(api.post("/api/rooms", host.token(), Map.of("title", "Too late", "scheduledFor",
                    when.toString())), 400, "VALIDATION_FAILED", "scheduledFor");
        }
        assertError(api.post("/api/rooms", host.token(), Map.of("title", "Soon", "scheduledFor", "tomorrow")), 400,
                "VALIDATION_FAILED", "scheduledFor");
    }

    @Test
    void theHostCanMoveAScheduledRoomButNotScheduleALiveOne() {
        AuthResponse host = api.newUser("mover");
        Room room = schedule(host, Duration.ofHours(1));
        Instant later = server.clock().instant().plus(Duration.ofHours(5));
        RoomListing moved = api.patch("/api/rooms/" + room.id(), host.token(), Map.of("scheduledFor",
                later.toString())).expect(200).as(RoomListing.class);
        assertThat(moved.room().scheduledFor()).isEqualTo(later);
        assertThat(moved.room().status()).isEqualTo(RoomStatus.SCHEDULED);

        Room live = api.createRoom(host.token(), RoomSettings.titled("Live")).room();
        assertError(api.patch("/api/rooms/" + live.id(), host.token(), Map.of("scheduledFor", later.toString())),
                400, "VALIDATION_FAILED", "scheduledFor");
    }

    @Test
    void onlyTheHostStartsItAndOnlyOnce() {
        AuthResponse host = api.newUser("starter");
        AuthResponse other = api.newUser("eager");
        Room room = schedule(host, Duration.ofHours(3));
        assertError(api.post("/api/rooms/" + room.id() + "/start", other.token(), null), 403, "FORBIDDEN");
        assertThat(api.room(host.token(), room.id()).room().status()).isEqualTo(RoomStatus.SCHEDULED);

        server.clock().advance(Duration.ofMinutes(10));
        RoomListing started = api.post("/api/rooms/" + room.id() + "/start", host.token(), null).expect(200)
                .as(RoomListing.class);
        assertThat(started.room().status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(started.room().startedAt()).isEqualTo(server.clock().instant());
        assertThat(started.room().scheduledFor()).isEqualTo(room.scheduledFor());
        assertThat(Api.ids(api.rooms(other.token(), "/api/rooms?limit=100"))).contains(room.id());
        assertThat(Api.ids(api.rooms(other.token(), "/api/rooms/upcoming?limit=100"))).doesNotContain(room.id());
        assertThat(upcoming(other)).doesNotContain(room.id());
        api.post("/api/rooms/" + room.id() + "/join", other.token(), null).expect(200);

        assertError(api.post("/api/rooms/" + room.id() + "/start", host.token(), null), 409, "CONFLICT");
        Room live = api.createRoom(host.token(), RoomSettings.titled("Never scheduled")).room();
        assertError(api.post("/api/rooms/" + live.id() + "/start", host.token(), null), 409, "CONFLICT");
    }

    @Test
    void aScheduledRoomCanBeCancelled() {
        AuthResponse host = api.newUser("canceller");
        Room room = schedule(host, Duration.ofHours(3));
        RoomListing ended = api.delete("/api/rooms/" + room.id(), host.token()).expect(200).as(RoomListing.class);
        assertThat(ended.room().status()).isEqualTo(RoomStatus.ENDED);
        assertThat(upcoming(host)).doesNotContain(room.id());
        assertError(api.post("/api/rooms/" + room.id() + "/start", host.token(), null), 410, "ROOM_ENDED");
    }
}
