package org.voicerooms.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes guest accounts nobody has signed in with or refreshed for {@code expiry}, after ending the rooms they
 * created. A guest costs one request to make; without expiry the users collection (and the rooms such accounts
 * leave behind) only ever grows. Guests cannot sign in again once their refresh token lapses, so an idle guest
 * past the refresh lifetime is gone for its owner anyway.
 */
public final class GuestExpiry implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(GuestExpiry.class);
    private static final int BATCH = 500;

    private final UserStore users;
    private final Clock clock;
    private final Duration expiry;
    private final Consumer<String> endRoomsOf;

    /** @param endRoomsOf ends the rooms a user created; runs before the user is deleted */
    public GuestExpiry(UserStore users, Clock clock, Duration expiry, Consumer<String> endRoomsOf) {
        this.users = users;
        this.clock = clock;
        this.expiry = expiry;
        this.endRoomsOf = endRoomsOf;
    }

    /** Expires one batch of idle guests. */
    @Override
    public void run() {
        List<String> idle = users.idleGuests(clock.instant().minus(expiry), BATCH);
        for (String userId : idle) {
            endRoomsOf.accept(userId);
            users.delete(userId);
        }
        if (!idle.isEmpty()) {
            LOG.info("Expired {} guest accounts idle for {}", idle.size(), expiry);
        }
    }
}
