package org.voicerooms.server.media.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.model.live.SfuPayloads.SfuStream;
import org.voicerooms.model.live.SfuPayloads.SfuSubscription;

/**
 * Rooms' audio on Janus gateways (VideoRoom, audio only). The server makes every request: a room gets a Janus room
 * on the gateway with the fewest rooms, with a secret only the servers know, recorded through a {@link Registry}
 * (a cluster's live state) so that every node drives the same Janus room; a member publishes only through
 * {@link #publish} (the caller decides who may), receives every other publisher through one subscription that is
 * renegotiated ({@link Pusher}) whenever the publishers change, and a moderator's mute is Janus's {@code moderate}.
 * Thread-safe: one monitor per room; Janus's own events are handled on a background thread.
 */
public final class SfuRooms implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuRooms.class);
    /** The longest wait for any one Janus answer. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** Sends a renegotiated subscription to a member (the {@code sfu:offer} event). Must not block. */
    @FunctionalInterface
    public interface Pusher {
        void offer(String userId, SfuSubscription subscription);
    }

    /** Where a room's audio lives: gateway, VideoRoom room number, secret. */
    public record Home(URI gateway, long room, String secret) {
        @Override
        public String toString() {
            return "Home[" + gateway + " room " + room + "]";
        }
    }

    /**
     * The room facts shared by the nodes of a cluster. Implementations may block briefly (a shared store).
     */
    public interface Registry {
        /**
         * The room's home: the recorded one, or {@code proposed} once recorded (also in place of {@code replacing},
         * a home whose gateway does not answer, when that one is still recorded).
         */
        Home claim(String roomId, Home proposed, Home replacing);

        /** Tells every node (this one included) to call {@link #followPublishers} for the room. */
        void publishersChanged(String roomId);

        /** Whether the room still has members on any node (its Janus room must then stay). */
        boolean live(String roomId);
    }

    private final List<VideoRoom> gateways = new ArrayList<>();
    private final Map<String, SfuRoom> rooms = new ConcurrentHashMap<>();
    /** Which room and member a Janus handle belongs to, for Janus's own events. */
    private final Map<Long, String[]> handles = new ConcurrentHashMap<>();
    private final ScheduledExecutorService background;
    private final Pusher pusher;
    private final SecureRandom random = new SecureRandom();
    private final Registry registry;

    /**
     * Connects lazily to each of {@code urls} (the first request does).
     *
     * @param secret Janus's API secret, or null
     */
    public SfuRooms(List<URI> urls, String secret, ObjectMapper mapper, Pusher pusher) {
        this(urls, secret, mapper, pusher, null);
    }

    /**
     * As {@link #SfuRooms(List, String, ObjectMapper, Pusher)}, with the rooms' homes recorded in {@code registry}
     * (null: in this process only, one node).
     */
    public SfuRooms(List<URI> urls, String secret, ObjectMapper mapper, Pusher pusher, Registry registry) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no Janus URL");
        }
        this.pusher = pusher;
        this.registry = registry != null ? registry : new LocalRegistry();
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-janus");
            t.setDaemon(true);
            return t;
        });
        for (URI url : urls) {
            JanusConnection c = new JanusConnection(url, secret, TIMEOUT, mapper, background);
            VideoRoom gateway = new VideoRoom(c, mapper);
            c.onEvent(event -> background.execute(() -> janusEvent(event)));
            c.onReset(() -> background.execute(() -> forget(gateway)));
            gateways.add(gateway);
        }
    }

    /** The gateway carrying {@code roomId}'s audio, if it has an SFU room now. */
    public Optional<URI> gatewayOf(String roomId) {
        return Optional.ofNullable(rooms.get(roomId)).map(r -> r.gateway.connection().url());
    }

    /** Whether at least one gateway answers now (each asked once, at most {@link #TIMEOUT} each). */
    public boolean reachable() {
        for (VideoRoom gateway : gateways) {
            try {
                gateway.connection().probe();
                return true;
            } catch (JanusException e) {
                LOG.debug("Janus at {} does not answer: {}", gateway.connection().url(), e.getMessage());
            }
        }
        return false;
    }

    /** Rooms with audio on a gateway now. */
    public Set<String> rooms() {
        return Set.copyOf(rooms.keySet());
    }

    /**
     * Publishes {@code userId}'s microphone: joins the room's Janus room as a publisher with {@code offer}, and
     * renegotiates everyone else's subscription to include it. Returns Janus's answer. A previous publishing
     * connection of the same member is replaced.
     */
    public String publish(String roomId, String userId, String offer, int maxPublishers) {
        SfuRoom room = room(roomId, maxPublishers);
        String answer;
        synchronized (room) {
            SfuRoom.Publisher old = room.publishers.remove(userId);
            if (old != null) {
                hangUp(room, old.handle());
            }
            long handle = room.gateway.attach();
            handles.put(handle, new String[] {roomId, userId});
            long feed = number();
            String mid = SfuRoom.audioMid(offer);
            try {
                answer = room.gateway.publish(handle, room.janusRoom, feed, userId, offer);
            } catch (JanusException e) {
                hangUp(room, handle);
                throw e;
            }
            room.publishers.put(userId, new SfuRoom.Publisher(handle, feed, mid));
            if (room.moderated.contains(userId)) {
                room.gateway.moderate(room.manager, room.janusRoom, room.secret, feed, mid, true);
            }
            LOG.info("{} publishes in room {} on {}", userId, roomId, room.gateway.connection().url());
        }
        // Janus offers a feed to subscribers once its connection is up: the subscriptions follow its webrtcup.
        return answer;
    }

    /** Stops {@code userId}'s publishing (back in the audience); Janus renegotiates the subscribers. */
    public void unpublish(String roomId, String userId) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            SfuRoom.Publisher p = room.publishers.remove(userId);
            if (p != null) {
                hangUp(room, p.handle());
                LOG.info("{} no longer publishes in room {}", userId, roomId);
            }
        }
    }

    /**
     * {@code userId} receives every publisher but themselves. Returns the subscription now: its offer, or a null
     * SDP while nobody else publishes (an {@code sfu:offer} follows when someone does).
     */
    public SfuSubscription subscribe(String roomId, String userId, int maxPublishers) {
        SfuRoom room = room(roomId, maxPublishers);
        synchronized (room) {
            SfuRoom.Subscriber old = room.subscribers.remove(userId);
            if (old != null && old.handle != 0) {
                hangUp(room, old.handle);
            }
            SfuRoom.Subscriber sub = new SfuRoom.Subscriber();
            room.subscribers.put(userId, sub);
            return sync(room, userId, sub, listed(room));
        }
    }

    /** The member's answer to the latest subscription offer: Janus starts sending. */
    public void answer(String roomId, String userId, String sdp) {
        SfuRoom room = existing(roomId);
        synchronized (room) {
            SfuRoom.Subscriber sub = room.subscribers.get(userId);
            if (sub == null || sub.handle == 0) {
                throw new JanusException(-1, "no subscription offer to answer");
            }
            room.gateway.start(sub.handle, sdp);
        }
    }

    /** A trickled candidate of the member's publishing or subscribing connection. */
    public void candidate(String roomId, String userId, boolean publishing, String candidate, String sdpMid,
                          Integer sdpMLineIndex) {
        SfuRoom room = existing(roomId);
        long handle;
        synchronized (room) {
            if (publishing) {
                SfuRoom.Publisher p = room.publishers.get(userId);
                handle = p == null ? 0 : p.handle();
            } else {
                SfuRoom.Subscriber s = room.subscribers.get(userId);
                handle = s == null ? 0 : s.handle;
            }
        }
        if (handle == 0) {
            throw new JanusException(-1, "no " + (publishing ? "publishing" : "subscribing") + " connection");
        }
        room.gateway.connection().trickle(handle, candidate, sdpMid, sdpMLineIndex);
    }

    /**
     * A mute the room holds ({@code true}), enforced where the audio is forwarded and kept for the member's next
     * publishing; {@code false} (the member's own unmute) lifts it. A room without an SFU room yet keeps nothing:
     * publishing asks the room's state again.
     */
    public void mute(String roomId, String userId, boolean mute) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            LOG.info("No SFU room for {}: the {} of {} waits for it", roomId, mute ? "mute" : "unmute", userId);
            return;
        }
        synchronized (room) {
            boolean changed = mute ? room.moderated.add(userId) : room.moderated.remove(userId);
            SfuRoom.Publisher p = room.publishers.get(userId);
            if (changed && p != null) {
                room.gateway.moderate(room.manager, room.janusRoom, room.secret, p.feed(), p.mid(), mute);
                LOG.info("{} {} in room {} at the SFU", userId, mute ? "muted" : "unmuted", roomId);
            } else {
                LOG.info("{} {} in room {}: {}", userId, mute ? "muted" : "unmuted", roomId,
                        p == null ? "not publishing, applied when they do" : "no change at the SFU");
            }
        }
    }

    /** Tears down all of {@code userId}'s media in the room (left, kicked, banned). */
    public void remove(String roomId, String userId) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            SfuRoom.Publisher p = room.publishers.remove(userId);
            if (p != null) {
                try {
                    room.gateway.kick(room.manager, room.janusRoom, room.secret, p.feed());
                } catch (JanusException e) {
                    LOG.debug("Kick of {} in room {}: {}", userId, roomId, e.getMessage());
                }
                hangUp(room, p.handle());
            }
            SfuRoom.Subscriber s = room.subscribers.remove(userId);
            if (s != null && s.handle != 0) {
                hangUp(room, s.handle);
            }
            room.moderated.remove(userId);
        }
    }

    /** The room ended: its Janus room is destroyed, every connection in it hung up. */
    public void end(String roomId) {
        if (registry instanceof LocalRegistry local) {
            local.homes.remove(roomId);
        }
        SfuRoom room = rooms.remove(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            try {
                room.gateway.destroy(room.manager, room.janusRoom, room.secret);
                LOG.info("SFU room of {} destroyed", roomId);
            } catch (JanusException e) {
                if (e.code() == VideoRoom.NO_SUCH_ROOM) {
                    LOG.debug("Janus room of {} already destroyed (another node did)", roomId);
                } else {
                    LOG.warn("Janus room of {} not destroyed: {}", roomId, e.getMessage());
                }
            }
            hangUpAll(room);
        }
    }

    /** Hangs up this node's connections in the room and forgets it here; the Janus room stays for other nodes. */
    private void release(String roomId) {
        SfuRoom room = rooms.remove(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            hangUpAll(room);
            LOG.info("No member of room {} on this node uses the SFU now; its Janus room stays", roomId);
        }
    }

    private void hangUpAll(SfuRoom room) {
        room.publishers.values().forEach(p -> hangUp(room, p.handle()));
        room.subscribers.values().stream().filter(s -> s.handle != 0).forEach(s -> hangUp(room, s.handle));
        hangUp(room, room.manager);
    }

    /** Removes members {@code inside} says are gone, and rooms left empty (a sweep; the live core calls it). */
    public void sweep(String roomId, Predicate<String> inside) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        Set<String> members = new HashSet<>();
        synchronized (room) {
            members.addAll(room.publishers.keySet());
            members.addAll(room.subscribers.keySet());
        }
        members.stream().filter(inside.negate()).forEach(u -> remove(roomId, u));
        if (!members.isEmpty() && members.stream().noneMatch(inside)) {
            if (registry.live(roomId)) {
                release(roomId); // members on other nodes still use the Janus room
            } else {
                end(roomId);
            }
        }
    }

    /**
     * Brings the subscriptions of the members this node holds up to date with the publishers Janus lists now
     * (whichever node holds them), pushing new offers. Called for every {@link Registry#publishersChanged}.
     */
    public void followPublishers(String roomId) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            return;
        }
        synchronized (room) {
            if (room.subscribers.isEmpty()) {
                return;
            }
            Map<Long, String> listed;
            try {
                listed = listed(room);
            } catch (JanusException e) {
                LOG.warn("Publishers of room {} not listed: {}", roomId, e.getMessage());
                return;
            }
            room.subscribers.forEach((userId, sub) -> {
                try {
                    SfuSubscription offer = sync(room, userId, sub, listed);
                    if (offer.sdp() != null) {
                        pusher.offer(userId, offer);
                    }
                } catch (JanusException e) {
                    LOG.warn("Subscription of {} in room {} not updated: {}", userId, roomId, e.getMessage());
                }
            });
        }
    }

    /** The room's publishers as Janus lists them now (room monitor held); remembered for stream names. */
    private Map<Long, String> listed(SfuRoom room) {
        Map<Long, String> listed = room.gateway.publishers(room.manager, room.janusRoom);
        room.listed(listed);
        return listed;
    }

    /**
     * Subscribes {@code sub} to the {@code listed} publishers it lacks (room monitor held); the offer, null SDP if
     * unchanged.
     */
    private SfuSubscription sync(SfuRoom room, String userId, SfuRoom.Subscriber sub, Map<Long, String> listed) {
        Set<Long> wanted = room.feedsFor(userId, listed);
        wanted.removeAll(sub.streams.values());
        if (wanted.isEmpty()) {
            return new SfuSubscription(room.roomId, null, streams(room, sub));
        }
        VideoRoom.Negotiation n;
        if (sub.handle == 0) {
            long handle = room.gateway.attach();
            handles.put(handle, new String[] {room.roomId, userId});
            try {
                n = room.gateway.subscribe(handle, room.janusRoom, wanted);
            } catch (JanusException e) {
                // A feed whose connection is not up yet is "no such feed" to Janus, and a handle whose first
                // subscription failed refuses every update: drop it, the next refresh (that feed's webrtcup)
                // subscribes afresh.
                hangUp(room, handle);
                throw e;
            }
            sub.handle = handle;
        } else {
            n = room.gateway.update(sub.handle, wanted, List.of());
        }
        apply(sub, n);
        return new SfuSubscription(room.roomId, n.sdp(), streams(room, sub));
    }

    private static void apply(SfuRoom.Subscriber sub, VideoRoom.Negotiation n) {
        if (!n.streams().isEmpty()) {
            sub.streams.clear();
            n.streams().stream().filter(VideoRoom.Stream::active).forEach(s -> sub.streams.put(s.mid(), s.feed()));
        }
    }

    private static List<SfuStream> streams(SfuRoom room, SfuRoom.Subscriber sub) {
        List<SfuStream> out = new ArrayList<>();
        sub.streams.forEach((mid, feed) -> {
            String user = room.userOfFeed(feed);
            if (user != null) {
                out.add(new SfuStream(mid, user));
            }
        });
        return out;
    }

    /** Janus's own events: a subscription Janus renegotiated itself (a publisher left) goes to its member. */
    private void janusEvent(JsonNode event) {
        String[] owner = handles.get(event.path("sender").asLong());
        if (owner == null) {
            return;
        }
        String kind = event.path("janus").asText();
        if ("detached".equals(kind)) {
            handles.remove(event.path("sender").asLong());
            return;
        }
        if ("webrtcup".equals(kind)) {
            LOG.debug("Janus connection of {} in room {} is up", owner[1], owner[0]);
            if (publishing(owner[0], owner[1], event.path("sender").asLong())) {
                // a new feed: every node's subscribers take it (this node's too, through the registry)
                try {
                    registry.publishersChanged(owner[0]);
                } catch (RuntimeException e) {
                    LOG.warn("Publishers of room {} not announced: {}", owner[0], e.toString());
                    followPublishers(owner[0]);
                }
            } else {
                followPublishers(owner[0]);
            }
            return;
        }
        JsonNode jsep = event.path("jsep");
        if (!"event".equals(kind) || !"offer".equals(jsep.path("type").asText())) {
            LOG.debug("Janus {} for {} in room {}", kind, owner[1], owner[0]);
            return;
        }
        SfuRoom room = rooms.get(owner[0]);
        if (room == null) {
            return;
        }
        synchronized (room) {
            SfuRoom.Subscriber sub = room.subscribers.get(owner[1]);
            if (sub == null || sub.handle != event.path("sender").asLong()) {
                return;
            }
            com.fasterxml.jackson.databind.node.ObjectNode data = event.path("plugindata").path("data").deepCopy();
            data.set("jsep", jsep);
            apply(sub, VideoRoom.negotiation(data));
            pusher.offer(owner[1], new SfuSubscription(room.roomId, jsep.path("sdp").asText(), streams(room, sub)));
        }
    }

    private boolean publishing(String roomId, String userId, long handle) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            return false;
        }
        synchronized (room) {
            SfuRoom.Publisher p = room.publishers.get(userId);
            return p != null && p.handle() == handle;
        }
    }

    /**
     * The room's SFU room on this node: its home from the registry (recorded by whichever node needed it first,
     * else proposed here on the least loaded gateway), created in Janus if it is not there yet.
     */
    private SfuRoom room(String roomId, int maxPublishers) {
        SfuRoom room = rooms.get(roomId);
        if (room != null && room.generation == room.gateway.connection().generation()) {
            return room;
        }
        synchronized (rooms) {
            room = rooms.get(roomId);
            if (room != null && room.generation == room.gateway.connection().generation()) {
                return room;
            }
            JanusException last = new JanusException(-1, "no Janus gateway");
            Home replacing = null;
            for (VideoRoom candidate : byLoad()) {
                if (replacing != null && replacing.gateway().equals(candidate.connection().url())) {
                    continue;
                }
                Home home = registry.claim(roomId, new Home(candidate.connection().url(), number(), secret()),
                        replacing);
                VideoRoom gateway = gateway(home.gateway());
                try {
                    long generation = gateway.connection().generation();
                    long manager = gateway.attach();
                    try {
                        gateway.create(manager, home.room(), home.secret(), Math.max(1, maxPublishers),
                                "voicerooms " + roomId);
                    } catch (JanusException e) {
                        gateway.connection().detach(manager);
                        throw e;
                    }
                    SfuRoom made = new SfuRoom(roomId, gateway, generation, home.room(), home.secret(), manager);
                    rooms.put(roomId, made);
                    LOG.info("SFU room for {} on {}", roomId, gateway.connection().url());
                    return made;
                } catch (JanusException e) {
                    LOG.warn("Janus at {} could not take room {}: {}", gateway.connection().url(), roomId,
                            e.getMessage());
                    if (!e.unavailable()) {
                        throw e;
                    }
                    last = e;
                    replacing = home; // its gateway does not answer: another one takes the room
                }
            }
            throw last;
        }
    }

    /** The configured gateway at {@code url}; every node of a cluster must list the same gateways. */
    private VideoRoom gateway(URI url) {
        for (VideoRoom g : gateways) {
            if (g.connection().url().equals(url)) {
                return g;
            }
        }
        throw new JanusException(-1, "the room's Janus at " + url + " is not among this server's janus-url");
    }

    /** One node: homes kept in this process, and a change of publishers concerns this node only. */
    private final class LocalRegistry implements Registry {
        private final Map<String, Home> homes = new ConcurrentHashMap<>();

        @Override
        public Home claim(String roomId, Home proposed, Home replacing) {
            return homes.compute(roomId, (id, now) -> now == null || now.equals(replacing) ? proposed : now);
        }

        @Override
        public void publishersChanged(String roomId) {
            followPublishers(roomId);
        }

        @Override
        public boolean live(String roomId) {
            return false;
        }
    }

    private SfuRoom existing(String roomId) {
        SfuRoom room = rooms.get(roomId);
        if (room == null) {
            throw new JanusException(VideoRoom.NO_SUCH_ROOM, "no SFU room for " + roomId);
        }
        return room;
    }

    /** Gateways, those carrying the fewest rooms first. */
    private List<VideoRoom> byLoad() {
        Map<VideoRoom, Integer> load = new java.util.HashMap<>();
        gateways.forEach(g -> load.put(g, 0));
        rooms.values().forEach(r -> load.merge(r.gateway, 1, Integer::sum));
        List<VideoRoom> out = new ArrayList<>(gateways);
        out.sort(java.util.Comparator.comparingInt(load::get));
        return out;
    }

    /** A gateway lost its session: the rooms on it are gone there, and are made again on next use. */
    private void forget(VideoRoom gateway) {
        rooms.values().removeIf(r -> {
            if (r.gateway == gateway) {
                LOG.warn("Janus at {} lost room {}; its audio must be set up again", gateway.connection().url(),
                        r.roomId);
                return true;
            }
            return false;
        });
    }

    private void hangUp(SfuRoom room, long handle) {
        handles.remove(handle);
        room.gateway.connection().detach(handle);
    }

    /** A random room or feed number below 2^53 (JSON numbers stay exact everywhere). */
    private long number() {
        return 1 + (random.nextLong() >>> 12);
    }

    private String secret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        rooms.keySet().forEach(this::end);
        gateways.forEach(g -> g.connection().close());
        background.shutdownNow();
    }
}
