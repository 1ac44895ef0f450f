package org.voicerooms.model.users;

/** Body of {@code POST /api/auth/refresh}: trades a refresh token for a new token pair. */
public record RefreshRequest(String refreshToken) {
}
