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
    /** The defaults of a new private room: only the host and moderators invite, so who gets in stays theirs. */
    public static final RoomPrivacy PRIVATE_DEFAULT = new RoomPrivacy(false, false, false);

    /** The defaults of a new room of {@code type}. */
    public static RoomPrivacy defaultFor(RoomType type) {
        return type == RoomType.PRIVATE ? PRIVATE_DEFAULT : DEFAULT;
    }
}
