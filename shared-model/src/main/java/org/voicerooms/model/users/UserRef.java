package org.voicerooms.model.users;

/** A body naming one user: the target of promote, demote, mute, kick, ban, unban, moderators, approve, deny, invite. */
public record UserRef(String userId) {
}
