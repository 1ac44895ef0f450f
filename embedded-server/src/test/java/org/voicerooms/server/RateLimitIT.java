package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** The default limit of 5 room creations per user in any 24 hours. */
class RateLimitIT {

    /** Tokens outlive the clock jumps below, so the test is about the room limit only. */
    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.tokenTtl(Duration.ofDays(7)));
    private static final Api api = server.api();

    @Test
    void theSixthRoomOfADayIsRefusedUntilTheDayHasPassed() {
        AuthResponse busy = api.newUser("busy");
        AuthResponse other = api.newUser("other");
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            server.clock().advance(Duration.ofMinutes(1));
            rooms.add(api.createRoom(busy.token(), RoomSettings.titled("Room " + i)).room().id());
        }
        assertError(api.post("/api/rooms", busy.token(), RoomSettings.titled("Room 6")), 429, "RATE_LIMITED");
        api.delete("/api/rooms/" + rooms.get(0), busy.token()).expect(200);
        assertError(api.post("/api/rooms", busy.token(), RoomSettings.titled("Room 6")), 429, "RATE_LIMITED");
        assertThat(api.rooms(busy.token(), "/api/rooms?q=Room 6".replace(" ", "%20")).total())
                .as("a refused room is not stored").isZero();

        api.createRoom(other.token(), RoomSettings.titled("Someone else's room"));

        server.clock().advance(Duration.ofHours(23).plusMinutes(55));
        assertError(api.post("/api/rooms", busy.token(), RoomSettings.titled("Too early")), 429, "RATE_LIMITED");

        server.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
        api.createRoom(busy.token(), RoomSettings.titled("A new day"));
        assertError(api.post("/api/rooms", busy.token(), RoomSettings.titled("One more")), 429, "RATE_LIMITED");
    }

    @Test
    void guestsAreLimitedToo() {
        AuthResponse guest = api.guest("Spammer");
        for (int i = 1; i <= 5; i++) {
            api.createRoom(guest.token(), RoomSettings.titled("Guest room " + i));
        }
        assertError(api.post("/api/rooms", guest.token(), RoomSettings.titled("Guest room 6")), 429,
                "RATE_LIMITED");
    }
}
