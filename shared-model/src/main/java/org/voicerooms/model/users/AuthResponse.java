package org.voicerooms.model.users;

import java.time.Instant;

/**
 * Answer of register, login, guest and refresh.
 *
 * @param token            bearer token for REST and the Socket.IO handshake
 * @param expiresAt        when {@code token} stops working
 * @param refreshToken     long-lived token for {@code POST /api/auth/refresh}
 * @param refreshExpiresAt when {@code refreshToken} stops working
 */
public record AuthResponse(String token, Instant expiresAt, String refreshToken, Instant refreshExpiresAt,
                           UserView user) {
}
