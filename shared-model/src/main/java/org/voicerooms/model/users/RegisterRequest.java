package org.voicerooms.model.users;

/** Body of {@code POST /api/auth/register}. displayName defaults to the username. */
public record RegisterRequest(String username, String password, String displayName) {
}
