package org.voicerooms.server.rooms;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;

/**
 * The "For you" ranking. A room's score adds four parts, each between 0 and its weight:
 * <ul>
 *   <li><b>friends</b> (weight 3): friends hosting or inside, 1 for each up to 3 — people follow people;</li>
 *   <li><b>affinity</b> (weight 2): the share of the viewer's own room history in the room's category;</li>
 *   <li><b>size</b> (weight 1.5): live participants on a log scale, full at 100 — a lively room is a good bet;</li>
 *   <li><b>recency</b> (weight 1): halves every 6 hours since the room started — fresh rooms first.</li>
 * </ul>
 * Ties go to the newer room. Pure and stateless, so it is tested without a server.
 */
final class Discovery {

    static final double FRIENDS_WEIGHT = 1.0;
    static final int FRIENDS_CAP = 3;
    static final double AFFINITY_WEIGHT = 2.0;
    static final double SIZE_WEIGHT = 1.5;
    static final double SIZE_FULL_AT = 100;
    static final double RECENCY_WEIGHT = 1.0;
    static final Duration RECENCY_HALF_LIFE = Duration.ofHours(6);

    private Discovery() {
    }

    /**
     * The score of {@code listing} for a viewer.
     *
     * @param affinity the viewer's history: rooms per category (may be empty)
     * @param now      the server clock
     */
    static double score(RoomListing listing, Map<RoomCategory, Integer> affinity, Instant now) {
        double friends = FRIENDS_WEIGHT * Math.min(listing.friendsInside(), FRIENDS_CAP);
        int history = affinity.values().stream().mapToInt(Integer::intValue).sum();
        double share = history == 0 ? 0 : affinity.getOrDefault(listing.room().category(), 0) / (double) history;
        double size = SIZE_WEIGHT * Math.min(1.0, Math.log1p(listing.participants()) / Math.log1p(SIZE_FULL_AT));
        Instant started = listing.room().startedAt() != null ? listing.room().startedAt() : listing.room().createdAt();
        double hours = Math.max(0, Duration.between(started, now).toMillis() / 3_600_000.0);
        double recency = RECENCY_WEIGHT * Math.pow(0.5, hours / (RECENCY_HALF_LIFE.toMillis() / 3_600_000.0));
        return friends + AFFINITY_WEIGHT * share + size + recency;
    }
}
