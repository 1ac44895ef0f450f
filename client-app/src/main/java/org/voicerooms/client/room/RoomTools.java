package org.voicerooms.client.room;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.voicerooms.client.app.JoinLink;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.users.UserView;

/**
 * The room's side panels: inviting friends (and the room's links), the host's settings editor (a PATCH of the
 * room) and the ban list with unban. Loads in the background, applies on the UI thread, reports failures as
 * toasts in words.
 */
public final class RoomTools {

    /** A friend in the invite picker; {@code invited} once the invitation went out. */
    public record Friend(String userId, String name, String username, boolean invited) {
    }

    /** A banned user in the ban list. */
    public record Banned(String userId, String name) {
    }

    private final RoomViewModel room;
    private final RoomServices app;
    private final Navigator nav;
    final ObservableList<Friend> friends = FXCollections.observableArrayList();
    final ObservableList<Banned> bans = FXCollections.observableArrayList();
    final StringProperty note = new SimpleStringProperty("");
    final StringProperty title = new SimpleStringProperty("");
    final StringProperty description = new SimpleStringProperty("");
    final ObjectProperty<RoomType> type = new SimpleObjectProperty<>(RoomType.PUBLIC);
    final IntegerProperty maxSpeakers = new SimpleIntegerProperty(10);
    final BooleanProperty anyoneCanSpeak = new SimpleBooleanProperty();
    final BooleanProperty allowHandRaise = new SimpleBooleanProperty(true);
    /** Staff move listeners on stage without asking; off: they invite and the listener accepts. */
    final BooleanProperty directPromote = new SimpleBooleanProperty(true);
    final BooleanProperty requireApproval = new SimpleBooleanProperty();
    final BooleanProperty hideParticipants = new SimpleBooleanProperty();
    final BooleanProperty allowInvites = new SimpleBooleanProperty(true);
    private boolean allowRecording;

    public RoomTools(RoomViewModel room) {
        this.room = room;
        this.app = room.services();
        this.nav = room.navigator();
    }

    public ObservableList<Friend> friends() {
        return friends;
    }

    public ObservableList<Banned> bans() {
        return bans;
    }

    /** The room's web link, {@code <server>/r/<roomId>}: opens the app or says how to get it; no key inside. */
    public String webLink() {
        return new JoinLink(server(), room.roomId()).webLink();
    }

    /** The room's app link, {@code voicerooms://join/<server>/<roomId>}. */
    public String appLink() {
        return new JoinLink(server(), room.roomId()).appLink();
    }

    private String server() {
        String s = app.api().server().toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ---- invitations ----

    /** Loads the friends to pick from. */
    public void loadFriends() {
        background(() -> app.api().friends().friends(), list -> {
            friends.setAll(list.stream().map(u -> new Friend(u.id(), u.displayName(), u.username(), false))
                    .toList());
            note.set(list.isEmpty() ? "No friends yet: add some on the People screen, or share the link." : "");
        }, "Loading your friends");
    }

    /** Sends {@code userId} an invitation; in private and friends-only rooms it opens the room to them. */
    public void invite(String userId) {
        RoomSession s = room.session();
        if (s == null) {
            return;
        }
        app.async(() -> s.moderate(Events.INVITE, userId)).thenCompose(f -> f).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                nav.toast("Inviting failed: " + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
                return;
            }
            for (int i = 0; i < friends.size(); i++) {
                Friend f = friends.get(i);
                if (f.userId().equals(userId)) {
                    friends.set(i, new Friend(f.userId(), f.name(), f.username(), true));
                    nav.toast("Invited " + f.name() + ".", Navigator.Toast.SUCCESS);
                }
            }
        }, app.ui());
    }

    // ---- host: settings and bans ----

    /** Fills the settings editor from the room as the session knows it. */
    public void loadSettings() {
        RoomSession s = room.session();
        Room r = s == null ? null : s.room();
        if (r == null) {
            return;
        }
        title.set(r.title());
        description.set(r.description() == null ? "" : r.description());
        type.set(r.type());
        maxSpeakers.set(r.maxSpeakers());
        anyoneCanSpeak.set(r.permissions().anyoneCanSpeak());
        allowHandRaise.set(r.permissions().allowHandRaise());
        directPromote.set(r.permissions().mayPromoteDirectly());
        allowRecording = r.permissions().allowRecording();
        requireApproval.set(r.privacy().requireApproval());
        hideParticipants.set(r.privacy().hideParticipants());
        allowInvites.set(r.privacy().allowInvites());
    }

    /** Sends the edited settings (the room's creator only; the server says no to others). */
    public void saveSettings() {
        RoomSettings patch = new RoomSettings(title.get(), description.get(), type.get(), null, null,
                maxSpeakers.get(), new RoomPermissions(anyoneCanSpeak.get(), allowRecording, allowHandRaise.get(),
                        directPromote.get()),
                new RoomPrivacy(requireApproval.get(), hideParticipants.get(), allowInvites.get()), null, null, null);
        background(() -> app.api().updateRoom(room.roomId(), patch), saved -> {
            room.title.set(saved.room().title());
            nav.toast("Room settings saved.", Navigator.Toast.SUCCESS);
        }, "Saving the settings");
    }

    /** Loads the ban list (the server shows it to staff only) with everyone's name. */
    public void loadBans() {
        background(() -> {
            List<Banned> out = new ArrayList<>();
            for (String id : app.api().room(room.roomId()).room().bannedUsers()) {
                String name;
                try {
                    UserView u = app.api().user(id);
                    name = u.displayName() + " (@" + u.username() + ")";
                } catch (RuntimeException e) {
                    name = "Deleted account";
                }
                out.add(new Banned(id, name));
            }
            return out;
        }, list -> {
            bans.setAll(list);
            note.set(list.isEmpty() ? "Nobody is banned from this room." : "");
        }, "Loading the ban list");
    }

    /** Lifts {@code userId}'s ban: they may come back. */
    public void unban(String userId) {
        RoomSession s = room.session();
        if (s == null) {
            return;
        }
        app.async(() -> s.moderate(Events.UNBAN, userId)).thenCompose(f -> f).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                nav.toast("Unbanning failed: " + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
                return;
            }
            bans.removeIf(b -> b.userId().equals(userId));
            if (bans.isEmpty()) {
                note.set("Nobody is banned from this room.");
            }
            nav.toast("Ban lifted.", Navigator.Toast.SUCCESS);
        }, app.ui());
    }

    private <T> void background(Supplier<T> work, java.util.function.Consumer<T> done, String what) {
        app.async(work).whenCompleteAsync((value, failure) -> {
            if (failure != null) {
                nav.toast(what + " failed: " + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
                return;
            }
            done.accept(value);
        }, app.ui());
    }
}
