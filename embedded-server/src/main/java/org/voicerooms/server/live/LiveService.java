package org.voicerooms.server.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Page;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.rooms.Participant;
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
 * Live rooms: joining and leaving, dropped connections, ending, the periodic sweep, and what REST reads. Reads the
 * database before a room is decided, applies the {@link Attendance} rules through the {@link LiveEngine}, and gives
 * {@link MemberActions} and {@link Moderation} the same way to apply theirs ({@link #act}).
 */
public final class LiveService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveService.class);

    /** Where a joining socket enters its room on this node; the realtime transport sets it. */
    @FunctionalInterface
    public interface Seats {
        void attached(String roomId, String userId, String socketId);

        Seats NONE = (roomId, userId, socketId) -> {
        };
    }

    private final LiveEngine engine;
    private final RoomService rooms;
    private final FriendService friends;
    private final InviteStore invites;
    private final ParticipationStore visits;
    private final Clock clock;
    private final ServerConfig config;
    private final Scheduler scheduler;
    private final String node;
    private final RateLimits joins;
    private final List<Runnable> sweepTasks = new CopyOnWriteArrayList<>();
    private volatile java.util.function.BooleanSupplier sfuUp = () -> false;
    private final Scheduler.Timer sweeper;
    private volatile Seats seats = Seats.NONE;

    public LiveService(LiveEngine engine, RoomService rooms, FriendService friends, InviteStore invites,
                       ParticipationStore visits, Clock clock, Scheduler scheduler, String node, ServerConfig config) {
        this.engine = engine;
        this.rooms = rooms;
        this.friends = friends;
        this.invites = invites;
        this.visits = visits;
        this.clock = clock;
        this.config = config;
        this.scheduler = scheduler;
        this.node = node;
        this.joins = new RateLimits(config.joinsPerMinute(), Duration.ofMinutes(1), "room joins", clock);
        engine.afterCommit(new LiveRecorder(rooms, visits, invites));
        rooms.onEnded(this::tearDown);
        rooms.onUpdated(room -> engine.apply(room.id(), new Attendance.Update(room.withoutBanList()),
                context(room)));
        sweeper = scheduler.every(Duration.ofMinutes(1), this::sweep);
        alsoOnSweep(joins::prune);
    }

    /** Runs {@code task} with every periodic sweep (each minute and on {@link #sweepNow}). */
    public void alsoOnSweep(Runnable task) {
        sweepTasks.add(task);
    }

    /** Sets where joining sockets enter their rooms; the realtime transport calls this once at start. */
    public void seats(Seats seats) {
        this.seats = seats;
    }

    /** This node's id, as members' {@code node} names it. */
    public String node() {
        return node;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The inputs of a rule now; {@code room} the room document, or null for rules that need none. */
    RuleContext context(Room room) {
        return new RuleContext(room, now(), node, config.reconnectGrace(), config.stateParticipantsMax(),
                new MediaPolicy(config.effectiveMediaMode(), config.mediaSfuAbove(), sfuUp.getAsBoolean()));
    }

    /** Where the media policy reads whether the SFU answers (the server's SFU health; none: never). */
    public void sfuHealth(java.util.function.BooleanSupplier up) {
        this.sfuUp = up;
    }

    /** The SFU's health changed: every live room known here takes the plan the policy gives it now. */
    public void followMedia() {
        for (String roomId : engine.store().roomIds()) {
            followMedia(roomId);
        }
    }

    /** {@code roomId} takes the plan the media policy gives it now (after its SFU failed a request, say). */
    public void followMedia(String roomId) {
        try {
            engine.apply(roomId, new Attendance.FollowMedia(), context(null));
        } catch (RuntimeException e) {
            LOG.warn("Room {} could not follow the media policy: {}", roomId, e.toString());
        }
    }

    /**
     * The room's SFU home: the one recorded in its live state, or {@code proposed} once recorded (also in place of
     * {@code replacing}, a home whose gateway stopped answering). NOT_FOUND when the room is not live.
     */
    public SfuHome claimSfu(String roomId, SfuHome proposed, SfuHome replacing) {
        return (SfuHome) engine.apply(roomId, new SfuCommands.Claim(proposed, replacing), context(null)).reply();
    }

    /** The room's SFU publishers changed: every node hears it ({@link LiveEvent.SfuPublishersChanged}). */
    public void sfuPublishersChanged(String roomId) {
        engine.apply(roomId, new SfuCommands.PublishersChanged(), context(null));
    }

    /** Whether the room is live (someone is in it, on any node). */
    public boolean isLive(String roomId) {
        RoomSnapshot s = engine.read(roomId);
        return s.version() > 0 && !s.ended() && !s.members().isEmpty();
    }

    /** The room document; NOT_FOUND if there is none. */
    Room room(String roomId) {
        return rooms.room(roomId);
    }

    /** The committed snapshot of {@code roomId} (empty when none): for checks before a database write. */
    RoomSnapshot snapshot(String roomId) {
        return engine.read(roomId);
    }

    /** Applies a member's or moderator's command; {@code room} null for rules that need no room document. */
    Object act(String roomId, Command command, Room room) {
        Check.id("roomId", roomId);
        return engine.apply(roomId, command, context(room)).reply();
    }

    // ---- joining and leaving ----

    /**
     * Joins {@code roomId} over connection {@code socketId} (null for REST). A member already inside (another
     * tab, or back within the reconnect grace) keeps role and hand and gets the state again.
     */
    public JoinResult join(Caller caller, String roomId, String socketId) {
        Room room = rooms.room(roomId);
        String uid = caller.userId();
        boolean staff = room.isStaff(uid);
        boolean invited = !staff && room.type() != RoomType.PUBLIC && invites.invited(roomId, uid);
        boolean mayKnock = room.privacy().requireApproval();
        if (!staff && !invited && !mayKnock && !rooms.canSee(room, uid)) {
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
        boolean kickedBefore = rooms.wasKicked(roomId, uid);
        boolean friend = room.type() == RoomType.FRIENDS_ONLY && !room.privacy().requireApproval()
                && friends.areFriends(room.createdBy(), uid);
        String visitId = new ObjectId().toHexString();
        Attendance.Join join = new Attendance.Join(uid, caller.displayName(), staff, invited, friend, kickedBefore,
                socketId != null ? node : null, visitId);
        RuleContext ctx = context(room);
        // Checked first on the committed room: a new visit is written before the join is decided, so that when the
        // write fails nothing changed (and nobody was told).
        Optional<LiveEvent.VisitOpened> opens = visitOpened(join.decide(engine.read(roomId), ctx));
        if (opens.isPresent()) {
            joins.check(uid);
            visits.start(visitId, uid, roomId, opens.get().role(), opens.get().at());
        }
        Decision d;
        try {
            d = engine.apply(roomId, join, ctx, done -> {
                JoinResult result = (JoinResult) done.reply();
                if (socketId != null && JoinResult.JOINED.equals(result.status())) {
                    seats.attached(roomId, uid, socketId);
                }
            });
        } catch (RuntimeException e) {
            opens.ifPresent(v -> discard(visitId));
            throw e;
        }
        if (opens.isPresent() && visitOpened(d).isEmpty()) {
            discard(visitId); // the room changed in between: inside already, or refused now
        }
        JoinResult result = (JoinResult) d.reply();
        if (!d.events().isEmpty() && JoinResult.JOINED.equals(result.status())) {
            LOG.info("{} joined room {} as {}", uid, roomId, result.state().you().role().wire());
        }
        return result;
    }

    private static Optional<LiveEvent.VisitOpened> visitOpened(Decision d) {
        return d.events().stream().filter(LiveEvent.VisitOpened.class::isInstance)
                .map(LiveEvent.VisitOpened.class::cast).findFirst();
    }

    private void discard(String visitId) {
        try {
            visits.discard(visitId);
        } catch (RuntimeException e) {
            LOG.warn("Could not discard unused visit {}: {}", visitId, e.toString());
        }
    }

    /** Leaves quietly. Leaving a room one is not in does nothing. */
    public void leave(Caller caller, String roomId) {
        Check.id("roomId", roomId);
        if (engine.store().get(roomId).isPresent()) {
            engine.apply(roomId, new Attendance.Leave(caller.userId()), context(rooms.room(roomId)));
        }
    }

    /**
     * The member's last connection to {@code roomId} on this node closed. Returns when the drop was recorded (the
     * grace timer names it to {@link #lost}), empty if the member is gone or connected elsewhere.
     */
    public Optional<Instant> dropped(String roomId, String userId) {
        if (engine.store().get(roomId).isEmpty()) {
            return Optional.empty();
        }
        Decision d = engine.apply(roomId, new Attendance.Drop(userId, node), context(null));
        return Optional.ofNullable((Instant) d.reply());
    }

    /** The reconnect grace of the drop at {@code droppedAt} ran out. */
    public void lost(String roomId, String userId, Instant droppedAt) {
        if (engine.store().get(roomId).isPresent()) {
            engine.apply(roomId, new Attendance.Lose(userId, droppedAt), context(rooms.room(roomId)));
        }
    }

    /** Ends a room and tells everyone why; the room document ends after (see {@link LiveRecorder}). */
    void endRoom(String roomId, String reason) {
        engine.apply(roomId, new Attendance.End(reason), context(null));
    }

    /** The room document ended elsewhere (DELETE, an account removed): the live room ends with it. */
    private void tearDown(Room room) {
        if (engine.store().get(room.id()).isPresent()) {
            endRoom(room.id(), "host-ended");
            LOG.info("Room {} torn down", room.id());
        }
    }

    // ---- the sweep, recovery ----

    private void sweep() {
        try {
            for (String roomId : rooms.activeStartedBefore(clock.instant().minus(config.maxRoomDuration()))) {
                endRoom(roomId, "time-limit");
            }
            Instant idleSince = now().minus(config.memberLease());
            for (String roomId : engine.store().roomIds()) {
                engine.apply(roomId, new Attendance.ExpireLeases(idleSince), context(rooms.room(roomId)));
            }
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

    /** Runs the periodic checks now (the room time limit); for tests and administrative use. */
    public void sweepNow() {
        sweep();
    }

    /**
     * Settles what a server that stopped without ending its rooms left behind, when it is the only server on its
     * database: visits still open are closed, and each live room ends unless someone is back inside within the
     * reconnect grace, as if they had all dropped at once.
     */
    public void recoverAfterStart() {
        long closed = visits.closeOpen(now());
        List<String> active = rooms.activeIds();
        if (closed > 0 || !active.isEmpty()) {
            LOG.info("Closed {} visit(s) left open; {} live room(s) end unless someone is back within {}", closed,
                    active.size(), config.reconnectGrace());
        }
        scheduler.schedule(config.reconnectGrace(), () -> active.forEach(this::endIfAbandoned));
    }

    private void endIfAbandoned(String roomId) {
        try {
            if (engine.read(roomId).members().isEmpty()) {
                endRoom(roomId, "no-host");
            }
        } catch (RuntimeException e) {
            LOG.error("Could not end abandoned room {}", roomId, e);
        }
    }

    // ---- reading ----

    /** Participants in join order, for {@code GET /api/rooms/:id/participants}; hidden audiences show the stage. */
    public Page<Participant> participants(Caller caller, String roomId, PageQuery page) {
        Room room = rooms.visibleRoom(caller, roomId);
        RoomSnapshot live = engine.read(roomId);
        boolean staff = live.member(caller.userId()).map(m -> m.role().canModerate()).orElse(false)
                || room.isStaff(caller.userId());
        boolean hidden = room.privacy().hideParticipants() && !staff;
        List<Participant> all = live.members().stream()
                .filter(m -> !hidden || m.role().onStage() || m.userId().equals(caller.userId()))
                .map(MemberState::view).toList();
        int from = Math.min(page.offset(), all.size());
        int to = Math.min(from + page.limit(), all.size());
        return Page.of(all.subList(from, to), page.page(), page.limit(), all.size());
    }

    /** Whether the live room of {@code roomId} has {@code userId} in it (for tests and REST). */
    public boolean isInside(String roomId, String userId) {
        return engine.read(roomId).member(userId).isPresent();
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
        for (String roomId : engine.store().roomIds()) {
            RoomSnapshot live = engine.read(roomId);
            if (live.size() == 0) {
                continue;
            }
            RoomPresence.Counts counts = live.presentCounts();
            try {
                Room room = rooms.room(roomId);
                if (room.status() == RoomStatus.ACTIVE) {
                    out.add(new LiveRoomSummary(roomId, room.title(), room.createdBy(), counts.participants(),
                            counts.speakers(), room.type() == RoomType.PUBLIC));
                }
            } catch (RuntimeException e) {
                LOG.debug("Room {} not listed: {}", roomId, e.getMessage());
            }
        }
        out.sort(Comparator.comparingInt(LiveRoomSummary::participants).reversed());
        return out;
    }

    /** Ends every live room, telling everyone inside why (e.g. {@code server-stopping}). */
    public void endAll(String reason) {
        for (String roomId : engine.store().roomIds()) {
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
        for (String roomId : rooms.activeIds()) {
            if (engine.store().get(roomId).isEmpty()) {
                endRoom(roomId, reason);
                ended++;
            }
        }
        return ended;
    }

    /** Stops the sweep. */
    @Override
    public void close() {
        sweeper.cancel();
    }
}
