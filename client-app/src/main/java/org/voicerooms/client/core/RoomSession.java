package org.voicerooms.client.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.MediaPayloads.MediaDescriptor;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;

/**
 * One person's presence in one room: a state machine (joining → live ⇄ reconnecting → left / ended / kicked, or
 * waiting when the room takes knocks) holding the room as this person sees it — participants, roles, the hand
 * queue, mute and speaking — kept current from the server's events. UIs, bots and the audio engine listen to
 * {@link Change}s; listeners run on the realtime client's event thread and must not block.
 */
public final class RoomSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomSession.class);

    public enum Status { JOINING, WAITING, LIVE, RECONNECTING, LEFT, ENDED, KICKED }

    /** What changed: a status change, the people, or one thing that happened (kind + detail). */
    public record Change(String kind, String userId, String detail) {
    }

    private final RoomChannel realtime;
    private final String roomId;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, Hand> hands = new LinkedHashMap<>();
    private List<PeerLink> peers = List.of();
    /** The room's media plan as the server said last; a mesh until it says otherwise (older servers never do). */
    private MediaDescriptor media = MediaDescriptor.mesh(MediaDescriptor.MESH_MODE);
    private static final int CHAT_KEPT = 200;
    private final java.util.ArrayDeque<ChatMessage> chat = new java.util.ArrayDeque<>();
    private final Map<String, org.voicerooms.model.live.Payloads.JoinRequested> knocks = new LinkedHashMap<>();
    private Room room;
    private Participant you;
    /** The server's word on what this member may do to a person of each role (event names by role). */
    private java.util.Map<String, List<String>> allowedActions = java.util.Map.of();
    private int audienceCount;
    /** The participants this member may see, listed or not: the state's count, kept by joins and leaves. */
    private int visibleCount;
    /** Who left while listed or not, so that an older page does not bring them back; a rejoin clears it. */
    private final java.util.Set<String> departed = new java.util.HashSet<>();
    private volatile Status status = Status.JOINING;
    private volatile String endReason;
    private final List<RealtimeClient.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final RealtimeClient.ConnectionListener connection;

    public RoomSession(RoomChannel realtime, String roomId) {
        this.realtime = realtime;
        this.roomId = roomId;
        on(Events.STATE, s -> {
            if (mine(s.room().id()) && !finished()) {
                apply(s);
            }
        });
        on(Events.PARTICIPANT_JOINED, e -> ifMine(e.roomId(), () -> {
            departed.remove(e.participant().userId());
            if (participants.put(e.participant().userId(), e.participant()) == null) {
                visibleCount++;
                if (!e.participant().role().onStage()) {
                    audienceCount++;
                }
            }
            recomputePeers();
            return new Change("joined", e.participant().userId(), null);
        }));
        on(Events.PARTICIPANT_LEFT, e -> ifMine(e.roomId(), () -> {
            Participant gone = participants.remove(e.userId());
            departed.add(e.userId());
            // someone not listed is in the audience (the stage is always listed)
            visibleCount = Math.max(participants.size(), visibleCount - 1);
            if (gone == null || !gone.role().onStage()) {
                audienceCount = Math.max(0, audienceCount - 1);
            }
            hands.remove(e.userId());
            peers = peers.stream().filter(p -> !p.peerId().equals(e.userId())).toList();
            return new Change("left", e.userId(), e.reason());
        }));
        on(Events.ROLE_CHANGED, e -> ifMine(e.roomId(), () -> {
            Participant before = participants.get(e.userId());
            boolean wasOnStage = before != null && before.role().onStage();
            if (before != null) {
                participants.put(e.userId(), with(before, e.role(), before.muted() || !e.role().onStage()));
            } else if (e.displayName() != null) {
                // a listener this member never listed (a large room's audience comes in pages) joins the stage
                participants.put(e.userId(), new Participant(e.userId(), e.displayName(), e.role(),
                        e.muted() == null || e.muted(), false, false, null, null));
            }
            if (wasOnStage != e.role().onStage()) {
                audienceCount = Math.max(0, audienceCount + (e.role().onStage() ? -1 : 1));
            }
            hands.remove(e.userId());
            recomputePeers();
            return new Change("role", e.userId(), e.role().wire());
        }));
        on(Events.HAND_RAISED, e -> ifMine(e.roomId(), () -> {
            Participant p = participants.get(e.userId());
            hands.put(e.userId(), new Hand(e.userId(), p != null ? p.displayName() : e.userId(), e.raisedAt()));
            participants.computeIfPresent(e.userId(), (id, q) -> new Participant(q.userId(), q.displayName(),
                    q.role(), q.muted(), q.speaking(), true, e.raisedAt(), q.joinedAt()));
            return new Change("hand-raised", e.userId(), null);
        }));
        on(Events.HAND_LOWERED, e -> ifMine(e.roomId(), () -> {
            hands.remove(e.userId());
            participants.computeIfPresent(e.userId(), (id, q) -> new Participant(q.userId(), q.displayName(),
                    q.role(), q.muted(), q.speaking(), false, null, q.joinedAt()));
            return new Change("hand-lowered", e.userId(), null);
        }));
        on(Events.MUTE_CHANGED, e -> ifMine(e.roomId(), () -> {
            participants.computeIfPresent(e.userId(), (id, p) -> with(p, p.role(), e.muted()));
            return new Change("mute", e.userId(), String.valueOf(e.muted()));
        }));
        on(Events.SPEAKING_CHANGED, e -> ifMine(e.roomId(), () -> {
            participants.computeIfPresent(e.userId(), (id, q) -> new Participant(q.userId(), q.displayName(),
                    q.role(), q.muted(), e.speaking(), q.handRaised(), q.handRaisedAt(), q.joinedAt()));
            return new Change("speaking", e.userId(), String.valueOf(e.speaking()));
        }));
        on(Events.MUTED, e -> ifMine(e.roomId(), () -> new Change("muted-by", e.by(), null)));
        on(Events.PROMOTED, e -> ifMine(e.roomId(), () -> new Change("promoted", e.by(), e.role().wire())));
        on(Events.SPEAK_INVITED, e -> ifMine(e.roomId(), () -> new Change("speak-invited", e.by(), e.byName())));
        on(Events.SPEAK_DECLINED, e -> ifMine(e.roomId(), () -> new Change("speak-declined", e.userId(), null)));
        on(Events.JOIN_REQUESTED, e -> ifMine(e.roomId(), () -> {
            knocks.put(e.userId(), e);
            return new Change("knock", e.userId(), e.displayName());
        }));
        on(Events.CHAT_MESSAGE, e -> ifMine(e.roomId(), () -> {
            chat.addLast(e);
            while (chat.size() > CHAT_KEPT) {
                chat.removeFirst();
            }
            return new Change("chat", e.userId(), e.text());
        }));
        on(Events.CHAT_DELETED, e -> ifMine(e.roomId(), () -> {
            chat.removeIf(m -> m.messageId().equals(e.messageId()));
            return new Change("chat-deleted", null, e.messageId());
        }));
        on(Events.REACTION_SENT, e -> ifMine(e.roomId(), () -> new Change("reaction", e.userId(),
                e.emoji())));
        on(Events.MEDIA, e -> ifMine(e.roomId(), () -> {
            media = e.media();
            if (!media.onSfu()) {
                recomputePeers(); // back to a mesh: the links follow the participants again
            }
            return new Change("media", null, media.plan());
        }));
        on(Events.UPDATED, e -> ifMine(e.room().id(), () -> {
            room = e.room();
            return new Change("room", null, null);
        }));
        on(Events.KICKED, e -> {
            if (mine(e.roomId())) {
                finish(Status.KICKED, e.banned() ? "banned" : "kicked");
            }
        });
        on(Events.ENDED, e -> {
            if (mine(e.roomId())) {
                finish(Status.ENDED, e.reason());
            }
        });
        on(Events.JOIN_ANSWERED, e -> {
            if (mine(e.roomId()) && status == Status.WAITING) {
                if (e.approved()) {
                    join();
                } else {
                    finish(Status.LEFT, "denied");
                }
            }
        });
        connection = new RealtimeClient.ConnectionListener() {
            @Override
            public void connected() {
                if (status == Status.RECONNECTING) {
                    LOG.info("Back online; rejoining room {}", roomId);
                    join(); // within the grace period the server gives back role and hand
                }
            }

            @Override
            public void disconnected(String reason, boolean willRetry) {
                if (status == Status.LIVE || status == Status.JOINING) {
                    if (willRetry) {
                        setStatus(Status.RECONNECTING, reason);
                    } else {
                        finish(Status.LEFT, reason);
                    }
                }
            }
        };
        realtime.addListener(connection);
    }

    private <T> void on(org.voicerooms.model.live.Event<T> event, Consumer<T> handler) {
        subscriptions.add(realtime.on(event, handler));
    }

    /** Left, ended or kicked: for good. Later room state is someone else's (a new session of the same room). */
    private boolean finished() {
        return status.ordinal() >= Status.LEFT.ordinal();
    }

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    /**
     * Joins (or rejoins); completes with the status it reached: LIVE, or WAITING for a moderator. A session that
     * has finished (left, ended, kicked) cannot join again: it fails with CONFLICT; make a new session.
     */
    public CompletableFuture<Status> join() {
        if (finished()) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.CONFLICT, "this visit to room "
                    + roomId + " is over (" + status + "); join with a new session"));
        }
        if (status != Status.RECONNECTING) {
            setStatus(Status.JOINING, null);
        }
        LOG.info("Room {}: join sent", roomId);
        return realtime.call(Events.JOIN, new JoinRoom(roomId)).thenApply(ack -> {
            try {
                com.fasterxml.jackson.databind.node.ObjectNode body = ack.deepCopy();
                body.remove("ok");
                JoinResult join = realtime.mapper().treeToValue(body, JoinResult.class);
                if (finished()) {
                    LOG.info("Room {}: join answered after this visit ended; ignored", roomId);
                } else if (JoinResult.PENDING.equals(join.status())) {
                    setStatus(Status.WAITING, "knocked");
                } else {
                    apply(join.state());
                }
            } catch (Exception e) {
                throw new IllegalStateException("unreadable join answer", e);
            }
            return status;
        }).whenComplete((s, e) -> {
            if (e != null) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                if (cause instanceof ApiException api && !api.code().equals(ErrorCode.SERVICE_UNAVAILABLE)) {
                    finish(api.code() == ErrorCode.KICKED || api.code() == ErrorCode.BANNED ? Status.KICKED
                            : api.code() == ErrorCode.ROOM_ENDED ? Status.ENDED : Status.LEFT, api.code().name());
                }
            }
        });
    }

    /** Leaves quietly. */
    public CompletableFuture<JsonNode> leave() {
        CompletableFuture<JsonNode> done = realtime.call(Events.LEAVE, new RoomRef(roomId));
        finish(Status.LEFT, "left");
        return done;
    }

    public CompletableFuture<JsonNode> raiseHand() {
        return realtime.call(Events.HAND_RAISE, new RoomRef(roomId));
    }

    public CompletableFuture<JsonNode> lowerHand() {
        return realtime.call(Events.HAND_LOWER, new RoomRef(roomId));
    }

    public CompletableFuture<JsonNode> setMuted(boolean muted) {
        return realtime.call(Events.MUTE_TOGGLE, new MuteToggle(roomId, muted));
    }

    public CompletableFuture<JsonNode> speaking(boolean speaking) {
        return realtime.call(Events.SPEAKING, new Speaking(roomId, speaking));
    }

    /** Asks to speak: on stage at once in an open-stage room with a free seat, else a raised hand. */
    public CompletableFuture<JsonNode> speakRequest() {
        return realtime.call(Events.SPEAK_REQUEST, new RoomRef(roomId));
    }

    /** Answers an invitation to speak: yes comes on stage muted, no tells the host. */
    public CompletableFuture<JsonNode> answerSpeakInvite(boolean accept) {
        return realtime.call(Events.SPEAK_ANSWER, new org.voicerooms.model.live.Payloads.SpeakAnswer(roomId, accept));
    }

    public CompletableFuture<JsonNode> promote(String userId) {
        return realtime.call(Events.PROMOTE, new Target(roomId, userId));
    }

    public CompletableFuture<JsonNode> demote(String userId) {
        return realtime.call(Events.DEMOTE, new Target(roomId, userId));
    }

    public CompletableFuture<JsonNode> kick(String userId) {
        return realtime.call(Events.KICK, new Target(roomId, userId));
    }

    /** A moderation action on one person: mute, ban, unban, make or remove moderator, deny a hand, invite. */
    public CompletableFuture<JsonNode> moderate(org.voicerooms.model.live.Event<Target> action, String userId) {
        return realtime.call(action, new Target(roomId, userId));
    }

    public CompletableFuture<JsonNode> chat(String text) {
        return realtime.call(Events.CHAT, new org.voicerooms.model.live.Payloads.ChatSend(roomId, text));
    }

    public CompletableFuture<JsonNode> react(String emoji) {
        return realtime.call(Events.REACTION, new org.voicerooms.model.live.Payloads.ReactionSend(roomId, emoji));
    }

    /** People waiting at the door of a room that takes knocks, in the order they knocked (moderators see them). */
    public synchronized List<org.voicerooms.model.live.Payloads.JoinRequested> knocks() {
        knocks.keySet().removeIf(participants::containsKey);
        return List.copyOf(knocks.values());
    }

    /** Lets a knocking person in ({@code admit}) or turns them away. */
    public CompletableFuture<JsonNode> answerKnock(String userId, boolean admit) {
        synchronized (this) {
            knocks.remove(userId);
        }
        return realtime.call(admit ? Events.JOIN_APPROVE : Events.JOIN_DENY, new Target(roomId, userId));
    }

    /** The latest chat messages, oldest first (at most 200). */
    public synchronized List<ChatMessage> chatMessages() {
        return List.copyOf(chat);
    }

    public CompletableFuture<JsonNode> end() {
        return realtime.call(Events.END, new RoomRef(roomId));
    }

    // ---- what the session knows ----

    public String roomId() {
        return roomId;
    }

    public Status status() {
        return status;
    }

    /** Why the session ended or reconnects (a reason word from the server or the transport); null while live. */
    public String reason() {
        return endReason;
    }

    public synchronized Room room() {
        return room;
    }

    /** The client → server events this member may send about a person with {@code role}, as the server said. */
    public synchronized List<String> allowedActions(org.voicerooms.model.rooms.Role role) {
        return allowedActions.getOrDefault(role.wire(), List.of());
    }

    public synchronized Participant you() {
        return you;
    }

    public synchronized List<Participant> participants() {
        return List.copyOf(participants.values());
    }

    /** Raised hands, oldest first (the stage sees them; listeners see their own). */
    public synchronized List<Hand> handQueue() {
        List<Hand> out = new ArrayList<>(hands.values());
        out.sort(Comparator.comparing(Hand::raisedAt).thenComparing(Hand::userId));
        return out;
    }

    /**
     * How the room's audio flows now: a mesh ({@link #peers()}) or the server's SFU. A change comes as a
     * {@link Change} of kind {@code media} (detail: the plan).
     */
    public synchronized MediaDescriptor media() {
        return media;
    }

    /** Whom this client connects to for audio, and whether it makes the offer. */
    public synchronized List<PeerLink> peers() {
        return peers;
    }

    public synchronized int audienceCount() {
        return audienceCount;
    }

    /**
     * How many participants this member may see but has not listed yet: a large room's state lists the stage, the
     * member and the earliest listeners; the rest come a page at a time ({@link #addListed}).
     */
    public synchronized int unlisted() {
        return Math.max(0, visibleCount - participants.size());
    }

    /**
     * Adds people from a page of {@code GET /api/rooms/:id/participants}; those already listed keep what the
     * room's events said of them since (the page may be older).
     */
    public void addListed(List<Participant> page) {
        int added = 0;
        synchronized (this) {
            if (finished()) {
                return;
            }
            for (Participant p : page) {
                if (!departed.contains(p.userId()) && participants.putIfAbsent(p.userId(), p) == null) {
                    added++;
                }
            }
            visibleCount = Math.max(visibleCount, participants.size());
        }
        if (added > 0) {
            fire(new Change("listed", null, String.valueOf(added)));
        }
    }

    // ---- internals ----

    private boolean mine(String id) {
        return roomId.equals(id);
    }

    private void ifMine(String id, java.util.function.Supplier<Change> update) {
        if (!mine(id) || finished()) {
            return;
        }
        Change change;
        synchronized (this) {
            change = update.get();
            if (you != null && participants.containsKey(you.userId())) {
                you = participants.get(you.userId());
            }
        }
        fire(change);
    }

    private void apply(RoomState s) {
        synchronized (this) {
            if (finished()) {
                return;
            }
            room = s.room();
            you = s.you();
            allowedActions = s.allowedActions();
            audienceCount = s.audienceCount();
            visibleCount = s.participantCount();
            participants.clear();
            s.participants().forEach(p -> participants.put(p.userId(), p));
            participants.put(you.userId(), you);
            hands.clear();
            s.handQueue().forEach(h -> hands.put(h.userId(), h));
            peers = List.copyOf(s.peers());
            media = s.media() != null ? s.media() : MediaDescriptor.mesh(MediaDescriptor.MESH_MODE);
        }
        setStatus(Status.LIVE, null);
        fire(new Change("state", null, null));
    }

    /** Peers follow role changes between full states: the rule lives in shared-model's Topology. */
    private void recomputePeers() {
        if (you == null || media.onSfu()) {
            return; // on the SFU nobody new is linked; a mesh being left keeps its links until the move is done
        }
        Participant me = participants.getOrDefault(you.userId(), you);
        you = me;
        List<PeerLink> next = new ArrayList<>();
        for (Participant p : participants.values()) {
            if (!p.userId().equals(me.userId()) && Topology.connected(me.role(), p.role())) {
                next.add(new PeerLink(p.userId(), Topology.offers(me.userId(), p.userId())));
            }
        }
        // Hidden audiences are not in our list: keep links the server gave us to people we cannot see.
        for (PeerLink link : peers) {
            if (!participants.containsKey(link.peerId()) && me.role().onStage()) {
                next.add(link);
            }
        }
        peers = List.copyOf(next);
    }

    private static Participant with(Participant p, Role role, boolean muted) {
        return new Participant(p.userId(), p.displayName(), role, muted, p.speaking() && !muted && role.onStage(),
                role.onStage() ? false : p.handRaised(), role.onStage() ? null : p.handRaisedAt(), p.joinedAt());
    }

    /**
     * Ends this visit for good: no peers, and the session stops hearing the room and the connection, so neither a
     * later room state nor a reconnect can bring it back (it would rejoin as a ghost nobody sees on screen).
     */
    private void finish(Status end, String reason) {
        synchronized (this) {
            if (finished()) {
                return;
            }
            peers = List.of();
        }
        setStatus(end, reason);
        detach();
    }

    /** Removes this session's handlers from the realtime connection (idempotent). */
    private void detach() {
        realtime.removeListener(connection);
        subscriptions.forEach(RealtimeClient.Subscription::close);
        subscriptions.clear();
    }

    private void setStatus(Status next, String reason) {
        Status before;
        synchronized (this) {
            before = status;
            if (finished()) {
                return; // a finished visit stays finished, whatever arrives late
            }
            status = next;
            endReason = reason;
        }
        if (before != next) {
            LOG.info("Room {}: {} → {}{}", roomId, before, next, reason == null ? "" : " (" + reason + ")");
            fire(new Change("status", null, next.name()));
        }
    }

    private void fire(Change change) {
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A room session listener failed on {}", change, e);
            }
        }
    }

    /** The error of a failed call, unwrapped; for callers of the futures. */
    public static ApiError errorOf(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && !(t instanceof ApiException)) {
            t = t.getCause();
        }
        return t instanceof ApiException api ? api.error() : new ApiError(ErrorCode.INTERNAL_ERROR, t.toString(), null);
    }

    /** Leaves if still inside, and removes every handler this session put on the connection. */
    @Override
    public void close() {
        if (!finished()) {
            leave();
        }
        detach();
    }
}
