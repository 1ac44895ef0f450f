package org.voicerooms.model.rooms;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A room as stored and as sent: every field of the room document.
 *
 * @param id               24-hex-digit id
 * @param createdBy        the creator's user id: the owner, whoever stands in as host of the live room
 * @param moderators       user ids of co-hosts
 * @param bannedUsers      user ids that may never join again; sent only to the host and moderators
 * @param startedAt        null while scheduled
 * @param endedAt          null until ended
 * @param scheduledFor     null for rooms started at creation
 * @param totalSpeakTime   summed speaking time of all participants, in milliseconds
 * @param language         ISO 639-1 code, or null
 * @param recordingUrl     null unless recorded
 */
public record Room(
        String id,
        String title,
        String description,
        String createdBy,
        RoomType type,
        RoomCategory category,
        int maxParticipants,
        int maxSpeakers,
        RoomPermissions permissions,
        RoomPrivacy privacy,
        List<String> moderators,
        List<String> bannedUsers,
        RoomStatus status,
        Instant startedAt,
        Instant endedAt,
        Instant scheduledFor,
        int peakParticipants,
        long totalJoins,
        long totalSpeakTime,
        List<String> tags,
        String language,
        @JsonProperty("isRecorded") boolean isRecorded,
        String recordingUrl,
        Instant createdAt,
        Instant updatedAt) {

    public Room {
        moderators = moderators == null ? List.of() : List.copyOf(moderators);
        bannedUsers = bannedUsers == null ? List.of() : List.copyOf(bannedUsers);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Whether {@code userId} created, and so owns, this room (PATCH, DELETE, ending). */
    public boolean isHost(String userId) {
        return createdBy.equals(userId);
    }

    /** Whether {@code userId} is the host or a moderator. */
    public boolean isStaff(String userId) {
        return isHost(userId) || moderators.contains(userId);
    }

    /** The same room without the ban list, for viewers who are not staff. */
    public Room withoutBanList() {
        return new Room(id, title, description, createdBy, type, category, maxParticipants, maxSpeakers, permissions,
                privacy, moderators, List.of(), status, startedAt, endedAt, scheduledFor, peakParticipants, totalJoins,
                totalSpeakTime, tags, language, isRecorded, recordingUrl, createdAt, updatedAt);
    }
}
