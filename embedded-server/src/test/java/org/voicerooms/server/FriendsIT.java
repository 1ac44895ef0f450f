package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendStatus;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.FriendshipView;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/** Mutual friendship: ask, accept by asking back, remove. */
class FriendsIT {

    @RegisterExtension
    static final TestServer server = TestServer.start();
    private static final Api api = server.api();

    private static FriendshipView ask(AuthResponse from, AuthResponse to) {
        return api.post("/api/users/me/friends/" + to.user().id(), from.token(), null).expect(200)
                .as(FriendshipView.class);
    }

    private static FriendshipView askByName(AuthResponse from, String username) {
        return api.post("/api/users/me/friends", from.token(), Map.of("username", username)).expect(200)
                .as(FriendshipView.class);
    }

    @Test
    void askingThenAskingBackMakesFriends() {
        AuthResponse a = api.newUser("alice");
        AuthResponse b = api.newUser("bob");

        FriendshipView asked = ask(a, b);
        assertThat(asked.status()).isEqualTo(FriendStatus.REQUESTED);
        assertThat(asked.user()).isEqualTo(b.user());
        assertThat(api.friends(a.token())).isEqualTo(new FriendsView(
                List.of(), List.of(), List.of(b.user())));
        assertThat(api.friends(b.token())).isEqualTo(new FriendsView(
                List.of(), List.of(a.user()), List.of()));

        FriendshipView accepted = ask(b, a);
        assertThat(accepted.status()).isEqualTo(FriendStatus.FRIENDS);
        assertThat(accepted.user()).isEqualTo(a.user());
        assertThat(api.friends(a.token()).friends()).containsExactly(b.user());
        assertThat(api.friends(b.token()).friends()).containsExactly(a.user());
        assertThat(api.friends(a.token()).incoming()).isEmpty();
        assertThat(api.friends(b.token()).outgoing()).isEmpty();
    }

    @Test
    void usernamesWorkInAnyCase() {
        AuthResponse a = api.newUser("carol");
        AuthResponse b = api.newUser("dave");
        assertThat(askByName(a, b.user().username().toUpperCase(Locale.ROOT)).status())
                .isEqualTo(FriendStatus.REQUESTED);
        FriendshipView accepted = askByName(b, "C" + a.user().username().substring(1));
        assertThat(accepted.status()).isEqualTo(FriendStatus.FRIENDS);
        assertThat(accepted.user()).isEqualTo(a.user());
        assertThat(api.friends(a.token()).friends()).containsExactly(b.user());
    }

    @Test
    void askingAgainChangesNothing() {
        AuthResponse a = api.newUser("erin");
        AuthResponse b = api.newUser("frank");
        ask(a, b);
        assertThat(ask(a, b).status()).isEqualTo(FriendStatus.REQUESTED);
        assertThat(askByName(a, b.user().username()).status()).isEqualTo(FriendStatus.REQUESTED);
        assertThat(api.friends(a.token()).outgoing()).containsExactly(b.user());
        assertThat(api.friends(b.token()).incoming()).containsExactly(a.user());

        ask(b, a);
        assertThat(ask(a, b).status()).isEqualTo(FriendStatus.FRIENDS);
        assertThat(ask(b, a).status()).isEqualTo(FriendStatus.FRIENDS);
        assertThat(api.friends(a.token()).friends()).containsExactly(b.user());
    }

    @Test
    void nobodyCanBefriendThemself() {
        AuthResponse a = api.newUser("narcissus");
        var byId = api.post("/api/users/me/friends/" + a.user().id(), a.token(), null);
        assertError(byId, 400, "VALIDATION_FAILED");
        var byName = api.post("/api/users/me/friends", a.token(), Map.of("username", a.user().username()));
        assertError(byName, 400, "VALIDATION_FAILED");
        assertThat(api.friends(a.token())).isEqualTo(new FriendsView(
                List.of(), List.of(), List.of()));
    }

    @Test
    void unknownUsersAreNotFound() {
        AuthResponse a = api.newUser("lonely");
        assertError(api.post("/api/users/me/friends/0123456789abcdef01234567", a.token(), null), 404, "NOT_FOUND");
        assertError(api.post("/api/users/me/friends", a.token(), Map.of("username", Api.uniqueName("ghost"))), 404,
                "NOT_FOUND");
        assertError(api.delete("/api/users/me/friends/0123456789abcdef01234567", a.token()), 404, "NOT_FOUND");
        assertError(api.post("/api/users/me/friends/not-an-id", a.token(), null), 400, "VALIDATION_FAILED",
                "userId");
        assertError(api.post("/api/users/me/friends", a.token(), Map.of()), 400, "VALIDATION_FAILED", "username");
    }

    @Test
    void removingEndsAFriendshipOnBothSidesAndOnlyOnce() {
        AuthResponse a = api.newUser("gina");
        AuthResponse b = api.newUser("hank");
        api.befriend(a, b);
        FriendshipView removed = api.delete("/api/users/me/friends/" + a.user().id(), b.token()).expect(200)
                .as(FriendshipView.class);
        assertThat(removed.status()).isEqualTo(FriendStatus.NONE);
        assertThat(removed.user()).isEqualTo(a.user());
        FriendsView empty = new FriendsView(List.of(), List.of(), List.of());
        assertThat(api.friends(a.token())).isEqualTo(empty);
        assertThat(api.friends(b.token())).isEqualTo(empty);
        assertError(api.delete("/api/users/me/friends/" + a.user().id(), b.token()), 404, "NOT_FOUND");
        assertError(api.delete("/api/users/me/friends/" + b.user().id(), a.token()), 404, "NOT_FOUND");
    }

    @Test
    void removingAPendingRequestDeclinesOrWithdrawsIt() {
        AuthResponse a = api.newUser("ivy");
        AuthResponse b = api.newUser("jack");
        ask(a, b);
        api.delete("/api/users/me/friends/" + a.user().id(), b.token()).expect(200);
        assertThat(api.friends(a.token()).outgoing()).isEmpty();
        assertThat(api.friends(b.token()).incoming()).isEmpty();

        ask(a, b);
        api.delete("/api/users/me/friends/" + b.user().id(), a.token()).expect(200);
        assertThat(api.friends(b.token()).incoming()).isEmpty();
        assertThat(ask(b, a).status()).as("a withdrawn request cannot be accepted").isEqualTo(FriendStatus.REQUESTED);
    }

    @Test
    void friendListsAreSortedByDisplayName() {
        AuthResponse me = api.newUser("sorter");
        AuthResponse zed = api.register(Api.uniqueName("zed"), Api.PASSWORD);
        AuthResponse amy = api.register(Api.uniqueName("amy"), Api.PASSWORD);
        api.befriend(me, zed);
        api.befriend(me, amy);
        assertThat(api.friends(me.token()).friends()).containsExactly(amy.user(), zed.user());
    }
}
