package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;
import static org.voicerooms.server.testing.Api.ids;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.voicerooms.model.Page;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** Every room list, on a fresh server per test so totals and rankings are exact. */
class RoomListsIT {

    private static final List<String> LISTS = List.of("/api/rooms", "/api/rooms/discover", "/api/rooms/trending",
            "/api/rooms/category/casual", "/api/rooms/friends", "/api/rooms/upcoming");

    private TestServer server;
    private Api api;

    @BeforeEach
    void startServer() {
        server = TestServer.start(b -> b.roomCreationsPerDay(100));
        api = server.api();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** Creates a room a minute after the previous one, so "newest" and "soonest" are unambiguous. */
    private String room(AuthResponse host, Map<String, Object> settings) {
        server.clock().advance(Duration.ofMinutes(1));
        return api.createRoom(host.token(), settings).room().id();
    }

    private String room(AuthResponse host, String title) {
        return room(host, Map.of("title", title));
    }

    private List<String> list(AuthResponse viewer, String pathAndQuery) {
        return ids(api.rooms(viewer.token(), pathAndQuery));
    }

    private static String q(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void roomsAreNewestFirstAndFilterByCategoryTitleAndStatus() {
        AuthResponse ann = api.newUser("ann");
        AuthResponse ben = api.newUser("ben");
        String rust = room(ann, Map.of("title", "Rust compilers", "category", "tech"));
        String lateJazz = room(ben, Map.of("title", "Late night JAZZ", "category", "music"));
        String chill = room(ann, "Chill chat");
        String jazzCoffee = room(ben, "Jazz & coffee");
        String cpp = room(ann, Map.of("title", "C++ (templates)", "category", "tech"));
        String archive = room(ben, "Jazz archive");
        api.delete("/api/rooms/" + archive, ben.token()).expect(200);
        String later = room(ann, Map.of("title", "Jazz later",
                "scheduledFor", server.clock().instant().plus(Duration.ofHours(2)).toString()));

        Page<RoomListing> all = api.rooms(ann.token(), "/api/rooms");
        assertThat(ids(all)).containsExactly(cpp, jazzCoffee, chill, lateJazz, rust);
        assertThat(all.total()).isEqualTo(5);
        assertThat(all.page()).isEqualTo(1);
        assertThat(all.limit()).isEqualTo(20);
        assertThat(all.hasMore()).isFalse();
        assertThat(list(ann, "/api/rooms?status=active")).isEqualTo(ids(all));

        assertThat(list(ann, "/api/rooms?category=tech")).containsExactly(cpp, rust);
        assertThat(list(ann, "/api/rooms?category=music")).containsExactly(lateJazz);
        assertThat(list(ann, "/api/rooms?category=gaming")).isEmpty();
        assertThat(list(ann, "/api/rooms?q=jazz")).containsExactly(jazzCoffee, lateJazz);
        assertThat(list(ann, "/api/rooms?q=" + q("C++ (")))
                .as("search text is literal, not a pattern").containsExactly(cpp);
        assertThat(list(ann, "/api/rooms?q=JAZZ&category=casual")).containsExactly(jazzCoffee);
        assertThat(api.rooms(ann.token(), "/api/rooms?q=opera").total()).isZero();

        assertThat(list(ann, "/api/rooms?status=ended")).containsExactly(archive);
        assertThat(list(ann, "/api/rooms?status=scheduled")).containsExactly(later);
        assertThat(list(ann, "/api/rooms?status=scheduled&q=jazz")).containsExactly(later);

        assertError(api.get("/api/rooms?category=jazz", ann.token()), 400, "VALIDATION_FAILED", "category");
        assertError(api.get("/api/rooms?status=live", ann.token()), 400, "VALIDATION_FAILED", "status");
    }

    @Test
    void discoverRanksAFriendsRoomAboveAStrangersNewerRoom() {
        AuthResponse viewer = api.newUser("viewer");
        AuthResponse friend = api.newUser("friend");
        AuthResponse stranger = api.newUser("stranger");
        AuthResponse loner = api.newUser("loner");
        api.befriend(viewer, friend);
        String friends = room(friend, "Friend's room");
        server.clock().advance(Duration.ofHours(1));
        String strangers = room(stranger, "Stranger's newer room");

        Page<RoomListing> forViewer = api.rooms(viewer.token(), "/api/rooms/discover");
        assertThat(ids(forViewer)).containsExactly(friends, strangers);
        assertThat(forViewer.items().get(0).friendsInside()).isEqualTo(1);
        assertThat(forViewer.items().get(1).friendsInside()).isZero();
        assertThat(list(loner, "/api/rooms/discover")).as("without friends, newer first")
                .containsExactly(strangers, friends);
    }

    @Test
    void discoverFavoursTheCategoriesTheViewerHosts() {
        AuthResponse fan = api.newUser("fan");
        AuthResponse newcomer = api.newUser("newcomer");
        AuthResponse s1 = api.newUser("musician");
        AuthResponse s2 = api.newUser("talker");
        for (String title : List.of("My jam", "My other jam")) {
            String mine = room(fan, Map.of("title", title, "category", "music"));
            api.delete("/api/rooms/" + mine, fan.token()).expect(200);
        }
        String music = room(s1, Map.of("title", "Guitar hour", "category", "music"));
        String casual = room(s2, Map.of("title", "Small talk", "category", "casual"));

        assertThat(list(fan, "/api/rooms/discover")).containsExactly(music, casual);
        assertThat(list(newcomer, "/api/rooms/discover")).as("no history: the newer room first")
                .containsExactly(casual, music);
    }

    @Test
    void trendingPutsRoomsWithMorePeopleFirst() {
        AuthResponse host = api.newUser("host");
        String quiet = room(host, "Quiet");
        String busy = room(host, "Busy");
        String newest = room(host, "Newest, empty");
        List<AuthResponse> crowd = List.of(api.newUser("p1"), api.newUser("p2"), api.newUser("p3"));
        for (AuthResponse p : crowd) {
            api.post("/api/rooms/" + busy + "/join", p.token(), null).expect(200);
        }
        api.post("/api/rooms/" + quiet + "/join", crowd.get(0).token(), null).expect(200);

        Page<RoomListing> trending = api.rooms(host.token(), "/api/rooms/trending");
        assertThat(ids(trending)).containsExactly(busy, quiet, newest);
        assertThat(trending.items()).extracting(RoomListing::participants).containsExactly(3, 1, 0);
    }

    @Test
    void aCategoryListHoldsOnlyLiveRoomsOfThatCategory() {
        AuthResponse host = api.newUser("dj");
        String first = room(host, Map.of("title", "Vinyl", "category", "music"));
        room(host, Map.of("title", "Code", "category", "tech"));
        String second = room(host, Map.of("title", "Synths", "category", "music"));
        String ended = room(host, Map.of("title", "Over", "category", "music"));
        api.delete("/api/rooms/" + ended, host.token()).expect(200);

        assertThat(list(host, "/api/rooms/category/music")).containsExactly(second, first);
        assertThat(list(host, "/api/rooms/category/gaming")).isEmpty();
        assertError(api.get("/api/rooms/category/jazz", host.token()), 400, "VALIDATION_FAILED", "category");
    }

    @Test
    void theFriendsListHoldsRoomsHostedByOrHoldingFriends() {
        AuthResponse me = api.newUser("me");
        AuthResponse f1 = api.newUser("f1");
        AuthResponse f2 = api.newUser("f2");
        AuthResponse pending = api.newUser("pending");
        AuthResponse stranger = api.newUser("stranger");
        api.befriend(me, f1);
        api.befriend(f2, me);
        api.post("/api/users/me/friends/" + pending.user().id(), me.token(), null).expect(200);

        String byF1 = room(f1, "F1 hosts");
        String byStranger = room(stranger, "Stranger hosts");
        String byF2 = room(f2, "F2 hosts");
        room(pending, "Not yet a friend");
        String over = room(f1, "F1 ended");
        api.delete("/api/rooms/" + over, f1.token()).expect(200);

        assertThat(list(me, "/api/rooms/friends")).containsExactly(byF2, byF1);
        api.post("/api/rooms/" + byStranger + "/join", f2.token(), null).expect(200);
        assertThat(list(me, "/api/rooms/friends")).containsExactly(byF2, byStranger, byF1);
        assertThat(api.rooms(stranger.token(), "/api/rooms/friends").total()).isZero();
    }

    @Test
    void upcomingListsScheduledRoomsSoonestFirst() {
        AuthResponse host = api.newUser("planner");
        String live = room(host, "Live now");
        var now = server.clock().instant();
        String inThree = room(host, Map.of("title", "In three hours", "scheduledFor", now.plus(Duration.ofHours(3))
                .toString()));
        String inOne = room(host, Map.of("title", "In one hour", "scheduledFor", now.plus(Duration.ofHours(1))
                .toString()));
        String inTwo = room(host, Map.of("title", "In two hours", "scheduledFor", now.plus(Duration.ofHours(2))
                .toString()));

        assertThat(list(host, "/api/rooms/upcoming")).containsExactly(inOne, inTwo, inThree);
        assertThat(list(host, "/api/rooms")).containsExactly(live);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/rooms", "/api/rooms/discover", "/api/rooms/trending", "/api/rooms/category/casual",
            "/api/rooms/friends", "/api/rooms/upcoming"})
    void pagesWalkEveryRoomExactlyOnce(String path) {
        AuthResponse viewer = api.newUser("walker");
        List<AuthResponse> hosts = List.of(api.newUser("h1"), api.newUser("h2"), api.newUser("h3"));
        hosts.forEach(h -> api.befriend(viewer, h));
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> settings = path.endsWith("upcoming")
                    ? Map.of("title", "Room " + i, "scheduledFor", server.clock().instant().plus(Duration.ofDays(1 + i))
                    .toString())
                    : Map.of("title", "Room " + i);
            created.add(room(hosts.get(i % hosts.size()), settings));
        }
        String sep = path.contains("?") ? "&" : "?";

        List<String> walked = new ArrayList<>();
        for (int page = 1; page <= 7; page++) {
            Page<RoomListing> one = api.rooms(viewer.token(), path + sep + "limit=1&page=" + page);
            assertThat(one.items()).as("page %d of %s", page, path).hasSize(1);
            assertThat(one.total()).isEqualTo(7);
            assertThat(one.page()).isEqualTo(page);
            assertThat(one.limit()).isEqualTo(1);
            assertThat(one.hasMore()).as("hasMore on page %d", page).isEqualTo(page < 7);
            walked.addAll(ids(one));
        }
        assertThat(walked).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(walked).isEqualTo(list(viewer, path + sep + "limit=100"));

        Page<RoomListing> partial = api.rooms(viewer.token(), path + sep + "limit=3&page=3");
        assertThat(partial.items()).hasSize(1);
        assertThat(partial.hasMore()).isFalse();
        for (String beyond : List.of("limit=1&page=8", "limit=20&page=2", "page=10000")) {
            Page<RoomListing> empty = api.rooms(viewer.token(), path + sep + beyond);
            assertThat(empty.items()).as(beyond).isEmpty();
            assertThat(empty.total()).isEqualTo(7);
            assertThat(empty.hasMore()).isFalse();
        }
    }

    @Test
    void pageAndLimitOutOfRangeAreRefusedOnEveryList() {
        AuthResponse user = api.newUser("pager");
        Map<String, String> bad = Map.of("limit=0", "limit", "limit=101", "limit", "limit=-1", "limit",
                "limit=abc", "limit", "page=0", "page", "page=abc", "page", "page=10001", "page", "page=1.5", "page");
        for (String path : LISTS) {
            bad.forEach((query, field) ->
                    assertError(api.get(path + "?" + query, user.token()), 400, "VALIDATION_FAILED", field));
            assertThat(api.rooms(user.token(), path + "?limit=100&page=10000").items()).isEmpty();
        }
    }
}
