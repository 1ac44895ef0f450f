package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** Create, read, update and end a room. */
class RoomsCrudIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));
    private static final Api api = server.api();

    @Test
    void aNewRoomGetsTheDocumentedDefaults() {
        AuthResponse host = api.newUser("host");
        RoomListing created = api.createRoom(host.token(), Map.of("title", "  Morning coffee  "));
        Room room = created.room();
        assertThat(room.id()).matches("[0-9a-f]{24}");
        assertThat(room.title()).isEqualTo("Morning coffee");
        assertThat(room.description()).isEmpty();
        assertThat(room.createdBy()).isEqualTo(host.user().id());
        assertThat(room.type()).isEqualTo(RoomType.PUBLIC);
        assertThat(room.category()).isEqualTo(RoomCategory.CASUAL);
        assertThat(room.maxParticipants()).isEqualTo(50);
        assertThat(room.maxSpeakers()).isEqualTo(10);
        assertThat(room.permissions()).isEqualTo(RoomPermissions.DEFAULT);
        assertThat(room.privacy()).isEqualTo(RoomPrivacy.DEFAULT);
        assertThat(room.status()).isEqualTo(RoomStatus.ACTIVE);
        assertThat(room.startedAt()).isEqualTo(server.clock().instant());
        assertThat(room.createdAt()).isEqualTo(server.clock().instant());
        assertThat(room.endedAt()).isNull();
        assertThat(room.scheduledFor()).isNull();
        assertThat(room.moderators()).isEmpty();
        assertThat(room.bannedUsers()).isEmpty();
        assertThat(room.tags()).isEmpty();
        assertThat(created.hostName()).isEqualTo(host.user().displayName());
        assertThat(created.participants()).isZero();
        assertThat(created.speakers()).isZero();
    }

    @Test
    void everySettingIsKeptNormalizedAndReadBack() {
        AuthResponse host = api.newUser("tuner");
        RoomSettings asked = new RoomSettings("Jazz night", "Bring\ttunes\nand friends", RoomType.FRIENDS_ONLY,
                RoomCategory.MUSIC, 200, 20, new RoomPermissions(true, true, false),
                new RoomPrivacy(true, true, false), List.of("Jazz", "jazz", "Late Night"), "EN", null);
        RoomListing created = api.createRoom(host.token(), asked);
        Room room = created.room();
        assertThat(room.description()).isEqualTo("Bring\ttunes\nand friends");
        assertThat(room.type()).isEqualTo(RoomType.FRIENDS_ONLY);
        assertThat(room.category()).isEqualTo(RoomCategory.MUSIC);
        assertThat(room.maxParticipants()).isEqualTo(200);
        assertThat(room.maxSpeakers()).isEqualTo(20);
        assertThat(room.permissions()).isEqualTo(new RoomPermissions(true, true, false));
        assertThat(room.privacy()).isEqualTo(new RoomPrivacy(true, true, false));
        assertThat(room.tags()).containsExactly("jazz", "late night");
        assertThat(room.language()).isEqualTo("en");
        assertThat(api.room(host.token(), room.id())).isEqualTo(created);
    }

    @Test
    void anyoneCanReadAPublicRoom() {
        AuthResponse host = api.newUser("open");
        RoomListing created = api.createRoom(host.token(), RoomSettings.titled("Open mic"));
        AuthResponse guest = api.guest("Passer-by");
        assertThat(api.room(guest.token(), created.room().id())).isEqualTo(created);
    }

    @Test
    void theHostCanChangeSettingsAndOthersCannot() {
        AuthResponse host = api.newUser("editor");
        Room before = api.createRoom(host.token(), Map.of("title", "Draft", "description", "keep me",
                "category", "tech", "tags", List.of("old"))).room();
        server.clock().advance(Duration.ofSeconds(5));
        RoomListing patched = api.patch("/api/rooms/" + before.id(), host.token(),
                Map.of("title", "Final", "tags", List.of("New", "shiny"), "maxSpeakers", 5)).expect(200)
                .as(RoomListing.class);
        Room after = patched.room();
        assertThat(after.title()).isEqualTo("Final");
        assertThat(after.tags()).containsExactly("new", "shiny");
        assertThat(after.maxSpeakers()).isEqualTo(5);
        assertThat(after.description()).isEqualTo("keep me");
        assertThat(after.category()).isEqualTo(RoomCategory.TECH);
        assertThat(after.maxParticipants()).isEqualTo(before.maxParticipants());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertThat(after.updatedAt()).isEqualTo(server.clock().instant());
        assertThat(api.room(host.token(), before.id())).isEqualTo(patched);

        var nullsKeep = api.patch("/api/rooms/" + before.id(), host.token(), "{\"title\":null,\"tags\":null}");
        assertThat(nullsKeep.expect(200).as(RoomListing.class).room().title()).isEqualTo("Final");

        AuthResponse other = api.newUser("meddler");
        assertError(api.patch("/api/rooms/" + before.id(), other.token(), Map.of("title", "Mine now")), 403,
                "FORBIDDEN");
        assertThat(api.room(host.token(), before.id()).room().title()).isEqualTo("Final");
    }

    @Test
    void theHostEndsTheRoomAndOthersCannot() {
        AuthResponse host = api.newUser("closer");
        Room room = api.createRoom(host.token(), RoomSettings.titled("Short talk")).room();
        AuthResponse other = api.newUser("vandal");
        assertError(api.delete("/api/rooms/" + room.id(), other.token()), 403, "FORBIDDEN");

        server.clock().advance(Duration.ofMinutes(30));
        RoomListing ended = api.delete("/api/rooms/" + room.id(), host.token()).expect(200).as(RoomListing.class);
        assertThat(ended.room().status()).isEqualTo(RoomStatus.ENDED);
        assertThat(ended.room().endedAt()).isEqualTo(server.clock().instant());
        assertThat(ended.room().startedAt()).isEqualTo(room.startedAt());
        assertThat(api.room(other.token(), room.id()).room().status()).isEqualTo(RoomStatus.ENDED);

        assertError(api.patch("/api/rooms/" + room.id(), host.token(), Map.of("title", "Again")), 410,
                "ROOM_ENDED");
        assertError(api.post("/api/rooms/" + room.id() + "/start", host.token(), null), 410, "ROOM_ENDED");
        RoomListing again = api.delete("/api/rooms/" + room.id(), host.token()).expect(200).as(RoomListing.class);
        assertThat(again.room().endedAt()).as("ending twice keeps the first end").isEqualTo(ended.room().endedAt());
    }

    @Test
    void unknownAndMalformedIds() {
        AuthResponse user = api.newUser("seeker");
        assertError(api.get("/api/rooms/0123456789abcdef01234567", user.token()), 404, "NOT_FOUND");
        assertError(api.patch("/api/rooms/0123456789abcdef01234567", user.token(), Map.of("title", "x")), 404,
                "NOT_FOUND");
        assertError(api.delete("/api/rooms/0123456789abcdef01234567", user.token()), 404, "NOT_FOUND");
        assertError(api.get("/api/rooms/not-a-room", user.token()), 400, "VALIDATION_FAILED", "roomId");
        assertError(api.get("/api/rooms/0123456789ABCDEF01234567", user.token()), 400, "VALIDATION_FAILED",
                "roomId");
        assertError(api.delete("/api/rooms/1234", user.token()), 400, "VALIDATION_FAILED", "roomId");
    }

    @Test
    void onlyStaffSeeTheBanList() {
        AuthResponse host = api.newUser("bouncer");
        AuthResponse troll = api.newUser("troll");
        AuthResponse viewer = api.newUser("viewer");
        Room room = api.createRoom(host.token(), RoomSettings.titled("Strict room")).room();
        api.post("/api/rooms/" + room.id() + "/join", host.token(), null).expect(200);
        api.post("/api/rooms/" + room.id() + "/ban", host.token(), Map.of("userId", troll.user().id())).expect(200);

        assertThat(api.room(host.token(), room.id()).room().bannedUsers()).containsExactly(troll.user().id());
        assertThat(api.room(viewer.token(), room.id()).room().bannedUsers()).isEmpty();
        assertThat(api.room(troll.token(), room.id()).room().bannedUsers()).isEmpty();
        assertThat(api.rooms(viewer.token(), "/api/rooms?limit=100").items())
                .filteredOn(l -> l.room().id().equals(room.id()))
                .singleElement().satisfies(l -> assertThat(l.room().bannedUsers()).isEmpty());
        assertThat(api.rooms(host.token(), "/api/rooms?limit=100").items())
                .filteredOn(l -> l.room().id().equals(room.id()))
                .singleElement().satisfies(l -> assertThat(l.room().bannedUsers()).containsExactly(troll.user().id()));
    }
}
