package org.voicerooms.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;

class DiscoveryTest {

    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private static RoomListing listing(RoomCategory category, Duration age, int participants, int friends) {
        Instant started = NOW.minus(age);
        Room room = new Room("0123456789abcdef01234567", "t", "", "aaaaaaaaaaaaaaaaaaaaaaaa", RoomType.PUBLIC,
                category, 50, 10, RoomPermissions.DEFAULT, RoomPrivacy.DEFAULT, null, null, RoomStatus.ACTIVE,
                started, null, null, 0, 0, 0, null, null, false, null, started, started);
        return new RoomListing(room, "host", participants, 0, friends);
    }

    private static double score(RoomListing l, Map<RoomCategory, Integer> affinity) {
        return Discovery.score(l, affinity, NOW);
    }

    @Test
    void twoFriendsInsideOutweighABusyBrandNewRoom() {
        RoomListing friendsRoom = listing(RoomCategory.TECH, Duration.ofHours(12), 2, 2);
        RoomListing busyNewRoom = listing(RoomCategory.TECH, Duration.ZERO, 30, 0);
        assertThat(score(friendsRoom, Map.of())).isGreaterThan(score(busyNewRoom, Map.of()));
        assertThat(score(listing(RoomCategory.TECH, Duration.ZERO, 0, 1), Map.of()))
                .isGreaterThan(score(listing(RoomCategory.TECH, Duration.ZERO, 0, 0), Map.of()));
    }

    @Test
    void friendsCountUpToThree() {
        assertThat(score(listing(RoomCategory.TECH, Duration.ZERO, 0, 9), Map.of()))
                .isEqualTo(score(listing(RoomCategory.TECH, Duration.ZERO, 0, 3), Map.of()));
    }

    @Test
    void historyInACategoryLiftsItsRooms() {
        Map<RoomCategory, Integer> musicFan = Map.of(RoomCategory.MUSIC, 3, RoomCategory.TECH, 1);
        assertThat(score(listing(RoomCategory.MUSIC, Duration.ofHours(1), 5, 0), musicFan))
                .isGreaterThan(score(listing(RoomCategory.TECH, Duration.ofHours(1), 5, 0), musicFan))
                .isGreaterThan(score(listing(RoomCategory.GAMING, Duration.ofHours(1), 5, 0), musicFan));
    }

    @Test
    void biggerAndNewerRoomsRankHigherAllElseEqual() {
        assertThat(score(listing(RoomCategory.TECH, Duration.ofHours(1), 40, 0), Map.of()))
                .isGreaterThan(score(listing(RoomCategory.TECH, Duration.ofHours(1), 4, 0), Map.of()));
        assertThat(score(listing(RoomCategory.TECH, Duration.ofMinutes(5), 4, 0), Map.of()))
                .isGreaterThan(score(listing(RoomCategory.TECH, Duration.ofHours(7), 4, 0), Map.of()));
    }

    @Test
    void recencyHalvesEverySixHours() {
        double fresh = score(listing(RoomCategory.TECH, Duration.ZERO, 0, 0), Map.of());
        double sixHours = score(listing(RoomCategory.TECH, Duration.ofHours(6), 0, 0), Map.of());
        assertThat(fresh).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(sixHours).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
    }
    /**
     * Whole scores written out from the documented weights: friends 1 each up to 3, affinity 2 × share, size 1.5 ×
     * log(1+n)/log(101) capped at 1, recency 1 halving every 6 hours since the start (the creation when not started).
     */
    @Test
    void scoresAreTheDocumentedSums() {
        Map<RoomCategory, Integer> history = Map.of(RoomCategory.MUSIC, 3, RoomCategory.TECH, 1);
        // 2 friends + 2 × 3/4 + 1.5 (100 people: full) + 0.25 (12 h)
        assertThat(score(listing(RoomCategory.MUSIC, Duration.ofHours(12), 100, 2), history))
                .isCloseTo(5.25, org.assertj.core.data.Offset.offset(1e-9));
        // 0 friends + 2 × 1/4 + 1.5 × log(10)/log(101) + 0.5 (6 h)
        assertThat(score(listing(RoomCategory.TECH, Duration.ofHours(6), 9, 0), history))
                .isCloseTo(0.5 + 1.5 * Math.log(10) / Math.log(101) + 0.5, org.assertj.core.data.Offset.offset(1e-9));
        // 1000 people count as 100; a room in the future (clock skew) counts as just started
        assertThat(score(listing(RoomCategory.GAMING, Duration.ofHours(-3), 1000, 0), history))
                .isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aRoomNotStartedYetAgesFromItsCreationAndAStartedOneFromItsStart() {
        Instant created = NOW.minus(Duration.ofHours(6));
        Room scheduled = new Room("0123456789abcdef01234567", "t", "", "aaaaaaaaaaaaaaaaaaaaaaaa", RoomType.PUBLIC,
                RoomCategory.TECH, 50, 10, RoomPermissions.DEFAULT, RoomPrivacy.DEFAULT, null, null,
                RoomStatus.SCHEDULED, null, null, NOW.plusSeconds(60), 0, 0, 0, null, null, false, null, created,
                created);
        assertThat(score(new RoomListing(scheduled, "host", 0, 0, 0), Map.of()))
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        Room startedLate = new Room("0123456789abcdef01234567", "t", "", "aaaaaaaaaaaaaaaaaaaaaaaa", RoomType.PUBLIC,
                RoomCategory.TECH, 50, 10, RoomPermissions.DEFAULT, RoomPrivacy.DEFAULT, null, null,
                RoomStatus.ACTIVE, NOW.minus(Duration.ofHours(12)), null, null, 0, 0, 0, null, null, false, null,
                created, created);
        assertThat(score(new RoomListing(startedLate, "host", 0, 0, 0), Map.of()))
                .isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9));
    }
}
