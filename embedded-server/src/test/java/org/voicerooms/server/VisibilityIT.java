package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** Who sees private and friends-only rooms, in every list and by id. */
class VisibilityIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(100));
    private static final Api api = server.api();

    /** Every list a room can show up in, with a page large enough to hold all rooms of this class. */
    private static final List<String> LISTS = List.of("/api/rooms?limit=100", "/api/rooms?status=scheduled&limit=100",
            "/api/rooms?status=ended&limit=100", "/api/rooms?q=secret&limit=100", "/api/rooms/discover?limit=100",
            "/api/rooms/trending?limit=100", "/api/rooms/friends?limit=100", "/api/rooms/upcoming?limit=100",
            "/api/rooms/category/music?limit=100");

    private static AuthResponse host;
    private static AuthResponse friend;
    private static AuthResponse asked;
    private static AuthResponse stranger;
    private static String privateLive;
    private static String privateScheduled;
    private static String privateEnded;
    private static String friendsLive;
    private static String friendsScheduled;
    private static String publicLive;

    @BeforeAll
    static void rooms() {
        host = api.newUser("host");
        friend = api.newUser("friend");
        asked = api.newUser("asked");
        stranger = api.newUser("stranger");
        api.befriend(host, friend);
        api.post("/api/users/me/friends/" + host.user().id(), asked.token(), null).expect(200);
        String later = server.clock().instant().plus(Duration.ofHours(1)).toString();
        privateLive = create("private", null);
        privateScheduled = create("private", later);
        privateEnded = create("private", null);
        api.delete("/api/rooms/" + privateEnded, host.token()).expect(200);
        friendsLive = create("friends-only", null);
        friendsScheduled = create("friends-only", later);
        publicLive = create("public", null);
    }

    private static String create(String type, String scheduledFor) {
        Map<String, Object> settings = scheduledFor == null
                ? Map.of("title", "A secret " + type + " room", "type", type, "category", "music")
                : Map.of("title", "A secret " + type + " room", "type", type, "category", "music",
                        "scheduledFor", scheduledFor);
        return api.createRoom(host.token(), settings).room().id();
    }

    /** Every room id in every list, as {@code viewer} sees them. */
    private static Set<String> everyListed(AuthResponse viewer) {
        Set<String> seen = new HashSet<>();
        for (String list : LISTS) {
            seen.addAll(Api.ids(api.rooms(viewer.token(), list)));
        }
        return seen;
    }

    @Test
    void strangersSeeOnlyThePublicRoom() {
        for (AuthResponse outsider : List.of(stranger, asked, api.guest("Drifter"))) {
            assertThat(everyListed(outsider)).contains(publicLive)
                    .doesNotContain(privateLive, privateScheduled, privateEnded, friendsLive, friendsScheduled);
            for (String hidden : List.of(privateLive, privateScheduled, privateEnded, friendsLive, friendsScheduled)) {
                assertError(api.get("/api/rooms/" + hidden, outsider.token()), 404, "NOT_FOUND");
                assertError(api.patch("/api/rooms/" + hidden, outsider.token(), Map.of("title", "x")), 404,
                        "NOT_FOUND");
                assertError(api.delete("/api/rooms/" + hidden, outsider.token()), 404, "NOT_FOUND");
            }
            assertError(api.post("/api/rooms/" + privateScheduled + "/start", outsider.token(), null), 404,
                    "NOT_FOUND");
        }
    }

    @Test
    void theHostSeesEveryRoom() {
        assertThat(everyListed(host)).contains(publicLive, privateLive, privateScheduled, privateEnded, friendsLive,
                friendsScheduled);
        for (String id : List.of(privateLive, privateScheduled, privateEnded, friendsLive, friendsScheduled)) {
            assertThat(api.room(host.token(), id).room().id()).isEqualTo(id);
        }
        assertThat(Api.ids(api.rooms(host.token(), "/api/rooms/upcoming?limit=100")))
                .contains(privateScheduled, friendsScheduled);
    }

    @Test
    void friendsSeeFriendsOnlyRoomsButNotPrivateOnes() {
        assertThat(everyListed(friend)).contains(publicLive, friendsLive, friendsScheduled)
                .doesNotContain(privateLive, privateScheduled, privateEnded);
        for (String list : List.of("/api/rooms?limit=100", "/api/rooms/discover?limit=100",
                "/api/rooms/trending?limit=100", "/api/rooms/friends?limit=100")) {
            assertThat(Api.ids(api.rooms(friend.token(), list))).as(list).contains(friendsLive)
                    .doesNotContain(privateLive);
        }
        assertThat(api.room(friend.token(), friendsLive).room().id()).isEqualTo(friendsLive);
        assertError(api.get("/api/rooms/" + privateLive, friend.token()), 404, "NOT_FOUND");
    }

    @Test
    void friendsOnlyRoomsDisappearWhenTheFriendshipEnds() {
        AuthResponse owner = api.newUser("owner");
        AuthResponse ex = api.newUser("ex");
        api.befriend(owner, ex);
        String room = api.createRoom(ex.token(), Map.of("title", "For friends", "type", "friends-only")).room().id();
        assertThat(Api.ids(api.rooms(owner.token(), "/api/rooms/friends?limit=100"))).contains(room);

        api.delete("/api/users/me/friends/" + ex.user().id(), owner.token()).expect(200);
        assertThat(everyListed(owner)).doesNotContain(room);
        assertError(api.get("/api/rooms/" + room, owner.token()), 404, "NOT_FOUND");
    }

    @Test
    void makingAPublicRoomPrivateHidesIt() {
        String room = api.createRoom(host.token(), Map.of("title", "Soon private")).room().id();
        assertThat(api.room(stranger.token(), room).room().id()).isEqualTo(room);
        api.patch("/api/rooms/" + room, host.token(), Map.of("type", "private")).expect(200);
        assertThat(everyListed(stranger)).doesNotContain(room);
        assertError(api.get("/api/rooms/" + room, stranger.token()), 404, "NOT_FOUND");
    }
}
