package org.voicerooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Page;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.ChatDeleted;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.JoinRequested;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.MuteChanged;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomEnded;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.RoomUpdated;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.Payloads.SpeakResult;
import org.voicerooms.model.live.Payloads.SpeakingChanged;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.friends.FriendService;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.PageQuery;
import org.voicerooms.server.rooms.InviteStore;
import org.voicerooms.server.rooms.RoomService;

/**
 * Live rooms: joining and leaving, the stage, hands, mute and speaking, chat, reactions and the signaling relay.
 * One rule implementation for Socket.IO handlers and REST endpoints alike; moderation lives in {@link Moderation}.
 * Every operation holds the room's lock from rule check to last event, so concurrent actions serialize per room.
 */
public final class LiveService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveService.class);

    final LiveRooms rooms;
    final RoomService roomService;
    private final FriendService friends;
    final InviteStore invites;
    private final ParticipationStore visits;
    final Clock clock;
    private final ServerConfig config;
    private final RateLimits joins;
    private final RateLimits chats;
    private final RateLimits reactions;
    private final ScheduledExecutorService timer;
    volatile Outbox outbox = Outbox.NONE;
    private final ThreadLocal<String> endReason = new ThreadLocal<>();

    public LiveService(LiveRooms rooms, RoomService roomService, FriendService friends, InviteStore invites,
                       ParticipationStore visits, Clock clock, ServerConfig config) {
        this.rooms = rooms;
        this.roomService = roomService;
        this.friends = friends;
        this.invites = invites;
        this.visits = visits;
        this.clock = clock;
        this.config = config;
        this.joins = new RateLimits(config.joinsPerMinute(), Duration.ofMinutes(1), "room joins", clock);
        this.chats = new RateLimits(5, Duration.ofSeconds(10), "chat messages", clock);
        this.reactions = new RateLimits(10, Duration.ofSeconds(10), "reactions", clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-live-timer");
            t.setDaemon(true);
            return t;
        });
        roomService.onEnded(this::tearDown);
        roomService.onUpdated(this::updated);
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** Sets where events go; the realtime transport calls this once at start. */
    public void outbox(Outbox outbox) {
        this.outbox = outbox;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- joining and leaving ----

    /**
     * Joins {@code roomId} over connection {@code socketId} (null for REST). A member already inside (another
     * tab, or back within the reconnect grace) keeps role and hand and gets the state again.
     */
    public JoinResult join(Caller caller, String roomId, String socketId) {
        Room room = roomService.room(roomId);
        String uid = caller.userId();
        boolean staff = room.isStaff(uid);
        boolean invited = !staff && room.type() != RoomType.PUBLIC && invites.invited(roomId, uid);
        boolean mayKnock = room.privacy().requireApproval();
        if (!staff && !invited && !mayKnock && !roomService.canSee(room, uid)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such room");
        }
        switch (room.status()) {
            case ENDED -> throw ApiException.of(ErrorCode.ROOM_ENDED);
            case SCHEDULED -> throw new ApiException(ErrorCode.ROOM_NOT_STARTED, "the host has not started the room");
            default -> {
            }
        }
        if (room.bannedUsers().contains(uid)) {
            throw ApiException.of(ErrorCode.BANNED);
        }
        LiveRoom live = rooms.getOrCreate(roomId);
        synchronized (live) {
            MDC.put("roomId", roomId);
            try {
                if (live.ended) {
                    throw ApiException.of(ErrorCode.ROOM_ENDED);
                }
                if (live.isKicked(uid)) {
                    throw ApiException.of(ErrorCode.KICKED);
                }
                Member existing = live.member(uid).orElse(null);
                if (existing != null) {
                    existing.disconnectedAt = null;
                    attach(live, existing, socketId);
                    return new JoinResult(JoinResult.JOINED, state(live, room, existing));
                }
                joins.check(uid);
                boolean allowed = staff || invited || live.isApproved(uid) || switch (room.type()) {
                    case PUBLIC -> !room.privacy().requireApproval();
                    case FRIENDS_ONLY -> !room.privacy().requireApproval()
                            && friends.areFriends(room.createdBy(), uid);
                    case PRIVATE -> false;
                };
                if (!allowed) {
                    if (!mayKnock) {
                        throw new ApiException(ErrorCode.FORBIDDEN, "this room is invitation-only");
                    }
                    Instant at = now();
                    if (live.knock(uid, at)) {
                        JoinRequested knock = new JoinRequested(roomId, uid, caller.displayName(), at);
                        live.members().stream().filter(m -> m.role.canModerate())
                                .forEach(m -> outbox.toUser(m.userId, Events.JOIN_REQUESTED, knock));
                    }
                    rooms.dropIfIdle(live);
                    return new JoinResult(JoinResult.PENDING, null);
                }
                if (live.size() >= room.maxParticipants() && !room.isHost(uid)) {
                    throw ApiException.of(ErrorCode.ROOM_FULL);
                }
                Role role = room.isHost(uid) ? Role.HOST : room.moderators().contains(uid) ? Role.MODERATOR
                        : Role.LISTENER;
                Member member = new Member(uid, caller.displayName(), role, now());
                member.participationId = visits.start(uid, roomId, role, member.joinedAt);
                live.add(member);
                attach(live, member, socketId);
                announce(live, room, member, Events.PARTICIPANT_JOINED, new ParticipantJoined(roomId, member.view()));
                roomService.recordJoin(roomId, live.size());
                LOG.info("{} joined as {}", uid, role.wire());
                return new JoinResult(JoinResult.JOINED, state(live, room, member));
            } finally {
                rooms.dropIfIdle(live);
                MDC.remove("roomId");
            }
        }
    }

    private void attach(LiveRoom live, Member member, String socketId) {
        if (socketId != null) {
            member.sockets.add(socketId);
            outbox.attach(live.roomId, socketId);
        }
    }

    /** Leaves quietly. Leaving a room one is not in does nothing. */
    public void leave(Caller caller, String roomId) {
        Check.id("roomId", roomId);
        rooms.get(roomId).ifPresent(live -> {
            synchronized (live) {
                live.member(caller.userId()).ifPresent(m -> remove(live, m, "left"));
                rooms.dropIfIdle(live);
            }
        });
    }

    /**
     * A connection closed without leaving. The member keeps their seat for the reconnect grace period, then
     * leaves; a second connection of the same user keeps them in.
     */
    public void disconnected(String userId, String socketId) {
        for (LiveRoom live : rooms.all()) {
            synchronized (live) {
                Member m = live.member(userId).orElse(null);
                if (m == null || !m.sockets.remove(socketId) || !m.sockets.isEmpty()) {
                    continue;
                }
                Instant at = now();
                m.disconnectedAt = at;
                if (m.speaking) {
                    roomService.addSpeakTime(live.roomId, m.stopSpeaking(at));
                    outbox.toRoom(live.roomId, Events.SPEAKING_CHANGED,
                            new SpeakingChanged(live.roomId, userId, false));
                }
                timer.schedule(() -> expireGrace(live, userId, at), config.reconnectGrace().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void expireGrace(LiveRoom live, String userId, Instant droppedAt) {
        try {
            synchronized (live) {
                live.member(userId).filter(m -> droppedAt.equals(m.disconnectedAt))
                        .ifPresent(m -> remove(live, m, "disconnected"));
                rooms.dropIfIdle(live);
            }
        } catch (RuntimeException e) {
            LOG.error("Could not remove {} from room {} after the reconnect grace", userId, live.roomId, e);
        }
    }

    /** Takes a member out (left, disconnected, kicked, banned); hands the room on if they hosted it. */
    void remove(LiveRoom live, Member m, String reason) {
        live.remove(m.userId);
        Instant at = now();
        roomService.addSpeakTime(live.roomId, m.stopSpeaking(at));
        visits.finish(m.participationId, m.role, at, m.speakMillis);
        announce(live, room(this, live), m, Events.PARTICIPANT_LEFT, new ParticipantLeft(live.roomId, m.userId,
                reason));
        outbox.detach(live.roomId, m.userId);
        LOG.info("{} left room {} ({})", m.userId, live.roomId, reason);
        if (m.role == Role.HOST && !live.ended) {
            Member next = live.longestPresentModerator().orElse(null);
            if (next == null) {
                endRoom(live.roomId, "no-host");
                return;
            }
            next.role = Role.HOST;
            roomService.transferHost(live.roomId, next.userId);
            outbox.toRoom(live.roomId, Events.ROLE_CHANGED, new RoleChanged(live.roomId, next.userId, Role.HOST,
                    null));
            outbox.toUser(next.userId, Events.STATE, state(live, room(this, live), next));
            LOG.info("Room {} handed to {}", live.roomId, next.userId);
        }
    }

    /** Ends a room and tells everyone why: host-ended, no-host or time-limit. */
    void endRoom(String roomId, String reason) {
        endReason.set(reason);
        try {
            roomService.endNow(roomId);
        } finally {
            endReason.remove();
        }
    }

    private void tearDown(Room room) {
        String reason = endReason.get() != null ? endReason.get() : "host-ended";
        rooms.get(room.id()).ifPresent(live -> {
            synchronized (live) {
                live.ended = true;
                Instant at = now();
                List<Member> members = List.copyOf(live.members());
                for (Member m : members) {
                    roomService.addSpeakTime(room.id(), m.stopSpeaking(at));
                    visits.finish(m.participationId, m.role, at, m.speakMillis);
                }
                outbox.toRoom(room.id(), Events.ENDED, new RoomEnded(room.id(), reason));
                for (Member m : members) {
                    outbox.detach(room.id(), m.userId);
                    live.remove(m.userId);
                }
                rooms.dropIfIdle(live);
            }
        });
        LOG.info("Room {} torn down ({})", room.id(), reason);
    }

    private void updated(Room room) {
        rooms.get(room.id()).ifPresent(live -> {
            synchronized (live) {
                outbox.toRoom(room.id(), Events.UPDATED, new RoomUpdated(room.withoutBanList()));
            }
        });
    }

    private void sweep() {
        try {
            for (String roomId : roomService.activeStartedBefore(clock.instant().minus(config.maxRoomDuration()))) {
                endRoom(roomId, "time-limit");
            }
            joins.prune();
            chats.prune();
            reactions.prune();
        } catch (RuntimeException e) {
            LOG.error("Live room sweep failed", e);
        }
    }

    /** Runs the periodic checks now (the room time limit); for tests and administrative use. */
    public void sweepNow() {
        sweep();
    }

    // ---- state ----

    /** The state one member sees. */
    RoomState state(LiveRoom live, Room room, Member you) {
        boolean staff = you.role.canModerate();
        boolean hidden = room.privacy().hideParticipants() && !staff;
        List<Participant> participants = new ArrayList<>();
        int audience = 0;
        for (Member m : live.members()) {
            if (!m.role.onStage()) {
                audience++;
            }
            if (!hidden || m.role.onStage() || m == you) {
                participants.add(m.view());
            }
        }
        List<Hand> hands = you.role.onStage() ? live.handQueue().stream()
                .map(m -> new Hand(m.userId, m.displayName, m.handRaisedAt)).toList() : List.of();
        List<PeerLink> peers = new ArrayList<>();
        for (Member m : live.members()) {
            if (m != you && Topology.connected(you.role, m.role)) {
                peers.add(new PeerLink(m.userId, Topology.offers(you.userId, m.userId)));
            }
        }
        Room shown = staff ? room : room.withoutBanList();
        return new RoomState(shown, participants, hands, you.view(), peers, audience);
    }

    /** Participants in join order, for {@code GET /api/rooms/:id/participants}; hidden audiences show the stage. */
    public Page<Participant> participants(Caller caller, String roomId, PageQuery page) {
        Room room = roomService.visibleRoom(caller, roomId);
        LiveRoom live = rooms.get(roomId).orElse(null);
        if (live == null) {
            return Page.of(List.of(), page.page(), page.limit(), 0);
        }
        synchronized (live) {
            boolean staff = live.member(caller.userId()).map(m -> m.role.canModerate()).orElse(false)
                    || room.isStaff(caller.userId());
            boolean hidden = room.privacy().hideParticipants() && !staff;
            List<Participant> all = live.members().stream()
                    .filter(m -> !hidden || m.role.onStage() || m.userId.equals(caller.userId()))
                    .map(Member::view).toList();
            int from = Math.min(page.offset(), all.size());
            int to = Math.min(from + page.limit(), all.size());
            return Page.of(all.subList(from, to), page.page(), page.limit(), all.size());
        }
    }

    // ---- helpers shared with Moderation ----

    /** Runs {@code action} under the room's lock with the caller as a member; NOT_FOUND if not inside. */
    <T> T withMember(Caller caller, String roomId, MemberAction<T> action) {
        Check.id("roomId", roomId);
        LiveRoom live = rooms.get(roomId)
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room"));
        synchronized (live) {
            MDC.put("roomId", roomId);
            try {
                Member me = live.member(caller.userId())
                        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room"));
                if (live.ended) {
                    throw ApiException.of(ErrorCode.ROOM_ENDED);
                }
                me.lastActivity = now();
                return action.run(live, me);
            } finally {
                MDC.remove("roomId");
            }
        }
    }

    /** An action on a room whose lock is held, by a member of it. */
    @FunctionalInterface
    interface MemberAction<T> {
        T run(LiveRoom live, Member me);
    }

    /** Moves {@code m} to {@code role}, lowering their hand; everyone hears of it. */
    void changeRole(LiveRoom live, Member m, Role role, String by) {
        Role before = m.role;
        m.role = role;
        if (m.handRaised()) {
            m.handRaisedAt = null;
            toStageAnd(live, m.userId, Events.HAND_LOWERED, new HandLowered(live.roomId, m.userId));
        }
        if (!role.onStage()) {
            roomService.addSpeakTime(live.roomId, m.stopSpeaking(now()));
            m.muted = true;
        } else if (!before.onStage()) {
            m.muted = true; // new speakers come up muted and unmute themselves when ready
        }
        outbox.toRoom(live.roomId, Events.ROLE_CHANGED, new RoleChanged(live.roomId, m.userId, role, by));
        if (role.onStage() && !before.onStage()) {
            outbox.toUser(m.userId, Events.PROMOTED, new Promoted(live.roomId, role, by));
        }
        // The new state carries the peers to connect to and, on stage, the hand queue and any hidden audience.
        outbox.toUser(m.userId, Events.STATE, state(live, room(this, live), m));
    }

    /**
     * Sends to the stage and to {@code subjectId}: raised hands are the stage's business (and the raiser's), and
     * in rooms that hide participants, so are the audience's comings and goings.
     */
    <T> void toStageAnd(LiveRoom live, String subjectId, Event<T> event, T payload) {
        Set<String> to = new LinkedHashSet<>();
        for (Member m : live.members()) {
            if (m.role.onStage()) {
                to.add(m.userId);
            }
        }
        to.add(subjectId);
        outbox.toUsers(to, event, payload);
    }

    /** A member arrived or left: the whole room hears of it, unless the room hides its audience. */
    private <T> void announce(LiveRoom live, Room room, Member subject, Event<T> event, T payload) {
        if (room.privacy().hideParticipants() && !subject.role.onStage()) {
            toStageAnd(live, subject.userId, event, payload);
        } else {
            outbox.toRoom(live.roomId, event, payload);
        }
    }

    static Room room(LiveService s, LiveRoom live) {
        return s.roomService.room(live.roomId);
    }

    // ---- the caller's own actions ----

    /** Raises the caller's hand. */
    public void raiseHand(Caller caller, String roomId) {
        withMember(caller, roomId, (live, me) -> {
            raise(live, me, room(this, live));
            return null;
        });
    }

    private void raise(LiveRoom live, Member me, Room room) {
        if (me.role.onStage()) {
            throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
        }
        if (!room.permissions().allowHandRaise()) {
            throw new ApiException(ErrorCode.FORBIDDEN, "this room does not take raised hands");
        }
        if (!me.handRaised()) {
            me.handRaisedAt = now();
            toStageAnd(live, me.userId, Events.HAND_RAISED, new HandRaised(live.roomId, me.userId, me.handRaisedAt));
        }
    }

    /** Lowers the caller's hand. */
    public void lowerHand(Caller caller, String roomId) {
        withMember(caller, roomId, (live, me) -> {
            if (me.handRaised()) {
                me.handRaisedAt = null;
                toStageAnd(live, me.userId, Events.HAND_LOWERED, new HandLowered(live.roomId, me.userId));
            }
            return null;
        });
    }

    /** Asks to speak: on stage at once if the room lets anyone speak and a seat is free, else a raised hand. */
    public SpeakResult speakRequest(Caller caller, String roomId) {
        return withMember(caller, roomId, (live, me) -> {
            Room room = room(this, live);
            if (me.role.onStage()) {
                throw new ApiException(ErrorCode.CONFLICT, "you are already on stage");
            }
            if (room.permissions().anyoneCanSpeak() && live.stageCount() < room.maxSpeakers()) {
                changeRole(live, me, Role.SPEAKER, null);
                return new SpeakResult("granted");
            }
            if (!room.permissions().allowHandRaise()) {
                throw ApiException.of(ErrorCode.SPEAKERS_FULL);
            }
            raise(live, me, room);
            return new SpeakResult("hand-raised");
        });
    }

    /** Mutes or unmutes the caller (stage only). */
    public void muteSelf(Caller caller, String roomId, boolean muted) {
        withMember(caller, roomId, (live, me) -> {
            if (!me.role.onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners have no microphone to unmute");
            }
            if (me.muted != muted) {
                me.muted = muted;
                if (muted && me.speaking) {
                    roomService.addSpeakTime(live.roomId, me.stopSpeaking(now()));
                    outbox.toRoom(live.roomId, Events.SPEAKING_CHANGED,
                            new SpeakingChanged(live.roomId, me.userId, false));
                }
                outbox.toRoom(live.roomId, Events.MUTE_CHANGED, new MuteChanged(live.roomId, me.userId, muted, null));
            }
            return null;
        });
    }

    /** Voice activity of the caller; ignored while muted. */
    public void speaking(Caller caller, String roomId, boolean speaking) {
        withMember(caller, roomId, (live, me) -> {
            if (!me.role.onStage()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only the stage speaks");
            }
            if (me.muted && speaking || me.speaking == speaking) {
                return null;
            }
            if (speaking) {
                me.speaking = true;
                me.speakingSince = now();
            } else {
                roomService.addSpeakTime(live.roomId, me.stopSpeaking(now()));
            }
            outbox.toRoom(live.roomId, Events.SPEAKING_CHANGED, new SpeakingChanged(live.roomId, me.userId, speaking));
            return null;
        });
    }

    // ---- chat and reactions ----

    /** Sends a chat line to the room. */
    public ChatMessage chat(Caller caller, String roomId, String text) {
        String clean = Check.text("text", text, 1, LiveRules.CHAT_MAX, true);
        return withMember(caller, roomId, (live, me) -> {
            chats.check(roomId + ":" + me.userId);
            ChatMessage message = new ChatMessage(roomId, new ObjectId().toHexString(), me.userId, me.displayName,
                    clean, now());
            live.addChat(message);
            outbox.toRoom(roomId, Events.CHAT_MESSAGE, message);
            return message;
        });
    }

    /** Deletes a chat line: its author, the host or a moderator. */
    public void deleteChat(Caller caller, String roomId, String messageId) {
        Check.id("messageId", messageId);
        withMember(caller, roomId, (live, me) -> {
            ChatMessage message = live.chat(messageId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such message"));
            if (!message.userId().equals(me.userId) && !me.role.canModerate()) {
                throw new ApiException(ErrorCode.FORBIDDEN, "only its author or a moderator can delete a message");
            }
            live.removeChat(messageId);
            outbox.toRoom(roomId, Events.CHAT_DELETED, new ChatDeleted(roomId, messageId, me.userId));
            return null;
        });
    }

    /** Sends an emoji reaction. */
    public Reaction react(Caller caller, String roomId, String emoji) {
        String clean = Check.text("emoji", emoji, 1, LiveRules.REACTION_MAX, false);
        if (clean.codePoints().anyMatch(c -> Character.isLetterOrDigit(c) || Character.isWhitespace(c))) {
            throw ApiException.invalid("emoji", "a reaction is an emoji, not text");
        }
        return withMember(caller, roomId, (live, me) -> {
            reactions.check(roomId + ":" + me.userId);
            Reaction reaction = new Reaction(roomId, me.userId, clean, now());
            outbox.toRoom(roomId, Events.REACTION_SENT, reaction);
            return reaction;
        });
    }

    // ---- signaling relay ----

    /** Relays an SDP offer or answer to a peer in the same room, along an edge the topology allows. */
    public void relaySdp(Caller caller, Event<Sdp> relayed, Sdp sdp) {
        Check.id("peerId", sdp.peerId());
        requireSize("sdp", sdp.sdp(), LiveRules.SDP_MAX);
        relay(caller, sdp.roomId(), sdp.peerId(), relayed, new Sdp(sdp.roomId(), caller.userId(), sdp.sdp()));
    }

    /** Relays an ICE candidate like {@link #relaySdp}. */
    public void relayCandidate(Caller caller, IceCandidate c) {
        Check.id("peerId", c.peerId());
        requireSize("candidate", c.candidate(), LiveRules.CANDIDATE_MAX);
        if (c.sdpMid() != null && c.sdpMid().length() > LiveRules.SDP_MID_MAX) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "sdpMid is too long", "sdpMid");
        }
        relay(caller, c.roomId(), c.peerId(), Events.RELAYED_ICE_CANDIDATE,
                new IceCandidate(c.roomId(), caller.userId(), c.candidate(), c.sdpMid(), c.sdpMLineIndex()));
    }

    private static void requireSize(String field, String value, int max) {
        Check.required(field, value);
        if (value.length() > max) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, field + " is larger than " + max + " characters",
                    field);
        }
    }

    private <T> void relay(Caller caller, String roomId, String peerId, Event<T> event, T payload) {
        withMember(caller, roomId, (live, me) -> {
            Member peer = live.member(peerId)
                    .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "that peer is not in this room"));
            if (peer == me) {
                throw ApiException.invalid("peerId", "you cannot signal yourself");
            }
            if (!Topology.connected(me.role, peer.role)) {
                throw new ApiException(ErrorCode.FORBIDDEN, "listeners do not connect to each other");
            }
            outbox.toUser(peerId, event, payload);
            return null;
        });
    }

    /** Whether the live room of {@code roomId} has {@code userId} in it (for tests and REST). */
    public boolean isInside(String roomId, String userId) {
        return rooms.get(roomId).map(live -> {
            synchronized (live) {
                return live.member(userId).isPresent();
            }
        }).orElse(false);
    }

    /** Stops the timers. */
    @Override
    public void close() {
        timer.shutdownNow();
    }

    static boolean active(Room room) {
        return room.status() == RoomStatus.ACTIVE;
    }
}
