package org.voicerooms.client.signin;

import java.net.URI;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.lan.LanAddresses;
import org.voicerooms.client.lan.LanServer;

/**
 * Sign-in: pick a server (typed, recent, found on the LAN, or this computer via "Host on this network"), then an
 * account (log in or register) or a guest name. Work runs in the background; {@code busy} and {@code status} say
 * what is happening, {@code error} what went wrong, in words.
 */
public final class SignInViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SignInViewModel.class);

    private final AppContext app;
    private final Navigator nav;
    final StringProperty server = new SimpleStringProperty("");
    final StringProperty displayName = new SimpleStringProperty("");
    final StringProperty username = new SimpleStringProperty("");
    final StringProperty password = new SimpleStringProperty("");
    final BooleanProperty busy = new SimpleBooleanProperty();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    final ObservableList<String> recentServers = FXCollections.observableArrayList();
    final ObservableList<LanServer> lanServers = FXCollections.observableArrayList();
    final ObservableList<LanAddresses.Candidate> hostAddresses = FXCollections.observableArrayList();
    final ObjectProperty<LanAddresses.Candidate> hostAddress = new SimpleObjectProperty<>();

    public SignInViewModel(AppContext app, Navigator nav) {
        this.app = app;
        this.nav = nav;
        recentServers.setAll(app.prefs().recentServers());
        displayName.set(app.prefs().displayName());
        notice(app.dataDirNote());
        if (app.options().server() != null) {
            server.set(app.options().server());
        } else if (!recentServers.isEmpty()) {
            server.set(recentServers.get(0));
        }
    }

    public StringProperty server() {
        return server;
    }

    public StringProperty displayName() {
        return displayName;
    }

    public StringProperty username() {
        return username;
    }

    public StringProperty password() {
        return password;
    }

    public BooleanProperty busy() {
        return busy;
    }

    public ReadOnlyStringProperty status() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** Why the user is back here (e.g. the host they were with stopped hosting); empty on a plain start. */
    public ReadOnlyStringProperty notice() {
        return notice.getReadOnlyProperty();
    }

    public void notice(String text) {
        notice.set(text == null ? "" : text);
    }

    public ObservableList<String> recentServers() {
        return recentServers;
    }

    public ObservableList<LanServer> lanServers() {
        return lanServers;
    }

    /** The addresses this computer could host on, best first; the view offers a choice when there are several. */
    public ObservableList<LanAddresses.Candidate> hostAddresses() {
        return hostAddresses;
    }

    public ObjectProperty<LanAddresses.Candidate> hostAddress() {
        return hostAddress;
    }

    /** Finds the addresses to host on (in the background) and picks the best. */
    public void findHostAddresses() {
        app.async(() -> {
            try {
                return app.lanAddresses();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenCompleteAsync((found, failure) -> {
            if (failure == null && !found.isEmpty()) {
                hostAddresses.setAll(found);
                if (hostAddress.get() == null || !found.contains(hostAddress.get())) {
                    hostAddress.set(found.get(0));
                }
            }
        }, app.ui());
    }

    /** Starts listening for servers on the LAN; the list updates by itself. */
    public void watchLan() {
        app.async(app::lan).thenAcceptAsync(browser -> {
            if (browser != null) {
                browser.addListener(found -> app.ui().execute(() -> lanServers.setAll(found)));
            }
        }, app.ui());
    }

    public void continueAsGuest() {
        String name = displayName.get().strip();
        if (name.isEmpty()) {
            error.set("Enter a display name.");
            return;
        }
        signIn("Signing in as " + name + "…", () -> app.api().signInAsGuest(name), null);
    }

    public void logIn() {
        if (username.get().isBlank() || password.get().isEmpty()) {
            error.set("Enter your username and password.");
            return;
        }
        signIn("Logging in…", () -> app.api().login(username.get().strip(), password.get()), null);
    }

    public void register() {
        if (username.get().isBlank() || password.get().isEmpty()) {
            error.set("Choose a username and a password.");
            return;
        }
        String name = displayName.get().isBlank() ? username.get().strip() : displayName.get().strip();
        signIn("Creating your account…", () -> app.api().register(username.get().strip(), password.get(), name),
                null);
    }

    /**
     * One click: start the server in this app at the chosen address (the best one unless the user picked another),
     * announce it on the LAN under the name typed now, and sign in to it as a guest.
     */
    public void hostOnThisNetwork() {
        String name = displayName.get().strip();
        if (name.isEmpty()) {
            error.set("Enter a display name.");
            return;
        }
        LanAddresses.Candidate chosen = hostAddress.get();
        busy.set(true);
        error.set("");
        status.set("Starting a server on this computer…");
        app.async(() -> {
            try {
                return app.host(name + "'s rooms", chosen != null ? chosen.address() : app.lanAddress()).url()
                        .toString();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).whenCompleteAsync((url, failure) -> {
            if (failure != null) {
                busy.set(false);
                status.set("");
                error.set("Could not start hosting: " + rootMessage(failure));
                return;
            }
            server.set(url);
            nav.toast("Hosting on this network at " + url + " — other computers find it under “On this network”"
                    + " or by this address.", Navigator.Toast.SUCCESS);
            continueAsGuest();
        }, app.ui());
    }

    /** One click from "On this network": that server, as a guest, straight into the room. */
    public void joinLanRoom(LanServer lan, LanServer.LanRoom room) {
        app.remember(lan);
        server.set(lan.url().toString());
        if (displayName.get().isBlank()) {
            error.set("Enter a display name first.");
            return;
        }
        String name = displayName.get().strip();
        signIn("Joining " + room.title() + "…", () -> app.api().signInAsGuest(name), room.id());
    }

    private void signIn(String what, Runnable call, String thenRoom) {
        URI url;
        try {
            url = URI.create(server.get().strip());
            if (url.getScheme() == null || url.getHost() == null) {
                throw new IllegalArgumentException("no host");
            }
        } catch (IllegalArgumentException e) {
            error.set("Enter the server's address, like http://192.168.1.20:8080");
            return;
        }
        busy.set(true);
        error.set("");
        status.set("Connecting to " + url + "…");
        app.async(() -> {
            app.connect(url);
            app.ui().execute(() -> status.set(what));
            call.run();
            return url;
        }).whenCompleteAsync((done, failure) -> {
            busy.set(false);
            status.set("");
            if (failure != null) {
                error.set(Messages.of(RoomSession.errorOf(failure)));
                LOG.info("Sign-in to {} failed: {}", url, failure.toString());
                return;
            }
            app.prefs(app.prefs().withRecent(url.toString()).withName(displayName.get().strip()));
            if (thenRoom != null) {
                nav.toRoom(thenRoom);
            } else {
                nav.toDiscover();
            }
        }, app.ui());
    }

    private static String rootMessage(Throwable t) {
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
