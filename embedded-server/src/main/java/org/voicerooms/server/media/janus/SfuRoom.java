package org.voicerooms.server.media.janus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One room's audio on one Janus gateway: the VideoRoom room (numbered, managed with a secret only the server
 * knows), its publishers (stage members sending), and its subscribers (everyone receiving the stage). Guarded by
 * its own monitor; {@link SfuRooms} holds it while it talks to Janus for this room.
 */
final class SfuRoom {

    final String roomId;
    final VideoRoom gateway;
    /** The gateway's session generation the room was made in: a newer one means Janus forgot the room. */
    final long generation;
    final long janusRoom;
    final String secret;
    final long manager;
    final Map<String, Publisher> publishers = new LinkedHashMap<>();
    final Map<String, Subscriber> subscribers = new HashMap<>();
    /** Every publisher's feed Janus last listed (any node's), to the member's user id. */
    final Map<Long, String> feeds = new HashMap<>();
    /** Speakers a moderator muted: the mute is applied again whenever they publish, until they unmute. */
    final Set<String> moderated = new HashSet<>();

    SfuRoom(String roomId, VideoRoom gateway, long generation, long janusRoom, String secret, long manager) {
        this.roomId = roomId;
        this.gateway = gateway;
        this.generation = generation;
        this.janusRoom = janusRoom;
        this.secret = secret;
        this.manager = manager;
    }

    /** A stage member's publishing connection: its handle, feed number and the mid of its audio section. */
    record Publisher(long handle, long feed, String mid) {
    }

    /** A member's subscribing connection; {@code handle} 0 until someone publishes. Feeds by mid. */
    static final class Subscriber {
        long handle;
        final Map<String, Long> streams = new LinkedHashMap<>();
    }

    String userOfFeed(long feed) {
        String listed = feeds.get(feed);
        if (listed != null) {
            return listed;
        }
        for (Map.Entry<String, Publisher> e : publishers.entrySet()) {
            if (e.getValue().feed() == feed) {
                return e.getKey();
            }
        }
        return null;
    }

    /** Every publisher's feed Janus listed ({@code listed}: feed to user id) but {@code userId}'s own. */
    Set<Long> feedsFor(String userId, Map<Long, String> listed) {
        Set<Long> out = new HashSet<>();
        listed.forEach((feed, user) -> {
            if (!user.equals(userId)) {
                out.add(feed);
            }
        });
        return out;
    }

    /** Takes in Janus's list of publishers (feed to user id). */
    void listed(Map<Long, String> listed) {
        feeds.clear();
        feeds.putAll(listed);
    }

    /** The mid of the first audio section of an SDP offer ("0" when it names none). */
    static String audioMid(String sdp) {
        boolean audio = false;
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("m=")) {
                audio = line.startsWith("m=audio");
            } else if (audio && line.startsWith("a=mid:")) {
                return line.substring("a=mid:".length()).strip();
            }
        }
        return "0";
    }
}
