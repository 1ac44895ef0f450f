package org.voicerooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Page;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.JoinRequested;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.MuteChanged;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomEnded;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.RoomUpdated;
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
 * Live rooms: joining and leaving, reconnect grace, host handover, ending, the state each member sees, and the
 * role changes shared by {@link MemberActions} and {@link Moderation}. One rule implementation for Socket.IO
 * handlers and REST endpoints alike. Every operation is one {@link LiveState} update from rule check to last event,
 * so concurrent actions serialize per room.
 */
public final class LiveService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveService.class);

    final LiveState state;
    final RoomService roomService;
    private final FriendService friends;
    final InviteStore invites;
    private final ParticipationStore visits;
    final Clock clock;
    private final ServerConfig config;
    private final RateLimits joins;
    final RateLimits chats;
    final RateLimits reactions;
    /** Invitations one user may send: each reaches someone who never asked for it. */
    final RateLimits invitations;
    private final ScheduledExecutorService timer;
    volatile Outbox outbox = Outbox.NONE;
    private final ThreadLocal<String> endReason = new ThreadLocal<>();
    private final List<Runnable> sweepTasks = new java.util.concurrent.CopyOnWriteArrayList<>();

    public LiveService(LiveState state, RoomService roomService, FriendService friends, InviteStore invites,
                       ParticipationStore visits, Clock clock, ServerConfig config) {
        this.state = state;
        this.roomService = roomService;
        this.friends = friends;
        this.invites = invites;
        this.visits = visits;
        this.clock = clock;
        this.config = config;
        this.joins = new RateLimits(config.joinsPerMinute(), Duration.ofMinutes(1), "room joins", clock);
        this.chats = new RateLimits(5, Duration.ofSeconds(10), "chat messages", clock);
        this.reactions = new RateLimits(10, Duration.ofSeconds(10), "reactions", clock);
        this.invitations = new RateLimits(config.invitesPerHour(), Duration.ofHours(1), "invitations", clock);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-live-timer");
            t.setDaemon(true);
            return t;
        });
        roomService.onEnded(this::tearDown);
        roomService.onUpdated(this::updated);
        timer.scheduleWithFixedDelay(this::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /** Runs {@code task} with every periodic sweep (each minute and on {@link #sweepNow}). */
    public void alsoOnSweep(Runnable task) {
        sweepTasks.add(task);
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
        return state.update(roomId, live -> {
            MDC.put("roomId", roomId);
            try {
                if (live.ended) {
                    throw ApiException.of(ErrorCode.ROOM_ENDED);
                }
                if (live.isKicked(uid) || roomService.wasKicked(roomId, uid)) {
                    throw ApiException.of(ErrorCode.KICKED);
                }
                Member existing = live.member(uid).orElse(null);
                if (existing != null) {
                    existing.disconnectedAt = null;
                    existing.lastActivity = now(); // joining again renews a REST member's lease
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
                    return new JoinResult(JoinResult.PENDING, null);
                }
                if (live.size() >= room.maxParticipants() && !room.isHost(uid)) {
                    throw ApiException.of(ErrorCode.ROOM_FULL);
                }
                Role role = room.isHost(uid) ? Role.HOST : room.moderators().contains(uid) ? Role.MODERATOR
                        : Role.LISTENER;
                Member member = new Member(uid, caller.displayName(), role, now());
                // the one write a join needs, before anything changes in memory: if it fails, nothing did
                member.participationId = visits.start(uid, roomId, role, member.joinedAt);
                live.add(member);
                attach(live, member, socketId);
                announce(live, room, member, Events.PARTICIPANT_JOINED, new ParticipantJoined(roomId, member.view()));
                if (role == Role.HOST) {
                    standInStepsDown(live, member);
                }
                bestEffort("count the join of " + uid, () -> roomService.recordJoin(roomId, live.size()));
                LOG.info("{} joined as {}", uid, role.wire());
                return new JoinResult(JoinResult.JOINED, state(live, room, member));
            } finally {
                MDC.remove("roomId");
            }
        });
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
        state.updateIfPresent(roomId, live -> {
            live.member(caller.userId()).ifPresent(m -> remove(live, m, "left"));
            return null;
        });
    }

    /**
     * A connection closed without leaving. The member keeps their seat for the reconnect grace period, then
     * leaves; a second connection of the same user keeps them in.
     */
    public void disconnected(String userId, String socketId) {
        for (String roomId : state.roomsOf(userId)) {
            state.updateIfPresent(roomId, live -> {
                Member m = live.member(userId).orElse(null);
                if (m == null || !m.sockets.remove(socketId) || !m.sockets.isEmpty()) {
                    return null;
                }
                Instant at = now();
                m.disconnectedAt = at;
                if (m.speaking) {
                    roomService.addSpeakTime(roomId, m.stopSpeaking(at));
                    sendSpeaking(live, m);
                }
                timer.schedule(() -> expireGrace(roomId, userId, at), config.reconnectGrace().toMillis(),
                        TimeUnit.MILLISECONDS);
                return null;
            });
        }
    }

    private void expireGrace(String roomId, String userId, Instant droppedAt) {
        try {
            state.updateIfPresent(roomId, live -> {
                live.member(userId).filter(m -> droppedAt.equals(m.disconnectedAt))
                        .ifPresent(m -> remove(live, m, "disconnected"));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Could not remove {} from room {} after the reconnect grace", userId, roomId, e);
        }
    }

    /** Takes a member out (left, disconnected, kicked, banned); hands the room on if they hosted it. */
    void remove(LiveRoom live, Member m, String reason) {
        live.remove(m.userId);
        Instant at = now();
        // whoever leaves is gone (and everyone is told) even when the database fails: what is written here is
        // statistics and the visit's end, which start-up recovery closes if it stays open
        long spoke = m.stopSpeaking(at);
        bestEffort("add speaking time of " + m.userId, () -> roomService.addSpeakTime(live.roomId, spoke));
        bestEffort("close the visit of " + m.userId, () -> visits.finish(m.participationId, m.role, at,
                m.speakMillis));
        announce(live, room(live), m, Events.PARTICIPANT_LEFT, new ParticipantLeft(live.roomId, m.userId,
                reason));
        outbox.detach(live.roomId, m.userId);
        LOG.info("{} left room {} ({})", m.userId, live.roomId, reason);
        if (m.role == Role.HOST && !live.ended) {
            Member next = live.longestPresentModerator().orElse(null);
            if (next == null) {
                endRoom(live.roomId, "no-host");
                return;
            }
            // A live role only: the room document (owner, moderators) stays as it is, so the creator keeps PATCH,
            // DELETE and ending, and takes the role back on return (see standInStepsDown).
            next.role = Role.HOST;
            outbox.toRoom(live.roomId, Events.ROLE_CHANGED, new RoleChanged(live.roomId, next.userId, Role.HOST,
                    null));
            outbox.toUser(next.userId, Events.STATE, state(live, room(live), next));
            LOG.info("Room {} handed to {}", live.roomId, next.userId);
        }
    }

    /**
     * Runs a database write that follows a change already made (in the database or in memory) and must not undo or
     * block it: a failure is logged, the change stands whole.
     */
    static void bestEffort(String what, Runnable write) {
        try {
            write.run();
        } catch (RuntimeException e) {
            LOG.error("Could not {}: {}", what, e.toString());
        }
    }

    /** The creator is back: whoever hosted in their absence is a moderator again. */
    private void standInStepsDown(LiveRoom live, Member owner) {
        for (Member m : List.copyOf(live.members())) {
            if (m != owner && m.role == Role.HOST) {
                changeRole(live, m, Role.MODERATOR, owner.userId);
                LOG.info("Room {}: {} hosts again, {} moderates", live.roomId, owner.userId, m.userId);
            }
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
        state.updateIfPresent(room.id(), live -> {
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
            return null;
        });
        LOG.info("Room {} torn down ({})", room.id(), reason);
    }

    private void updated(Room room) {
        state.updateIfPresent(room.id(), live -> {
            outbox.toRoom(room.id(), Events.UPDATED, new RoomUpdated(room.withoutBanList()));
            return null;
        });
    }

    private void sweep() {
        try {
            for (String roomId : roomService.activeStartedBefore(clock.instant().minus(config.maxRoomDuration()))) {
                endRoom(roomId, "time-limit");
            }
            expireLeases(clock.instant().minus(config.memberLease()));
            joins.prune();
            chats.prune();
            reactions.prune();
            invitations.prune();
        } catch (RuntimeException e) {
            LOG.error("Live room sweep failed", e);
        }
        for (Runnable task : sweepTasks) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("Sweep task failed", e);
            }
        }
    }

    /**
     * Members who joined over REST and hold no realtime connection keep their seat only while they renew it
     * (join again, or act in the room) within {@code member-lease}: a REST join alone would otherwise hold a seat,
     * and count against the room's capacity, forever.
     */
    private void expireLeases(Instant idleSince) {
        for (String roomId : List.copyOf(state.roomIds())) {
            state.updateIfPresent(roomId, live -> {
                for (Member m : List.copyOf(live.members())) {
                    if (m.sockets.isEmpty() && m.disconnectedAt == null && m.lastActivity.isBefore(idleSince)) {
                        remove(live, m, "lease-expired");
                    }
                }
                return null;
            });
        }
    }

    /**
     * Settles what a server that stopped without ending its rooms (a crash, a kill, a restart) left behind, when it
     * is the only server on its database: visits still open are closed, and each live room ends unless someone
     * is back inside within the reconnect grace, as if they had all dropped at once.
     */
    public void recoverAfterStart() {
        long closed = visits.closeOpen(now());
        List<String> rooms = roomService.activeIds();
        if (closed > 0 || !rooms.isEmpty()) {
            LOG.info("Closed {} visit(s) left open; {} live room(s) end unless someone is back within {}", closed,
                    rooms.size(), config.reconnectGrace());
        }
        timer.schedule(() -> rooms.forEach(this::endIfAbandoned), config.reconnectGrace().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void endIfAbandoned(String roomId) {
        try {
            if (state.members(roomId).isEmpty()) {
                endRoom(roomId, "no-host");
            }
        } catch (RuntimeException e) {
            LOG.error("Could not end abandoned room {}", roomId, e);
        }
    }

    /** Runs the periodic checks now (the room time limit); for tests and administrative use. */
    public void sweepNow() {
        sweep();
    }

    // ---- speaking and muted, coalesced ----

    /** Tells the room of {@code m}'s speaking flag now, or at the end of its window (see {@link Coalesced}). */
    void publishSpeaking(LiveRoom live, Member m) {
        coalesce(live, m, x -> x.speakingOut, x -> x.speaking, this::sendSpeaking);
    }

    /** Tells the room of {@code m}'s own mute toggle now, or at the end of its window. */
    void publishMuted(LiveRoom live, Member m) {
        coalesce(live, m, x -> x.mutedOut, x -> x.muted, (l, x) -> sendMuted(l, x, null));
    }

    /** Tells the room of {@code m}'s speaking flag at once (it stopped because of a mute or a drop). */
    void sendSpeaking(LiveRoom live, Member m) {
        m.speakingOut.sent(m.speaking);
        outbox.toRoom(live.roomId, Events.SPEAKING_CHANGED, new SpeakingChanged(live.roomId, m.userId, m.speaking));
    }

    /** Tells the room of {@code m}'s muted flag at once; {@code by} is the moderator, null for the member. */
    void sendMuted(LiveRoom live, Member m, String by) {
        m.mutedOut.sent(m.muted);
        outbox.toRoom(live.roomId, Events.MUTE_CHANGED, new MuteChanged(live.roomId, m.userId, m.muted, by));
    }

    private void coalesce(LiveRoom live, Member m, java.util.function.Function<Member, Coalesced> slot,
                          java.util.function.Predicate<Member> flag,
                          java.util.function.BiConsumer<LiveRoom, Member> send) {
        long window = 1_000_000_000L / config.speakingChangesPerSecond();
        long delay = slot.apply(m).delay(window);
        if (delay == 0) {
            if (slot.apply(m).differs(flag.test(m))) {
                send.accept(live, m);
            }
        } else if (delay > 0) {
            String roomId = live.roomId;
            String userId = m.userId;
            timer.schedule(() -> flush(roomId, userId, slot, flag, send), delay, TimeUnit.NANOSECONDS);
        }
    }

    private void flush(String roomId, String userId, java.util.function.Function<Member, Coalesced> slot,
                       java.util.function.Predicate<Member> flag,
                       java.util.function.BiConsumer<LiveRoom, Member> send) {
        try {
            state.updateIfPresent(roomId, live -> {
                live.member(userId).ifPresent(m -> {
                    slot.apply(m).flushed();
                    if (!live.ended && slot.apply(m).differs(flag.test(m))) {
                        send.accept(live, m);
                    }
                });
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("Could not flush a coalesced change of {} in room {}", userId, roomId, e);
        }
    }

    // ---- state ----

    /** The state one member sees. */
    RoomState state(LiveRoom live, Room room, Member you) {
        boolean staff = you.role.canModerate();
        boolean hidden = room.privacy().hideParticipants() && !staff;
        List<Participant> participants = new ArrayList<>();
        int audience = 0;
        int visible = 0;
        int cap = config.stateParticipantsMax();
        // The stage and the receiver always; listeners in join order up to the cap: a state for a room of
        // thousands, sent to each of them on every reconnect, would otherwise cost the square of the room.
        for (Member m : live.members()) {
            if (!m.role.onStage()) {
                audience++;
            }
            if (!hidden || m.role.onStage() || m == you) {
                visible++;
                if (m.role.onStage() || m == you || participants.size() < cap) {
                    participants.add(m.view());
                }
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
        return new RoomState(shown, participants, hands, you.view(), peers, audience, visible);
    }

    /** Participants in join order, for {@code GET /api/rooms/:id/participants}; hidden audiences show the stage. */
    public Page<Participant> participants(Caller caller, String roomId, PageQuery page) {
        Room room = roomService.visibleRoom(caller, roomId);
        return state.updateIfPresent(roomId, live -> {
            boolean staff = live.member(caller.userId()).map(m -> m.role.canModerate()).orElse(false)
                    || room.isStaff(caller.userId());
            boolean hidden = room.privacy().hideParticipants() && !staff;
            List<Participant> all = live.members().stream()
                    .filter(m -> !hidden || m.role.onStage() || m.userId.equals(caller.userId()))
                    .map(Member::view).toList();
            int from = Math.min(page.offset(), all.size());
            int to = Math.min(from + page.limit(), all.size());
            return Page.of(all.subList(from, to), page.page(), page.limit(), all.size());
        }).orElseGet(() -> Page.of(List.of(), page.page(), page.limit(), 0));
    }

    // ---- helpers shared with Moderation ----

    /** Runs {@code action} as one {@link LiveState} update with the caller as a member; NOT_FOUND if not inside. */
    <T> T withMember(Caller caller, String roomId, MemberAction<T> action) {
        Check.id("roomId", roomId);
        return state.updateIfPresent(roomId, live -> {
            MDC.put("roomId", roomId);
            try {
                Member me = live.member(caller.userId())
                        .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room"));
                if (live.ended) {
                    throw ApiException.of(ErrorCode.ROOM_ENDED);
                }
                me.lastActivity = now();
                return Optional.ofNullable(action.run(live, me));
            } finally {
                MDC.remove("roomId");
            }
        }).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "you are not in that room")).orElse(null);
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
        // The role change says both: off stage or newly on it, a member is muted and silent.
        m.speakingOut.sent(m.speaking);
        m.mutedOut.sent(m.muted);
        outbox.toRoom(live.roomId, Events.ROLE_CHANGED, new RoleChanged(live.roomId, m.userId, role, by));
        if (role.onStage() && !before.onStage()) {
            outbox.toUser(m.userId, Events.PROMOTED, new Promoted(live.roomId, role, by));
        }
        // The new state carries the peers to connect to and, on stage, the hand queue and any hidden audience.
        outbox.toUser(m.userId, Events.STATE, state(live, room(live), m));
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

    Room room(LiveRoom live) {
        return roomService.room(live.roomId);
    }

    /** Whether the live room of {@code roomId} has {@code userId} in it (for tests and REST). */
    public boolean isInside(String roomId, String userId) {
        return state.members(roomId).contains(userId);
    }

    /**
     * A live room as announced to the network: id, title, host, who is in, and whether it is public (only public
     * rooms may be named to everyone on a network).
     */
    public record LiveRoomSummary(String roomId, String title, String hostId, int participants, int speakers,
                                  boolean open) {
    }

    /** The rooms that have someone in them now, most populated first. */
    public List<LiveRoomSummary> liveRooms() {
        List<LiveRoomSummary> out = new ArrayList<>();
        state.allCounts().forEach((roomId, counts) -> {
            try {
                Room room = roomService.room(roomId);
                if (active(room)) {
                    out.add(new LiveRoomSummary(roomId, room.title(), room.createdBy(), counts.participants(),
                            counts.speakers(), room.type() == RoomType.PUBLIC));
                }
            } catch (RuntimeException e) {
                LOG.debug("Room {} not listed: {}", roomId, e.getMessage());
            }
        });
        out.sort(java.util.Comparator.comparingInt(LiveRoomSummary::participants).reversed());
        return out;
    }

    /** Ends every live room, telling everyone inside why (e.g. {@code server-stopping}). */
    public void endAll(String reason) {
        for (String roomId : List.copyOf(state.roomIds())) {
            try {
                endRoom(roomId, reason);
            } catch (RuntimeException e) {
                LOG.warn("Room {} not ended: {}", roomId, e.getMessage());
            }
        }
    }

    /**
     * Ends the rooms the database holds as live that nobody is in on this server: rooms left behind when a server
     * that was the only one to hold them was killed. Returns how many ended.
     */
    public int endAbandoned(String reason) {
        int ended = 0;
        for (String roomId : roomService.activeIds()) {
            if (!state.roomIds().contains(roomId)) {
                endRoom(roomId, reason);
                ended++;
            }
        }
        return ended;
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
