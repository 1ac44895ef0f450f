package org.voicerooms.server.media.janus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Janus 1.x VideoRoom requests, audio only, made on one {@link JanusConnection}. Rooms and feeds are numbered (the
 * plugin's default); the numbers stay on the server. Every method waits at most the connection's timeout.
 */
final class VideoRoom {

    static final String PLUGIN = "janus.plugin.videoroom";
    /** VideoRoom's error for a room that does not exist (any more). */
    static final int NO_SUCH_ROOM = 426;
    /** VideoRoom's error for a room number already taken (another node of a cluster created it first). */
    static final int ROOM_EXISTS = 427;

    /** One media section of a subscription: its mid and the feed (publisher) it carries. */
    record Stream(String mid, long feed, boolean active) {
    }

    /** An SDP from Janus with the streams it describes (subscriptions) or null ones (publishers). */
    record Negotiation(String sdp, List<Stream> streams) {
    }

    private final JanusConnection janus;
    private final ObjectMapper mapper;

    VideoRoom(JanusConnection janus, ObjectMapper mapper) {
        this.janus = janus;
        this.mapper = mapper;
    }

    JanusConnection connection() {
        return janus;
    }

    long attach() {
        return janus.attach(PLUGIN);
    }

    /**
     * A private audio-only room for up to {@code publishers} speakers, managed with {@code secret}. A room that
     * exists already (another node of a cluster made it with the same number and secret) is not an error.
     */
    void create(long manager, long room, String secret, int publishers, String description) {
        ObjectNode body = request("create").put("room", room).put("secret", secret).put("is_private", true)
                .put("permanent", false).put("publishers", publishers).put("audiocodec", "opus")
                .put("description", description).put("notify_joining", false);
        try {
            janus.message(manager, body, null);
        } catch (JanusException e) {
            if (e.code() != ROOM_EXISTS) {
                throw e;
            }
        }
    }

    /**
     * The room's publishers whose media is up, whichever node of a cluster holds them: feed number to display
     * name (the member's user id), from VideoRoom's {@code listparticipants}.
     */
    Map<Long, String> publishers(long handle, long room) {
        JsonNode reply = janus.message(handle, request("listparticipants").put("room", room), null);
        Map<Long, String> out = new LinkedHashMap<>();
        for (JsonNode p : reply.path("participants")) {
            if (p.path("publisher").asBoolean(false) && p.has("id")) {
                out.put(p.path("id").asLong(), p.path("display").asText(""));
            }
        }
        return out;
    }

    void destroy(long manager, long room, String secret) {
        janus.message(manager, request("destroy").put("room", room).put("secret", secret), null);
    }

    /** Joins {@code handle} as publisher {@code feed} and publishes {@code offer}; returns Janus's answer. */
    String publish(long handle, long room, long feed, String display, String offer) {
        ObjectNode body = request("joinandconfigure").put("ptype", "publisher").put("room", room).put("id", feed)
                .put("display", display).put("audio", true).put("video", false);
        JsonNode reply = janus.message(handle, body, jsep("offer", offer));
        String answer = reply.path("jsep").path("sdp").asText(null);
        if (answer == null) {
            throw new JanusException(-1, "Janus accepted the publisher without an answer");
        }
        return answer;
    }

    /** A new subscription of {@code handle} to {@code feeds}; returns Janus's offer. */
    Negotiation subscribe(long handle, long room, Collection<Long> feeds) {
        ObjectNode body = request("join").put("ptype", "subscriber").put("room", room);
        ArrayNode streams = body.putArray("streams");
        feeds.forEach(f -> streams.addObject().put("feed", f));
        return negotiation(janus.message(handle, body, null));
    }

    /** Adds and removes feeds on a running subscription; returns the new offer (null SDP when none is needed). */
    Negotiation update(long handle, Collection<Long> add, Collection<Long> remove) {
        ObjectNode body = request("update");
        if (!add.isEmpty()) {
            ArrayNode subscribe = body.putArray("subscribe");
            add.forEach(f -> subscribe.addObject().put("feed", f));
        }
        if (!remove.isEmpty()) {
            ArrayNode unsubscribe = body.putArray("unsubscribe");
            remove.forEach(f -> unsubscribe.addObject().put("feed", f));
        }
        return negotiation(janus.message(handle, body, null));
    }

    /** Gives Janus the subscriber's answer: the audio starts flowing. */
    void start(long handle, String answer) {
        janus.message(handle, request("start"), jsep("answer", answer));
    }

    /** Stops or lets through the audio of publisher {@code feed}'s section {@code mid} at every subscriber. */
    void moderate(long manager, long room, String secret, long feed, String mid, boolean mute) {
        janus.message(manager, request("moderate").put("room", room).put("secret", secret).put("id", feed)
                .put("mid", mid).put("mute", mute), null);
    }

    /** Removes publisher {@code feed} from the room (its connection is hung up). */
    void kick(long manager, long room, String secret, long feed) {
        janus.message(manager, request("kick").put("room", room).put("secret", secret).put("id", feed), null);
    }

    static Negotiation negotiation(JsonNode reply) {
        List<Stream> streams = new ArrayList<>();
        for (JsonNode s : reply.path("streams")) {
            if (s.has("feed_id")) {
                streams.add(new Stream(s.path("mid").asText(), s.path("feed_id").asLong(),
                        s.path("active").asBoolean(true)));
            }
        }
        return new Negotiation(reply.path("jsep").path("sdp").asText(null), streams);
    }

    private ObjectNode request(String name) {
        return mapper.createObjectNode().put("request", name);
    }

    private ObjectNode jsep(String type, String sdp) {
        return mapper.createObjectNode().put("type", type).put("sdp", sdp);
    }
}
