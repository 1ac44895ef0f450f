package org.voicerooms.client.people;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.live.Payloads.FriendChanged;
import org.voicerooms.model.users.FriendInRoom;
import org.voicerooms.model.users.FriendStatus;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.UserView;

/**
 * The People screen: find someone by username and ask them to be friends; answer requests; see which friends are
 * in a live room and follow them in. Friend changes pushed by the server ({@code user:friend-changed}) reload the
 * lists while the screen is open, so a request or an acceptance shows without a refresh.
 */
public final class PeopleViewModel implements AutoCloseable {

    /** A person in one of the lists; {@code roomId}/{@code roomTitle} are set for friends in a live room. */
    public record Row(String userId, String name, String username, String roomId, String roomTitle) {
        public boolean inRoom() {
            return roomId != null;
        }
    }

    private final AppContext app;
    private final Navigator nav;
    final StringProperty username = new SimpleStringProperty("");
    final StringProperty message = new SimpleStringProperty("");
    final BooleanProperty loading = new SimpleBooleanProperty();
    final ObservableList<Row> friends = FXCollections.observableArrayList();
    final ObservableList<Row> incoming = FXCollections.observableArrayList();
    final ObservableList<Row> outgoing = FXCollections.observableArrayList();
    private final Runnable unsubscribe;

    public PeopleViewModel(AppContext app, Navigator nav) {
        this.app = app;
        this.nav = nav;
        this.unsubscribe = app.onFriendChanged(change -> app.ui().execute(() -> changed(change)));
    }

    public StringProperty username() {
        return username;
    }

    public ObservableList<Row> friends() {
        return friends;
    }

    public ObservableList<Row> incoming() {
        return incoming;
    }

    public ObservableList<Row> outgoing() {
        return outgoing;
    }

    /** Reloads the three lists and where friends are. */
    public void refresh() {
        loading.set(true);
        app.async(() -> new Loaded(app.api().friends(), app.api().friendsInRooms()))
                .whenCompleteAsync((loaded, failure) -> {
                    loading.set(false);
                    if (failure != null) {
                        message.set("Could not load your friends: " + Messages.of(RoomSession.errorOf(failure)));
                        return;
                    }
                    show(loaded);
                }, app.ui());
    }

    private record Loaded(FriendsView view, List<FriendInRoom> rooms) {
    }

    private void show(Loaded loaded) {
        Map<String, FriendInRoom> where = new HashMap<>();
        loaded.rooms().forEach(f -> where.putIfAbsent(f.user().id(), f));
        friends.setAll(loaded.view().friends().stream().map(u -> {
            FriendInRoom in = where.get(u.id());
            return new Row(u.id(), u.displayName(), u.username(), in == null ? null : in.roomId(),
                    in == null ? null : in.title());
        }).toList());
        incoming.setAll(loaded.view().incoming().stream().map(PeopleViewModel::row).toList());
        outgoing.setAll(loaded.view().outgoing().stream().map(PeopleViewModel::row).toList());
        if (message.get().startsWith("Could not load")) {
            message.set("");
        }
    }

    private static Row row(UserView u) {
        return new Row(u.id(), u.displayName(), u.username(), null, null);
    }

    private void changed(FriendChanged change) {
        refresh();
    }

    /** Asks the user named in the search field (or accepts their request). */
    public void add() {
        String name = username.get() == null ? "" : username.get().strip();
        if (name.isEmpty()) {
            message.set("Type a username to add someone.");
            return;
        }
        app.async(() -> app.api().askFriend(name)).whenCompleteAsync((result, failure) -> {
            if (failure != null) {
                message.set(Messages.of(RoomSession.errorOf(failure)));
                return;
            }
            username.set("");
            message.set(result.status() == FriendStatus.FRIENDS
                    ? "You and " + result.user().displayName() + " are friends now."
                    : "Request sent to " + result.user().displayName() + ".");
            refresh();
        }, app.ui());
    }

    /** Accepts {@code userId}'s request. */
    public void accept(String userId) {
        act(() -> app.api().askFriendById(userId), "Accepting");
    }

    /** Declines a request, withdraws one's own, or ends a friendship. */
    public void remove(String userId) {
        act(() -> app.api().removeFriend(userId), "Removing");
    }

    /** Follows a friend into the live room they are in. */
    public void join(Row friend) {
        if (friend.inRoom()) {
            nav.toRoom(friend.roomId());
        }
    }

    public void back() {
        nav.toDiscover();
    }

    private void act(java.util.function.Supplier<?> call, String what) {
        app.async(call::get).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                nav.toast(what + " failed: " + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
            }
            refresh();
        }, app.ui());
    }

    @Override
    public void close() {
        unsubscribe.run();
    }
}
