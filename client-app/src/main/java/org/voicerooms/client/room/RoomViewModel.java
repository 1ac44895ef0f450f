package org.voicerooms.client.room;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.app.Messages;
import org.voicerooms.client.app.Navigator;
import org.voicerooms.client.audio.RoomAudio;
import org.voicerooms.client.audio.RoomVisit;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.client.lan.LanHosting;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;

/**
 * One room on screen: the stage and audience, the hand queue in time order, chat and reactions, this person's
 * cue (live, muted, listening), levels for the speaking rings, connection quality, and the actions their role
 * allows. The session's events arrive on the realtime thread and are applied on the UI thread; every action runs
 * in the background and reports failures as a toast in words.
 */
public final class RoomViewModel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomViewModel.class);

    /** A person as the grids show them. */
    public record Person(String userId, String name, String initials, Role role, boolean muted, boolean speaking,
                         boolean handRaised, boolean you) {
    }

    /** A raised hand in the queue. */
    public record HandItem(String userId, String name, Instant raisedAt) {
    }

    /** What one person can do to another, depending on both roles. */
    public enum Action {
        PROMOTE("Invite to speak", Events.SPEAK_INVITE), MOVE_TO_STAGE("Move to stage", Events.PROMOTE),
        DEMOTE("Move to audience", Events.DEMOTE),
        MUTE("Mute", Events.MUTE), KICK("Remove from room", Events.KICK), BAN("Ban", Events.BAN),
        MAKE_MODERATOR("Make moderator", Events.MAKE_MODERATOR),
        REMOVE_MODERATOR("Remove moderator", Events.REMOVE_MODERATOR);

        final String label;
        final Event<Target> event;

        Action(String label, Event<Target> event) {
            this.label = label;
            this.event = event;
        }

        public String label() {
            return label;
        }
    }

    /** Reactions offered, with their names (tooltips and ids). */
    public static final Map<String, String> REACTIONS = reactions();

    private static Map<String, String> reactions() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("👏", "Clap");
        m.put("😂", "Haha");
        m.put("❤️", "Love");
        m.put("🔥", "Fire");
        m.put("👍", "+1");
        return java.util.Collections.unmodifiableMap(m);
    }

    private final RoomServices app;
    private final Navigator nav;
    private final String roomId;
    final StringProperty title = new SimpleStringProperty("Joining…");
    final StringProperty status = new SimpleStringProperty("Connecting…");
    final ObjectProperty<RoomSession.Status> state = new SimpleObjectProperty<>(RoomSession.Status.JOINING);
    final ObservableList<Person> stage = FXCollections.observableArrayList();
    final ObservableList<Person> audience = FXCollections.observableArrayList();
    final AudiencePages audiencePages = new AudiencePages(this);
    final ObservableList<HandItem> hands = FXCollections.observableArrayList();
    final ObservableList<HandItem> knocks = FXCollections.observableArrayList();
    final ObservableList<String> chat = FXCollections.observableArrayList();
    final ObservableMap<String, Double> levels = FXCollections.observableHashMap();
    final ObjectProperty<Person> you = new SimpleObjectProperty<>();
    final BooleanProperty muted = new SimpleBooleanProperty();
    /** The room lets anyone speak: listeners get a Speak button instead of a hand. */
    final BooleanProperty openStage = new SimpleBooleanProperty();
    final StringProperty cue = new SimpleStringProperty("");
    final StringProperty quality = new SimpleStringProperty("—");
    final StringProperty audioNote = new SimpleStringProperty("");
    /** How the room's audio flows, from the room's media plan: peer to peer, or through the server. */
    final StringProperty audioPath = new SimpleStringProperty("");
    final StringProperty lastReaction = new SimpleStringProperty("");
    /** Counts reactions, so the view shows (and fades) each one, even the same twice. */
    final javafx.beans.property.IntegerProperty reactionCount = new javafx.beans.property.SimpleIntegerProperty();
    private volatile RoomVisit visit;
    private volatile RoomSession session;
    private volatile RoomAudio mesh;
    private int loudWhileMuted;
    /** This person ended the room: they are not told "the host ended the room". */
    private boolean endedByMe;
    private final Map<String, String> knockToasts = new java.util.HashMap<>();
    private volatile boolean closed;

    public RoomViewModel(RoomServices app, Navigator nav, String roomId) {
        this.app = app;
        this.nav = nav;
        this.roomId = roomId;
    }

    public String roomId() {
        return roomId;
    }

    public ObservableList<Person> stage() {
        return stage;
    }

    /** The rest of a large audience, a page at a time. */
    public AudiencePages audiencePages() {
        return audiencePages;
    }

    public ObservableList<Person> audience() {
        return audience;
    }

    public ObservableList<HandItem> hands() {
        return hands;
    }

    public ObservableList<String> chat() {
        return chat;
    }

    public ObjectProperty<RoomSession.Status> state() {
        return state;
    }

    public ObjectProperty<Person> you() {
        return you;
    }

    public StringProperty cue() {
        return cue;
    }

    public StringProperty title() {
        return title;
    }

    /**
     * Prepares the visit (the session, and the audio listening for the peers' offers), then joins; the future
     * completes on the UI thread with the status the join reached. The audio engine was started when the app
     * was, so this does not wait for devices.
     */
    public CompletableFuture<RoomSession.Status> start() {
        return app.async(() -> {
            RoomVisit v = app.prepareVisit(roomId);
            v.session().addListener(c -> app.ui().execute(() -> onChange(c)));
            session = v.session();
            mesh = v.mesh();
            if (mesh != null) {
                PeopleAudio people = app.peopleAudio();
                mesh.setHearing(peer -> people.of(peer).heard());
            }
            visit = v;
            if (closed) {
                v.close(); // left while the visit was being prepared
            }
            if (v.mesh() == null) {
                app.ui().execute(() -> audioNote.set(app.audioProblem()));
            }
            return v;
        }).thenCompose(v -> closed ? CompletableFuture.completedFuture(RoomSession.Status.LEFT) : v.join())
                .whenCompleteAsync((s, failure) -> {
                    if (failure != null) {
                        if (closed) {
                            return; // the session's end (kicked, ended, …) was already told in one message
                        }
                        String why = Messages.of(RoomSession.errorOf(failure));
                        nav.toast("Could not join: " + why, Navigator.Toast.ERROR);
                        nav.toDiscover();
                        return;
                    }
                    refresh();
                    RoomAudio m = mesh;
                    if (m != null) {
                        m.setSelfMuted(muted.get());
                    }
                }, app.ui());
    }

    private void onChange(RoomSession.Change c) {
        if (closed) {
            return;
        }
        switch (c.kind()) {
            case "chat" -> session.chatMessages().stream().reduce((a, b) -> b).ifPresent(this::addChat);
            case "knock" -> nav.toast(knockMessage(c.userId(), c.detail()), Navigator.Toast.INFO, List.of(
                    new Navigator.Choice("admit-" + c.userId(), "Let in", () -> answerKnock(c.userId(), true)),
                    new Navigator.Choice("refuse-" + c.userId(), "Decline", () -> answerKnock(c.userId(), false))));
            case "reaction" -> {
                lastReaction.set(name(c.userId()) + " " + c.detail());
                reactionCount.set(reactionCount.get() + 1);
            }
            case "promoted" -> {
                String text = name(c.userId()) + " invited you to speak. You're now " + roleWords(role(c.detail()))
                        + ".";
                nav.alert("Invited to speak", text);
                nav.toast(text, Navigator.Toast.SUCCESS);
            }
            case "status" -> {
                if (state.get() == RoomSession.Status.WAITING && RoomSession.Status.LIVE.name().equals(c.detail())) {
                    nav.alert("You're in", "You were let into “" + title.get() + "”.");
                }
            }
            case "speak-invited" -> {
                String text = (c.detail() != null ? c.detail() : name(c.userId())) + " invites you to speak.";
                nav.alert("Invited to speak", text);
                nav.toast(text, Navigator.Toast.INFO, List.of(
                        new Navigator.Choice("acceptSpeak", "Join the stage", () -> answerSpeakInvite(true)),
                        new Navigator.Choice("declineSpeak", "Not now", () -> answerSpeakInvite(false))));
            }
            case "speak-declined" -> nav.toast(name(c.userId()) + " would rather listen for now.",
                    Navigator.Toast.INFO);
            case "muted-by" -> {
                nav.toast(name(c.userId()) + " muted you.", Navigator.Toast.WARNING);
                muted.set(true);
                if (mesh != null) {
                    mesh.setSelfMuted(true);
                }
            }
            case "role" -> {
                String said = roleToast(you.get(), c.userId(), role(c.detail()));
                if (said != null) {
                    nav.toast(said, Navigator.Toast.INFO);
                }
            }
            default -> {
            }
        }
        refresh();
        RoomSession.Status s = session.status();
        if (s == RoomSession.Status.ENDED || s == RoomSession.Status.KICKED || s == RoomSession.Status.LEFT) {
            finished(s);
        }
    }

    /**
     * What to tell this person when their own role changes, or null: one toast per change, so a move from the
     * audience onto the stage is left to the "invited you to speak" toast that comes with it.
     */
    static String roleToast(Person me, String userId, Role next) {
        if (me == null || !me.userId().equals(userId) || next == me.role()) {
            return null;
        }
        if (next == Role.LISTENER) {
            return "You're back in the audience.";
        }
        if (next == Role.HOST || !me.role().onStage()) {
            return next == Role.HOST ? "You're now the host." : null;
        }
        return "You're now " + roleWords(next) + ".";
    }

    private static Role role(String wire) {
        for (Role r : Role.values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        return Role.SPEAKER;
    }

    static String roleWords(Role role) {
        return switch (role) {
            case HOST -> "the host";
            case MODERATOR -> "a moderator";
            case SPEAKER -> "a speaker";
            case LISTENER -> "a listener";
        };
    }

    private static final java.time.format.DateTimeFormatter CHAT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    /** A chat line as shown: the time it was sent (in the user's zone), who, what. */
    static String chatLine(ChatMessage m, java.time.ZoneId zone) {
        String at = m.sentAt() == null ? "" : CHAT_TIME.format(m.sentAt().atZone(zone)) + "  ";
        return at + m.displayName() + ": " + m.text();
    }

    private void addChat(ChatMessage m) {
        chat.add(chatLine(m, java.time.ZoneId.systemDefault()));
        if (chat.size() > 200) {
            chat.remove(0);
        }
    }

    private String name(String userId) {
        if (userId == null) {
            return "Someone";
        }
        for (Participant p : session.participants()) {
            if (p.userId().equals(userId)) {
                return p.displayName();
            }
        }
        return "Someone";
    }

    /** Re-reads the session into the observable lists. UI thread. */
    /** The words for the room's media plan under the connection quality. */
    static String audioPath(org.voicerooms.model.live.MediaPayloads.MediaDescriptor media) {
        if (media.onSfu()) {
            return org.voicerooms.model.live.MediaPayloads.MediaDescriptor.SFU_UNAVAILABLE.equals(media.reason())
                    ? "Audio server unreachable" : "Audio through the server";
        }
        return org.voicerooms.model.live.MediaPayloads.MediaDescriptor.SFU_UNAVAILABLE.equals(media.reason())
                ? "Peer to peer (audio server unreachable)" : "Peer to peer";
    }

    public StringProperty audioPath() {
        return audioPath;
    }

    void refresh() {
        if (session == null) {
            return;
        }
        var room = session.room();
        if (room != null) {
            title.set(room.title());
            openStage.set(room.permissions().anyoneCanSpeak());
        }
        state.set(session.status());
        audioPath.set(audioPath(session.media()));
        status.set(switch (session.status()) {
            case JOINING -> "Joining…";
            case WAITING -> "Waiting for the host to let you in…";
            case LIVE -> "";
            case RECONNECTING -> "Reconnecting… audio continues where it can";
            case LEFT, ENDED, KICKED -> Messages.endReason(session.reason());
        });
        Participant me = session.you();
        List<Person> onStage = new ArrayList<>();
        List<Person> listening = new ArrayList<>();
        for (Participant p : session.participants()) {
            Person person = new Person(p.userId(), p.displayName(), initials(p.displayName()), p.role(), p.muted(),
                    p.speaking(), p.handRaised(), me != null && me.userId().equals(p.userId()));
            (p.role().onStage() ? onStage : listening).add(person);
            if (person.you()) {
                you.set(person);
                if (p.role().onStage() && p.muted() != muted.get()) {
                    // the room's word on this person's mute wins (new speakers come up muted; moderators mute)
                    muted.set(p.muted());
                    loudWhileMuted = 0;
                }
            }
        }
        onStage.sort((a, b) -> Integer.compare(a.role().ordinal(), b.role().ordinal()));
        stage.setAll(onStage);
        audience.setAll(listening);
        audiencePages.update(session);
        hands.setAll(session.handQueue().stream().sorted(java.util.Comparator.comparing(Hand::raisedAt,
                java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())))
                .map(h -> new HandItem(h.userId(), h.displayName(), h.raisedAt())).toList());
        knocks.setAll(session.knocks().stream().map(k -> new HandItem(k.userId(), k.displayName(), k.at()))
                .toList());
        updateCue();
    }

    static String initials(String name) {
        String[] words = name == null ? new String[0] : name.strip().split("\\s+");
        StringBuilder out = new StringBuilder();
        for (String w : words) {
            if (!w.isEmpty() && out.length() < 2) {
                out.appendCodePoint(w.codePointAt(0));
            }
        }
        return out.length() == 0 ? "?" : out.toString().toUpperCase(Locale.ROOT);
    }

    private void updateCue() {
        Person me = you.get();
        if (me == null) {
            cue.set("");
        } else if (!me.role().onStage()) {
            cue.set(me.handRaised() ? "Hand raised — waiting for the stage" : "You're listening");
        } else if (muted.get()) {
            cue.set(loudWhileMuted >= 3 ? "You're speaking while muted — unmute to be heard" : "You're muted");
        } else if (mesh != null && mesh.speaking()) {
            cue.set("You're speaking — live");
        } else {
            cue.set("You're live");
        }
    }

    /** Called by the view a few times a second: levels for the rings and the cue. UI thread. */
    public void tick() {
        RoomAudio m = mesh;
        // muted on stage, the microphone is still metered: say so when the person talks
        loudWhileMuted = m != null && muted.get() && m.micLevel() > 0.05 ? loudWhileMuted + 1 : 0;
        if (m != null) {
            Map<String, Double> now = m.remoteLevels();
            levels.putAll(now);
            levels.keySet().retainAll(now.keySet());
            Person me = you.get();
            if (me != null) {
                levels.put(me.userId(), m.localLevel());
            }
        }
        updateCue();
    }

    /**
     * How strongly to draw a person's speaking ring: the level of their audio as it arrives here (the own
     * microphone's for oneself). A "speaking" flag from the server without sound arriving draws nothing, so a
     * listener whose audio is not connected is not shown rings of talk they cannot hear.
     */
    public double ringLevel(String userId) {
        return levels.getOrDefault(userId, 0.0);
    }

    /** Reads connection figures in the background and shows the worst link's as a quality word. */
    public void checkQuality() {
        RoomAudio m = mesh;
        if (m == null) {
            return;
        }
        app.async(m::stats).thenAcceptAsync(stats -> quality.set(Quality.describe(stats.values())), app.ui());
    }

    // ---- actions ----

    private void act(String what, java.util.function.Supplier<CompletableFuture<?>> call) {
        if (session == null) {
            return;
        }
        app.async(call).thenCompose(f -> f).whenCompleteAsync((ok, failure) -> {
            if (failure != null) {
                nav.toast(what + " failed: " + Messages.of(RoomSession.errorOf(failure)), Navigator.Toast.ERROR);
            }
        }, app.ui());
    }

    public void toggleHand() {
        Person me = you.get();
        boolean raised = me != null && me.handRaised();
        act(raised ? "Lowering your hand" : "Raising your hand", () -> raised ? session.lowerHand()
                : session.raiseHand());
    }

    /** The Speak button of an open-stage room. */
    public void requestToSpeak() {
        act("Asking to speak", () -> session.speakRequest());
    }

    /** Answers the invitation to speak: yes puts you on stage muted; unmute when ready. */
    public void answerSpeakInvite(boolean accept) {
        act(accept ? "Joining the stage" : "Declining", () -> session.answerSpeakInvite(accept));
    }

    public void toggleMute() {
        boolean next = !muted.get();
        muted.set(next);
        if (mesh != null) {
            mesh.setSelfMuted(next);
        }
        loudWhileMuted = 0;
        updateCue();
        act(next ? "Muting" : "Unmuting", () -> session.setMuted(next));
    }

    /** Push-to-talk: the key held unmutes, released mutes again. */
    public void pushToTalk(boolean down) {
        Person me = you.get();
        if (me != null && me.role().onStage() && muted.get() == down) {
            toggleMute();
        }
    }

    /** Brings a raised hand onto the stage. */
    public void approve(String userId) {
        act("Inviting to speak", () -> session.promote(userId));
    }

    public void deny(String userId) {
        act("Declining the hand", () -> session.moderate(Events.HAND_DENY, userId));
    }

    /** The knock toast's words, remembered so the toast goes once the knock is answered or the room is left. */
    private String knockMessage(String userId, String name) {
        String message = name + " is asking to join.";
        knockToasts.put(userId, message);
        return message;
    }

    /** Lets someone waiting at the door in, or not. */
    public void answerKnock(String userId, boolean admit) {
        String toast = knockToasts.remove(userId);
        if (toast != null) {
            nav.dismissToast(toast);
        }
        act(admit ? "Letting in" : "Turning away", () -> session.answerKnock(userId, admit));
        knocks.removeIf(k -> k.userId().equals(userId));
    }

    public ObservableList<HandItem> knocks() {
        return knocks;
    }

    public void lowerAllHands() {
        for (HandItem h : List.copyOf(hands)) {
            deny(h.userId());
        }
    }

    public void perform(Action action, String userId) {
        act(action.label(), () -> session.moderate(action.event, userId));
    }

    public void sendChat(String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        act("Sending", () -> session.chat(text.strip()));
    }

    public void react(String emoji) {
        act("Reacting", () -> session.react(emoji));
    }

    /**
     * What this person may do to {@code other}: the actions the server allows for other's role (the room state's
     * {@code allowedActions}), in menu order; nothing to themselves, and no Mute for someone already muted.
     */
    public List<Action> actionsFor(Person other) {
        Person me = you.get();
        if (me == null || other.you() || session == null) {
            return List.of();
        }
        List<String> allowed = session.allowedActions(other.role());
        List<Action> out = new ArrayList<>();
        for (Action a : Action.values()) {
            if (allowed.contains(a.event.name()) && !(a == Action.MUTE && other.muted())) {
                out.add(a);
            }
        }
        return out;
    }

    /** How this person chose to hear {@code userId} (volume, local mute). */
    public PeopleAudio.Choice listening(String userId) {
        return app.peopleAudio().of(userId);
    }

    /**
     * Whether levels other than 0 % play at 100 % for now: while this microphone goes out with echo cancellation on
     * (the echo canceller hears only voices at 100 %; with headphones, turn it off in Settings and levels apply).
     */
    public boolean levelsHeld() {
        RoomAudio m = mesh;
        return m != null && m.levelsHeld();
    }

    /** Remembers how to hear {@code userId} and applies it to their audio now. */
    public void setListening(String userId, PeopleAudio.Choice choice) {
        app.peopleAudio().set(userId, choice);
        RoomAudio m = mesh;
        if (m != null) {
            m.applyHearing(userId);
        }
    }

    /** The live session, once the visit is prepared; null before. For the room's panels. */
    RoomSession session() {
        return session;
    }

    RoomServices services() {
        return app;
    }

    Navigator navigator() {
        return nav;
    }

    public boolean isHost() {
        return you.get() != null && you.get().role() == Role.HOST;
    }

    public boolean canModerate() {
        return you.get() != null && you.get().role().canModerate();
    }

    /**
     * The leave button: anyone but the host leaves at once. The host is told who takes the room over (a moderator),
     * asked whom to hand it to (no moderator, others inside), or told that leaving ends it (alone).
     */
    public void requestLeave() {
        if (!isHost() || session == null) {
            leave();
            return;
        }
        Handover plan = Handover.of(you.get().userId(), session.participants());
        if (plan.next() != null) {
            nav.ask("Leave the room?", plan.next().displayName() + " (moderator) will host it after you.",
                    List.of(new Navigator.Choice("leave", "Leave", this::leave)));
        } else if (plan.alone()) {
            nav.ask("Leave the room?", "You're the only one here, so leaving ends the room.",
                    List.of(new Navigator.Choice("leave", "Leave and end the room", this::leave)));
        } else {
            List<Navigator.Choice> choices = new ArrayList<>();
            for (Participant p : plan.candidates()) {
                choices.add(new Navigator.Choice("handTo-" + p.userId(), p.displayName(), () -> handOver(p)));
            }
            choices.add(new Navigator.Choice("end", "End the room", this::endNow));
            nav.ask("Who should host after you?", "There is no moderator to take over. Pick the next host, or end"
                    + " the room for everyone.", choices);
        }
    }

    /** Makes {@code next} a moderator, so the server hands them the room when the host leaves, then leaves. */
    private void handOver(Participant next) {
        RoomSession s = session;
        app.async(() -> s.moderate(Events.MAKE_MODERATOR, next.userId())).thenCompose(f -> f)
                .whenCompleteAsync((ok, failure) -> {
                    if (failure != null) {
                        nav.toast("Handing the room over failed: " + Messages.of(RoomSession.errorOf(failure)),
                                Navigator.Toast.ERROR);
                        return;
                    }
                    nav.toast(next.displayName() + " hosts the room now.", Navigator.Toast.INFO);
                    leave();
                }, app.ui());
    }

    /** Leaves quietly. */
    public void leave() {
        if (session != null) {
            app.async(session::leave).thenCompose(f -> f).whenCompleteAsync((ok, failure) -> nav.toDiscover(),
                    app.ui());
        } else {
            nav.toDiscover();
        }
        close();
    }

    /** The end button: ends the room for everyone once the host confirms. */
    public void end() {
        nav.ask("End the room for everyone?", "Everyone inside leaves and the room can't be opened again.",
                List.of(new Navigator.Choice("end", "End room", this::endNow)));
    }

    private void endNow() {
        endedByMe = true;
        act("Ending the room", () -> session.end());
    }

    private void finished(RoomSession.Status s) {
        Navigator.Toast kind = s == RoomSession.Status.KICKED ? Navigator.Toast.WARNING : Navigator.Toast.INFO;
        String reason = session.reason();
        close();
        if (LanHosting.STOP_REASON.equals(reason)) {
            // the server this person was on is gone with its host: back to where another can be chosen
            nav.toSignIn(Messages.endReason(reason) + " Pick another server or host one yourself.");
            return;
        }
        if (endedByMe && s == RoomSession.Status.ENDED) {
            nav.toast("You ended the room.", Navigator.Toast.INFO);
        } else if (s != RoomSession.Status.LEFT || reason != null && !"left".equals(reason)) {
            nav.toast(Messages.endReason(reason), kind);
        }
        nav.toDiscover();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        knockToasts.values().forEach(nav::dismissToast);
        RoomVisit v = visit;
        if (v == null) {
            return; // start() closes it when it comes
        }
        app.async(() -> {
            v.close();
            return true;
        }).exceptionally(e -> {
            LOG.warn("Room {} not closed cleanly: {}", roomId, e.toString());
            return false;
        });
    }
}
