package org.voicerooms.server.rooms;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Page;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomRules;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.auth.User;
import org.voicerooms.server.auth.UserStore;
import org.voicerooms.server.friends.FriendService;
import org.voicerooms.server.http.Caller;
import org.voicerooms.server.http.PageQuery;
import org.voicerooms.server.live.RoomPresence;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.store.Docs;

/** Room lifecycle (create, update, start, end) and every room list, with who-may-see-what applied. */
public final class RoomService {

    private static final Logger LOG = LoggerFactory.getLogger(RoomService.class);
    /** How many rooms the in-memory rankings (discover, trending) consider. */
    static final int RANKING_CANDIDATES = 500;
    static final int SEARCH_MAX = 100;
    /** The room document's field of kicked user ids. */
    private static final String KICKED = "kickedUsers";

    private final RoomStore store;
    private final UserStore users;
    private final FriendService friends;
    private final RoomPresence presence;
    private final InviteStore invites;
    private final Clock clock;
    private final ServerConfig config;
    /** Striped by user: a fixed set of locks, where a lock per user kept one entry for every user ever seen. */
    private final Object[] creationLocks = new Object[64];
    private final List<Consumer<Room>> endListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Consumer<Room>> updateListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public RoomService(Database db, UserStore users, FriendService friends, RoomPresence presence,
                       InviteStore invites, Clock clock, ServerConfig config) {
        this.store = new RoomStore(db);
        this.users = users;
        this.friends = friends;
        this.presence = presence;
        this.invites = invites;
        this.clock = clock;
        this.config = config;
        java.util.Arrays.setAll(creationLocks, i -> new Object());
    }

    /** Called with the ended room after a room ends, on the thread that ended it. */
    public void onEnded(Consumer<Room> listener) {
        endListeners.add(listener);
    }

    /** Called with the room after its host changed its settings, on the request's thread. */
    public void onUpdated(Consumer<Room> listener) {
        updateListeners.add(listener);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- lifecycle ----

    /** Creates a room hosted by the caller; RATE_LIMITED past the daily creation limit. */
    public RoomListing create(Caller caller, RoomSettings requested) {
        Instant now = now();
        RoomSettings s = RoomRules.normalize(requested, config.maxParticipantsCap(), config.maxSpeakersCap(), now,
                true);
        Object lock = creationLocks[Math.floorMod(caller.userId().hashCode(), creationLocks.length)];
        Room room;
        synchronized (lock) {
            long recent = store.createdSince(caller.userId(), now.minus(Duration.ofDays(1)));
            if (recent >= config.roomCreationsPerDay()) {
                throw new ApiException(ErrorCode.RATE_LIMITED, "you can create " + config.roomCreationsPerDay()
                        + " rooms a day; try again later");
            }
            boolean scheduled = s.scheduledFor() != null;
            room = new Room(new ObjectId().toHexString(), s.title(), s.description(), caller.userId(), s.type(),
                    s.category(), s.maxParticipants(), s.maxSpeakers(), s.permissions(), s.privacy(), List.of(),
                    List.of(), scheduled ? RoomStatus.SCHEDULED : RoomStatus.ACTIVE, scheduled ? null : now, null,
                    s.scheduledFor(), 0, 0, 0, s.tags(), s.language(), false, null, now, now);
            store.insert(room);
        }
        LOG.info("Room {} created by {} ({}, {})", room.id(), caller.userId(), room.type().wire(),
                room.status().wire());
        return listing(room, caller.userId(), Set.of());
    }

    /** The room if the caller may see it; NOT_FOUND otherwise (so hidden rooms do not leak). */
    public Room visibleRoom(Caller caller, String roomId) {
        org.voicerooms.model.Check.id("roomId", roomId);
        Room room = store.byId(roomId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such room"));
        if (!canSee(room, caller.userId())) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no such room");
        }
        return room;
    }

    /** One room with its live counts. */
    public RoomListing get(Caller caller, String roomId) {
        return listing(visibleRoom(caller, roomId), caller.userId(), friends.friendIds(caller.userId()));
    }

    /**
     * Host-only update; null fields keep their value. The patch is merged over the room as read and written only if
     * nothing changed the room meanwhile (its version); else merged again over the newer room, so a concurrent
     * change, another PATCH included, is never written over with what was there before it.
     */
    public RoomListing update(Caller caller, String roomId, RoomSettings patch) {
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            Optional<Room> updated = tryUpdate(caller, roomId, patch);
            if (updated.isPresent()) {
                updateListeners.forEach(l -> l.accept(updated.get()));
                return listing(updated.get(), caller.userId(), friends.friendIds(caller.userId()));
            }
        }
        throw new ApiException(ErrorCode.CONFLICT, "the room keeps changing; try again");
    }

    /** One compare-and-set attempt of {@link #update}; empty when the room changed since it was read. */
    private Optional<Room> tryUpdate(Caller caller, String roomId, RoomSettings patch) {
        org.voicerooms.model.Check.id("roomId", roomId);
        RoomStore.Versioned read = store.versioned(roomId).filter(v -> canSee(v.room(), caller.userId()))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such room"));
        Room room = read.room();
        if (!room.isHost(caller.userId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host can update this room");
        }
        if (room.status() == RoomStatus.ENDED) {
            throw ApiException.of(ErrorCode.ROOM_ENDED);
        }
        RoomSettings s = RoomRules.normalize(patch.over(room), config.maxParticipantsCap(), config.maxSpeakersCap(),
                now(), room.status() == RoomStatus.SCHEDULED);
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("title", s.title()),
                Updates.set("description", s.description()),
                Updates.set("type", s.type().wire()),
                Updates.set("category", s.category().wire()),
                Updates.set("maxParticipants", s.maxParticipants()),
                Updates.set("maxSpeakers", s.maxSpeakers()),
                Updates.set("permissions", RoomStore.permissions(s.permissions())),
                Updates.set("privacy", RoomStore.privacy(s.privacy())),
                Updates.set("tags", s.tags()),
                Updates.set("language", s.language()),
                Updates.set("updatedAt", Docs.date(now()))));
        if (s.scheduledFor() != null) {
            sets.add(Updates.set("scheduledFor", Docs.date(s.scheduledFor())));
        }
        return store.updateAt(roomId, read.version(), Filters.eq("status", room.status().wire()),
                Updates.combine(sets));
    }

    /** How often a PATCH merges again when concurrent changes keep winning the race. */
    private static final int UPDATE_ATTEMPTS = 8;

    /** Host-only: a scheduled room goes live now. */
    public RoomListing start(Caller caller, String roomId) {
        Room room = hostOnly(caller, roomId, "start");
        switch (room.status()) {
            case ENDED -> throw ApiException.of(ErrorCode.ROOM_ENDED);
            case ACTIVE -> throw new ApiException(ErrorCode.CONFLICT, "the room has already started");
            default -> {
            }
        }
        Instant now = now();
        Room started = store.update(roomId, Filters.eq("status", RoomStatus.SCHEDULED.wire()), Updates.combine(
                        Updates.set("status", RoomStatus.ACTIVE.wire()), Updates.set("startedAt", Docs.date(now)),
                        Updates.set("updatedAt", Docs.date(now))))
                .orElseThrow(() -> new ApiException(ErrorCode.CONFLICT, "the room has already started"));
        LOG.info("Room {} started by its host", roomId);
        return listing(started, caller.userId(), Set.of());
    }

    /** Host-only: ends the room. Ending an ended room answers it unchanged. */
    public RoomListing end(Caller caller, String roomId) {
        Room room = hostOnly(caller, roomId, "end");
        if (room.status() == RoomStatus.ENDED) {
            return listing(room, caller.userId(), Set.of());
        }
        return listing(endNow(roomId).orElse(room), caller.userId(), Set.of());
    }

    /** Ends every room {@code userId} created that has not ended (live or scheduled), e.g. when the account goes. */
    public void endRoomsCreatedBy(String userId) {
        for (Room room : store.find(Filters.and(Filters.eq("createdBy", userId),
                Filters.ne("status", RoomStatus.ENDED.wire())), Sorts.ascending("createdAt"), 0, 1000)) {
            endNow(room.id());
        }
    }

    /** Ends a room whatever its state (host action, host gone, time limit); empty if it had already ended. */
    public java.util.Optional<Room> endNow(String roomId) {
        Instant now = now();
        var ended = store.update(roomId, Filters.ne("status", RoomStatus.ENDED.wire()), Updates.combine(
                Updates.set("status", RoomStatus.ENDED.wire()), Updates.set("endedAt", Docs.date(now)),
                Updates.set("updatedAt", Docs.date(now))));
        ended.ifPresent(r -> {
            LOG.info("Room {} ended", roomId);
            invites.revokeAll(roomId);
            endListeners.forEach(l -> l.accept(r));
        });
        return ended;
    }

    private Room hostOnly(Caller caller, String roomId, String action) {
        Room room = visibleRoom(caller, roomId);
        if (!room.isHost(caller.userId())) {
            throw new ApiException(ErrorCode.FORBIDDEN, "only the host can " + action + " this room");
        }
        return room;
    }

    // ---- lists ----

    /** Rooms with {@code status}, optionally one category and a title search, newest first. */
    public Page<RoomListing> list(Caller caller, RoomStatus status, RoomCategory category, String query,
                                  PageQuery page) {
        Set<String> friendIds = friends.friendIds(caller.userId());
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("status", status.wire()),
                visibleTo(caller.userId(), friendIds)));
        if (category != null) {
            filters.add(Filters.eq("category", category.wire()));
        }
        if (query != null && !query.isBlank()) {
            String q = org.voicerooms.model.Check.text("q", query, 1, SEARCH_MAX, false);
            filters.add(Filters.regex("title", Pattern.quote(q), "i"));
        }
        Bson sort = status == RoomStatus.SCHEDULED ? Sorts.ascending("scheduledFor", "_id")
                : Sorts.descending("createdAt", "_id");
        return dbPage(caller, Filters.and(filters), sort, page, friendIds);
    }

    /** Scheduled rooms the caller may see, soonest first. */
    public Page<RoomListing> upcoming(Caller caller, PageQuery page) {
        return list(caller, RoomStatus.SCHEDULED, null, null, page);
    }

    /** Live rooms of one category, newest first. */
    public Page<RoomListing> byCategory(Caller caller, RoomCategory category, PageQuery page) {
        return list(caller, RoomStatus.ACTIVE, category, null, page);
    }

    /** Live rooms hosted by a friend or with a friend inside, newest first. */
    public Page<RoomListing> withFriends(Caller caller, PageQuery page) {
        Set<String> friendIds = friends.friendIds(caller.userId());
        if (friendIds.isEmpty()) {
            return Page.of(List.of(), page.page(), page.limit(), 0);
        }
        List<ObjectId> occupied = presence.roomsWith(friendIds).stream()
                .filter(org.voicerooms.model.Check::isId)
                .filter(id -> store.byId(id).map(r -> seesAFriendInside(r, caller.userId(), friendIds)).orElse(false))
                .map(ObjectId::new).toList();
        Bson filter = Filters.and(Filters.eq("status", RoomStatus.ACTIVE.wire()),
                visibleTo(caller.userId(), friendIds),
                Filters.or(Filters.in("createdBy", friendIds), Filters.in("_id", occupied)));
        return dbPage(caller, filter, Sorts.descending("createdAt", "_id"), page, friendIds);
    }

    /** Live rooms by people inside now, then by all-time joins, then newest. */
    public Page<RoomListing> trending(Caller caller, PageQuery page) {
        Set<String> friendIds = friends.friendIds(caller.userId());
        List<RoomListing> ranked = candidates(caller, friendIds);
        ranked.sort(Comparator.comparingInt(RoomListing::participants).reversed()
                .thenComparing(Comparator.comparingLong((RoomListing l) -> l.room().totalJoins()).reversed())
                .thenComparing(RoomService::startedAt, Comparator.reverseOrder()));
        return memoryPage(ranked, page);
    }

    /** Live rooms ranked for the caller by {@link Discovery}. */
    public Page<RoomListing> discover(Caller caller, PageQuery page) {
        Set<String> friendIds = friends.friendIds(caller.userId());
        Map<RoomCategory, Integer> affinity = affinity(caller.userId());
        Instant now = now();
        List<RoomListing> ranked = candidates(caller, friendIds);
        Map<RoomListing, Double> scores = new java.util.IdentityHashMap<>();
        ranked.forEach(l -> scores.put(l, Discovery.score(l, affinity, now)));
        ranked.sort(Comparator.comparingDouble((RoomListing l) -> scores.get(l)).reversed()
                .thenComparing(RoomService::startedAt, Comparator.reverseOrder()));
        return memoryPage(ranked, page);
    }

    private static Instant startedAt(RoomListing l) {
        return l.room().startedAt() != null ? l.room().startedAt() : l.room().createdAt();
    }

    /** The viewer's history by category: rooms they hosted. */
    private Map<RoomCategory, Integer> affinity(String userId) {
        Map<RoomCategory, Integer> counts = new EnumMap<>(RoomCategory.class);
        for (Room r : store.find(Filters.eq("createdBy", userId), Sorts.descending("createdAt"), 0, 200)) {
            counts.merge(r.category(), 1, Integer::sum);
        }
        return counts;
    }

    /** Live visible rooms: every room with people inside, plus the most joined and newest, deduplicated. */
    private List<RoomListing> candidates(Caller caller, Set<String> friendIds) {
        Bson base = Filters.and(Filters.eq("status", RoomStatus.ACTIVE.wire()),
                visibleTo(caller.userId(), friendIds));
        Map<String, Room> rooms = new LinkedHashMap<>();
        // The fullest rooms only: one query per request must not name every occupied room on a busy server.
        List<ObjectId> occupied = presence.allCounts().entrySet().stream()
                .filter(e -> org.voicerooms.model.Check.isId(e.getKey()))
                .sorted(Map.Entry.comparingByValue(Comparator.comparingInt(RoomPresence.Counts::participants)
                        .reversed()))
                .limit(RANKING_CANDIDATES).map(e -> new ObjectId(e.getKey())).toList();
        if (!occupied.isEmpty()) {
            store.find(Filters.and(base, Filters.in("_id", occupied)), Sorts.descending("createdAt"), 0,
                    RANKING_CANDIDATES).forEach(r -> rooms.putIfAbsent(r.id(), r));
        }
        store.find(base, Sorts.descending("totalJoins", "createdAt"), 0, RANKING_CANDIDATES)
                .forEach(r -> rooms.putIfAbsent(r.id(), r));
        store.find(base, Sorts.descending("createdAt"), 0, RANKING_CANDIDATES)
                .forEach(r -> rooms.putIfAbsent(r.id(), r));
        return listings(new ArrayList<>(rooms.values()), caller.userId(), friendIds);
    }

    private Page<RoomListing> dbPage(Caller caller, Bson filter, Bson sort, PageQuery page, Set<String> friendIds) {
        long total = store.count(filter);
        List<Room> rooms = store.find(filter, sort, page.offset(), page.limit());
        return Page.of(listings(rooms, caller.userId(), friendIds), page.page(), page.limit(), total);
    }

    private static Page<RoomListing> memoryPage(List<RoomListing> ranked, PageQuery page) {
        int from = Math.min(page.offset(), ranked.size());
        int to = Math.min(from + page.limit(), ranked.size());
        return Page.of(ranked.subList(from, to), page.page(), page.limit(), ranked.size());
    }

    // ---- visibility and listings ----

    /** Public rooms; the viewer's own; where they moderate; friends-only rooms of their friends. */
    private static Bson visibleTo(String userId, Set<String> friendIds) {
        return Filters.or(
                Filters.eq("type", RoomType.PUBLIC.wire()),
                Filters.eq("createdBy", userId),
                Filters.eq("moderators", userId),
                Filters.and(Filters.eq("type", RoomType.FRIENDS_ONLY.wire()), Filters.in("createdBy", friendIds)));
    }

    /**
     * Whether {@code userId} may see {@code room}: the rule of {@link #visibleTo}, plus invited users, who may open
     * (but do not get listed) private and friends-only rooms.
     */
    public boolean canSee(Room room, String userId) {
        if (room.type() == RoomType.PUBLIC || room.isStaff(userId)) {
            return true;
        }
        if (room.type() == RoomType.FRIENDS_ONLY && friends.areFriends(room.createdBy(), userId)) {
            return true;
        }
        return invites.invited(room.id(), userId);
    }

    // ---- changes made by live rooms ----

    /** The room, whoever asks; NOT_FOUND if there is none. */
    public Room room(String roomId) {
        org.voicerooms.model.Check.id("roomId", roomId);
        return store.byId(roomId).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such room"));
    }

    /** Stores a ban. */
    public Room ban(String roomId, String userId) {
        return change(roomId, Updates.addToSet("bannedUsers", userId));
    }

    /** Lifts a ban, and the kick that came with it. */
    public Room unban(String roomId, String userId) {
        return change(roomId, Updates.combine(Updates.pull("bannedUsers", userId), Updates.pull(KICKED, userId)));
    }

    /**
     * Stores a kick: the user may not rejoin while the room runs, across restarts too. Kept in the room document
     * beside the ban list but never sent ({@link Room} has no field for it).
     */
    public void kick(String roomId, String userId) {
        change(roomId, Updates.addToSet(KICKED, userId));
    }

    /** Whether {@code userId} was kicked from {@code roomId}. */
    public boolean wasKicked(String roomId, String userId) {
        return store.count(Filters.and(Filters.eq("_id", new ObjectId(roomId)), Filters.eq(KICKED, userId))) > 0;
    }

    /** Adds a moderator. */
    public Room addModerator(String roomId, String userId) {
        return change(roomId, Updates.addToSet("moderators", userId));
    }

    /** Removes a moderator. */
    public Room removeModerator(String roomId, String userId) {
        return change(roomId, Updates.pull("moderators", userId));
    }

    /** Counts a join and raises the peak to {@code participantsNow} if higher. */
    public void recordJoin(String roomId, int participantsNow) {
        change(roomId, Updates.combine(Updates.inc("totalJoins", 1), Updates.max("peakParticipants",
                participantsNow)));
    }

    /** Adds speaking time, in milliseconds. */
    public void addSpeakTime(String roomId, long millis) {
        if (millis > 0) {
            change(roomId, Updates.inc("totalSpeakTime", millis));
        }
    }

    /** Ids of the rooms that are live now (at most 1000, oldest first), for recovery after a restart. */
    public List<String> activeIds() {
        return activeStartedBefore(now().plusSeconds(1));
    }

    /** Ids of live rooms that started before {@code cutoff}, for the maximum room duration. */
    public List<String> activeStartedBefore(Instant cutoff) {
        return store.find(Filters.and(Filters.eq("status", RoomStatus.ACTIVE.wire()),
                Filters.lt("startedAt", Docs.date(cutoff))), Sorts.ascending("startedAt"), 0, 1000)
                .stream().map(Room::id).toList();
    }

    private Room change(String roomId, Bson update) {
        return store.update(roomId, Filters.exists("_id"), Updates.combine(update,
                        Updates.set("updatedAt", Docs.date(now()))))
                .orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "no such room"));
    }

    /**
     * Who inside {@code room} the viewer may know of: everyone, or only the stage when the room hides its audience
     * from non-staff (a friend listening there must not show through friend counts and the friends feed).
     */
    Set<String> visibleMembers(Room room, String viewerId) {
        boolean hidden = room.privacy().hideParticipants() && !room.isStaff(viewerId);
        return hidden ? presence.stage(room.id()) : presence.members(room.id());
    }

    private boolean seesAFriendInside(Room room, String viewerId, Set<String> friendIds) {
        return visibleMembers(room, viewerId).stream().anyMatch(friendIds::contains);
    }

    private RoomListing listing(Room room, String viewerId, Set<String> friendIds) {
        return listings(List.of(room), viewerId, friendIds).get(0);
    }

    private List<RoomListing> listings(List<Room> rooms, String viewerId, Set<String> friendIds) {
        Set<String> hostIds = new HashSet<>();
        rooms.forEach(r -> hostIds.add(r.createdBy()));
        Map<String, User> hosts = users.byIds(hostIds);
        List<RoomListing> out = new ArrayList<>(rooms.size());
        for (Room room : rooms) {
            RoomPresence.Counts counts = presence.counts(room.id());
            int friendsInside = 0;
            if (!friendIds.isEmpty()) {
                Set<String> people = new HashSet<>(visibleMembers(room, viewerId));
                people.add(room.createdBy());
                people.retainAll(friendIds);
                friendsInside = people.size();
            }
            User host = hosts.get(room.createdBy());
            Room shown = room.isStaff(viewerId) ? room : room.withoutBanList();
            out.add(new RoomListing(shown, host == null ? "(deleted user)" : host.displayName(),
                    counts.participants(), counts.speakers(), friendsInside));
        }
        return out;
    }
}
