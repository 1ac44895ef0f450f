package org.voicerooms.model.rooms;

import java.time.Instant;
import java.util.List;

/**
 * The user-chosen settings of a room: the body of {@code POST /api/rooms} and, with every field optional, of
 * {@code PATCH /api/rooms/:id} (a null field keeps its current value). Checked by {@link RoomRules#normalize}.
 *
 * @param title           1..100 characters, required on create
 * @param type            default public
 * @param category        default casual
 * @param maxParticipants 2..server cap, default 50
 * @param maxSpeakers     1..min(maxParticipants, server cap), default 10
 * @param tags            up to 10 of up to 30 characters
 * @param language        ISO 639-1, optional
 * @param scheduledFor    a future instant makes the room scheduled instead of live
 */
public record RoomSettings(
        String title,
        String description,
        RoomType type,
        RoomCategory category,
        Integer maxParticipants,
        Integer maxSpeakers,
        RoomPermissions permissions,
        RoomPrivacy privacy,
        List<String> tags,
        String language,
        Instant scheduledFor) {

    /** Settings with just a title; everything else default. */
    public static RoomSettings titled(String title) {
        return new RoomSettings(title, null, null, null, null, null, null, null, null, null, null);
    }

    /** These settings with every null field but scheduledFor taken from {@code room}. */
    public RoomSettings over(Room room) {
        return new RoomSettings(
                title != null ? title : room.title(),
                description != null ? description : room.description(),
                type != null ? type : room.type(),
                category != null ? category : room.category(),
                maxParticipants != null ? maxParticipants : room.maxParticipants(),
                maxSpeakers != null ? maxSpeakers : room.maxSpeakers(),
                permissions != null ? permissions : room.permissions(),
                privacy != null ? privacy : room.privacy(),
                tags != null ? tags : room.tags(),
                language != null ? language : room.language(),
                scheduledFor);
    }
}
