package org.voicerooms.model.users;

/** Body of {@code POST /api/auth/guest}: a display name is all a guest gives. */
public record GuestRequest(String displayName) {
}
