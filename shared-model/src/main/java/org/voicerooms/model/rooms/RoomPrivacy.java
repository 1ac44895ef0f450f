package org.voicerooms.model.rooms;

/**
 * Who sees what, and how people get in.
 *
 * @param requireApproval  joining needs a host or moderator to approve a knock
 * @param hideParticipants only the stage sees the audience list
 * @param allowInvites     listeners and speakers may invite, not only the host and moderators
 */
public record RoomPrivacy(boolean requireApproval, boolean hideParticipants, boolean allowInvites) {

    /** The defaults of a new room: open door, visible audience, invites by anyone. */
    public static final RoomPrivacy DEFAULT = new RoomPrivacy(false, false, true);
}
