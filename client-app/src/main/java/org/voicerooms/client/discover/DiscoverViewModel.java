package org.voicerooms.client.discover;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.voicerooms.client.app.AppContext;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.lan.LanServer;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomStatus;

/**
 * Discover: the server's room lists by tab, search and category filters, and the rooms announced on the LAN.
 * Loading runs in the background; a newer request wins over an older one still in flight.
 */
public final class DiscoverViewModel {

    /** The tabs, with the server list each one reads. */
    public enum Tab {
        FOR_YOU("For you", "discover"), TRENDING("Trending", "trending"), CATEGORIES("Categories", null),
        FRIENDS("Friends", "friends"), UPCOMING("Upcoming", "upcoming"), ON_THIS_NETWORK("On this network", null);

        final String label;
        final String list;

        Tab(String label, String list) {
            this.label = label;
            this.list = list;
        }

        public String label() {
            return label;
        }
    }

    /** One card: a room here, or a room announced by another server on the LAN. */
    public record Card(String roomId, String title, String subtitle, String category, int participants,
                       int speakers, boolean live, LanServer lanServer, boolean yours) {
        /** A scheduled room of this person's: they start it from its card. */
        public boolean startable() {
            return !live && yours && lanServer == null;
        }
    }

    static final int PAGE = 30;
    /** How often the lists reload by themselves while Discover is on screen. */
    static final int AUTO_REFRESH_SECONDS = 8;
    private final AppContext app;
    private final Navigator nav;
    final ObjectProperty<Tab> tab = new SimpleObjectProperty<>(Tab.FOR_YOU);
    final StringProperty query = new SimpleStringProperty("");
    final ObjectProperty<RoomCategory> category = new SimpleObjectProperty<>();
    final BooleanProperty loading = new SimpleBooleanProperty();
    final BooleanProperty stopping = new SimpleBooleanProperty();
    final StringProperty message = new SimpleStringProperty("");
    final ObservableList<Card> cards = FXCollections.observableArrayList();
    private List<LanServer> lan = List.of();
    private long generation;
    private final ZoneId zone;

    public DiscoverViewModel(AppContext app, Navigator nav) {
        this(app, nav, ZoneId.systemDefault());
    }

    /** With the time zone times are shown in (the computer's, but for tests). */
    DiscoverViewModel(AppContext app, Navigator nav, ZoneId zone) {
        this.app = app;
        this.nav = nav;
        this.zone = zone;
        tab.addListener((o, a, b) -> refresh());
        category.addListener((o, a, b) -> refresh());
    }

    public ObjectProperty<Tab> tab() {
        return tab;
    }

    public StringProperty query() {
        return query;
    }

    public ObjectProperty<RoomCategory> category() {
        return category;
    }

    public BooleanProperty loading() {
        return loading;
    }

    public StringProperty message() {
        return message;
    }

    public ObservableList<Card> cards() {
        return cards;
    }

    /** Who is signed in, for the header. */
    public String who() {
        var s = app.api().session();
        return s == null ? "" : s.user().displayName() + (s.user().guest() ? " (guest)" : "");
    }

    public String serverName() {
        return app.api().server().toString() + (app.hosting() != null ? " — hosted here" : "");
    }

    public boolean hosting() {
        return app.hosting() != null;
    }

    /** Starts following LAN announcements for the "On this network" tab. */
    public void watchLan() {
        app.async(app::lan).thenAcceptAsync(browser -> {
            if (browser != null) {
                browser.addListener(found -> app.ui().execute(() -> {
                    lan = found;
                    if (tab.get() == Tab.ON_THIS_NETWORK) {
                        showLan();
                    }
                }));
            }
        }, app.ui());
    }

    /** Loads the current tab again (search text and category included). */
    public void refresh() {
        long mine = ++generation;
        if (tab.get() == Tab.ON_THIS_NETWORK) {
            showLan();
            return;
        }
        loading.set(true);
        if (cards.isEmpty()) {
            message.set("Loading rooms…");
        }
        Tab t = tab.get();
        String q = query.get() == null ? "" : query.get().strip();
        RoomCategory c = category.get();
        boolean filtered = !q.isEmpty() || c != null;
        String me = app.api().session() == null ? null : app.api().session().user().id();
        app.async(() -> {
            List<RoomListing> found = t == Tab.CATEGORIES || t == Tab.FOR_YOU && filtered
                    ? app.api().search(q, c, 1, PAGE).items() : app.api().rooms(t.list, 1, PAGE).items();
            // the search text and category apply to every tab: lists the server does not search are filtered here
            return found.stream().filter(l -> matches(l, q, c)).toList();
        }).whenCompleteAsync((rooms, failure) -> {
            if (mine != generation) {
                return; // a newer request replaced this one
            }
            loading.set(false);
            if (failure != null) {
                cards.clear();
                message.set(Messages.of(RoomSession.errorOf(failure)));
                return;
            }
            cards.setAll(rooms.stream().map(l -> card(l, me, zone)).toList());
            message.set(!rooms.isEmpty() ? "" : filtered ? noMatch(q) : emptyText(t));
        }, app.ui());
    }

    /** Whether a room fits the search text (title, description, tags, host) and category; blank and null: all. */
    static boolean matches(RoomListing l, String query, RoomCategory category) {
        if (category != null && l.room().category() != category) {
            return false;
        }
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        String text = String.join(" ", l.room().title(), String.valueOf(l.room().description()),
                String.join(" ", l.room().tags() == null ? List.of() : l.room().tags()), l.hostName());
        return text.toLowerCase(Locale.ROOT).contains(q);
    }

    private static String noMatch(String q) {
        return q.isEmpty() ? "No rooms match these filters." : "No rooms match “" + q + "”.";
    }

    /** A category as a word: "Tech", "Music"; null reads "All". */
    public static String categoryName(RoomCategory c) {
        if (c == null) {
            return "All";
        }
        String w = c.wire();
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static String emptyText(Tab t) {
        return switch (t) {
            case FRIENDS -> "None of your friends is in a room right now.";
            case UPCOMING -> "No rooms are scheduled.";
            default -> "No live rooms yet. Start one with “New room”.";
        };
    }

    static Card card(RoomListing l, String me, ZoneId zone) {
        boolean live = l.room().status() == RoomStatus.ACTIVE;
        String sub = "Hosted by " + l.hostName() + (l.friendsInside() > 0 ? " · " + l.friendsInside()
                + " friends inside" : "") + (l.room().scheduledFor() != null && !live ? " · starts "
                + when(l.room().scheduledFor(), zone) : "");
        return new Card(l.room().id(), l.room().title(), sub, categoryName(l.room().category()), l.participants(),
                l.speakers(), live, null, l.room().createdBy().equals(me));
    }

    /** A moment as people read it: in their time zone, named, e.g. "Tue 1 Dec, 18:30 CET". */
    static String when(Instant at, ZoneId zone) {
        return WHEN.format(at.atZone(zone));
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm zzz", Locale.ENGLISH);

    /**
     * After the create form: a live room opens; a scheduled one is not joined (it has not started) but shown under
     * Upcoming, where its host starts it.
     */
    public void created(RoomListing room) {
        if (room.room().status() == RoomStatus.ACTIVE) {
            nav.toRoom(room.room().id());
            return;
        }
        String at = room.room().scheduledFor() == null ? "later" : when(room.room().scheduledFor(), zone);
        nav.toast("“" + room.room().title() + "” is scheduled for " + at + ". Start it from Upcoming.",
                Navigator.Toast.SUCCESS);
        if (tab.get() == Tab.UPCOMING) {
            refresh();
        } else {
            tab.set(Tab.UPCOMING);
        }
    }

    /** Starts one of this person's scheduled rooms and opens it. */
    public void start(Card card) {
        loading.set(true);
        app.async(() -> app.api().startRoom(card.roomId())).whenCompleteAsync((room, failure) -> {
            loading.set(false);
            if (failure != null) {
                nav.toast("Could not start the room: " + Messages.of(RoomSession.errorOf(failure)),
                        Navigator.Toast.ERROR);
                refresh();
            } else {
                nav.toRoom(card.roomId());
            }
        }, app.ui());
    }

    private void showLan() {
        loading.set(false);
        List<Card> out = new ArrayList<>();
        String q = query.get() == null ? "" : query.get().strip().toLowerCase(Locale.ROOT);
        for (LanServer s : lan) {
            for (LanServer.LanRoom r : s.rooms()) {
                if (!r.title().toLowerCase(Locale.ROOT).contains(q)) {
                    continue;
                }
                out.add(new Card(r.id(), r.title(), "On " + s.name() + " · " + s.url().getHost(), "On this network",
                        r.participants(), r.speakers(), true, s, false));
            }
        }
        cards.setAll(out);
        message.set(lan.isEmpty() ? "Looking for Voice Rooms servers on your network…"
                : !out.isEmpty() ? "" : !q.isEmpty() ? noMatch(q) : "Servers found, but no live rooms on them.");
    }

    /** Opens a card: a room on this server directly; a LAN room after signing in to its server as a guest. */
    public void open(Card card) {
        if (card.lanServer() == null) {
            nav.toRoom(card.roomId());
            return;
        }
        String name = app.prefs().displayName().isBlank() ? "Guest" : app.prefs().displayName();
        loading.set(true);
        message.set("Connecting to " + card.lanServer().name() + "…");
        app.async(() -> {
            app.connect(card.lanServer()).signInAsGuest(name);
            return card.roomId();
        }).whenCompleteAsync((roomId, failure) -> {
            loading.set(false);
            if (failure != null) {
                message.set(Messages.of(RoomSession.errorOf(failure)));
            } else {
                nav.toRoom(roomId);
            }
        }, app.ui());
    }

    /**
     * Stops hosting on this network: says what it is doing while its rooms end (everyone inside is told and taken
     * back to sign-in), then goes to sign-in itself.
     */
    public void stopHosting() {
        int live = app.hosting() == null ? 0 : app.hosting().server().liveRooms().size();
        loading.set(true);
        stopping.set(true);
        message.set(live == 0 ? "Stopping the server on this computer…" : "Stopping: ending " + live + " live room"
                + (live == 1 ? "" : "s") + " and telling everyone inside…");
        app.async(() -> {
            app.signOut();
            app.stopHosting();
            return true;
        }).whenCompleteAsync((ok, failure) -> {
            loading.set(false);
            stopping.set(false);
            nav.toSignIn(live == 0 ? "You stopped hosting." : "You stopped hosting. Its " + live + " room"
                    + (live == 1 ? " has" : "s have") + " ended.");
        }, app.ui());
    }

    /** Hosting is being stopped: the button waits. */
    public BooleanProperty stopping() {
        return stopping;
    }

    public void signOut() {
        app.signOut();
        nav.toSignIn();
    }

    /** To the People screen. */
    public void people() {
        nav.toPeople();
    }

    /** Joins the room a pasted invite link or room id names. */
    public void joinByLink(String text) {
        nav.joinByLink(text);
    }
}
