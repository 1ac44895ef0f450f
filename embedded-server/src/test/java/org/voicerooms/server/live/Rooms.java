package org.voicerooms.server.live;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;

/** Room documents and snapshots for rule tests, written out by hand. */
final class Rooms {

    static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    static final String NODE = "node-a";

    private Rooms() {
    }

    /** A stable valid id (24 hex digits) for a readable name. */
    static String id(String name) {
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return String.format("%024x", new java.math.BigInteger(1, bytes));
    }

    /** A public room created by id("host") with {@code maxSpeakers} seats on stage and moderator id("mod"). */
    static Room room(int maxParticipants, int maxSpeakers) {
        return room(maxParticipants, maxSpeakers, id("host"));
    }

    static Room room(int maxParticipants, int maxSpeakers, String hostId) {
        return room(maxParticipants, maxSpeakers, hostId, RoomPermissions.DEFAULT);
    }

    static Room room(int maxParticipants, int maxSpeakers, String hostId, RoomPermissions permissions) {
        return room(maxParticipants, maxSpeakers, hostId, permissions, RoomPrivacy.DEFAULT);
    }

    static Room room(int maxParticipants, int maxSpeakers, String hostId, RoomPermissions permissions,
                     RoomPrivacy privacy) {
        return new Room("r1", "Title", "", hostId, RoomType.PUBLIC, RoomCategory.values()[0], maxParticipants,
                maxSpeakers, permissions, privacy, List.of(id("mod")), List.of(),
                RoomStatus.ACTIVE, T0, null, null, 0, 0, 0, List.of(), "en", false, null, T0, T0);
    }

    static RuleContext ctx(Room room, Instant now) {
        return new RuleContext(room, now, NODE, Duration.ofSeconds(30), 500);
    }

    static MemberState member(String id, Role role, int joinedSecond) {
        return MemberState.joined(id, id.toUpperCase(), role, T0.plusSeconds(joinedSecond), NODE, "v-" + id);
    }

    static RoomSnapshot snapshot(MemberState... members) {
        return new RoomSnapshot("r1", 3, false, List.of(members), List.of(), List.of(), List.of(), List.of());
    }
}
