package org.voicerooms.model.users;

import java.time.Instant;

/**
 * A user as others see them.
 *
 * @param id          24-hex-digit id
 * @param username    unique, lower case; guests get a generated {@code guest-…} name
 * @param displayName what the UI shows
 * @param guest       signed in without an account
 */
public record UserView(String id, String username, String displayName, boolean guest, Instant createdAt) {
}
