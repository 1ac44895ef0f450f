package org.voicerooms.client.room;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;

/**
 * What happens to a room when its host leaves, worked out before they go so the app can say it or ask. The server
 * hands the room to the moderator present longest and ends it when there is none; so with a moderator inside the
 * host is told who takes over, with only other people inside the host picks one (made moderator, then the host
 * leaves), and alone the host is told that leaving ends the room.
 */
record Handover(Participant next, List<Participant> candidates) {

    /** Most people offered as the next host; the stage first, then who has been inside longest. */
    static final int MAX_CANDIDATES = 5;

    static Handover of(String hostId, List<Participant> people) {
        Participant next = people.stream().filter(p -> p.role() == Role.MODERATOR && !p.userId().equals(hostId))
                .min(Comparator.comparing(Participant::joinedAt, Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Participant::userId)).orElse(null);
        List<Participant> candidates = next != null ? List.of() : people.stream()
                .filter(p -> !p.userId().equals(hostId))
                .sorted(Comparator.comparing((Participant p) -> !p.role().onStage())
                        .thenComparing(Participant::joinedAt, Comparator.nullsLast(Comparator.<Instant>naturalOrder())))
                .limit(MAX_CANDIDATES).toList();
        return new Handover(next, candidates);
    }

    /** Nobody else is inside: leaving ends the room. */
    boolean alone() {
        return next == null && candidates.isEmpty();
    }
}
