package org.voicerooms.model.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.Samples;

/** The room record's own behaviour: staff checks, the audience's view, and settings patched over a room. */
class RoomTest {

    private final Room room = Samples.room();

    @Test
    void theCreatorHostsAndModeratorsAreStaff() {
        assertThat(room.isHost(Samples.HOST_ID)).isTrue();
        assertThat(room.isHost(Samples.SPEAKER_ID)).isFalse();
        assertThat(room.isStaff(Samples.HOST_ID)).isTrue();
        assertThat(room.isStaff(Samples.SPEAKER_ID)).as("a moderator").isTrue();
        assertThat(room.isStaff(Samples.LISTENER_ID)).isFalse();
    }

    @Test
    void theAudienceDoesNotSeeTheBanList() {
        Room seen = room.withoutBanList();

        assertThat(seen.bannedUsers()).isEmpty();
        assertThat(seen).usingRecursiveComparison().ignoringFields("bannedUsers").isEqualTo(room);
    }

    @Test
    void listsAreNeverNullAndCannotBeChangedFromOutside() {
        List<String> moderators = new ArrayList<>(List.of(Samples.SPEAKER_ID));
        Room sparse = new Room(Samples.ROOM_ID, "t", "", Samples.HOST_ID, RoomType.PUBLIC, RoomCategory.CASUAL, 50, 10,
                RoomPermissions.DEFAULT, RoomPrivacy.DEFAULT, moderators, null, RoomStatus.ACTIVE, Samples.T0, null,
                null, 0, 0, 0, null, null, false, null, Samples.T0, Samples.T0);

        moderators.add(Samples.LISTENER_ID);

        assertThat(sparse.moderators()).containsExactly(Samples.SPEAKER_ID);
        assertThat(sparse.bannedUsers()).isEmpty();
        assertThat(sparse.tags()).isEmpty();
        assertThatThrownBy(() -> sparse.tags().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPatchKeepsTheRoomsValuesWhereItSaysNothing() {
        RoomSettings merged = RoomSettings.titled("Late jazz").over(room);

        assertThat(merged).isEqualTo(new RoomSettings("Late jazz", room.description(), room.type(), room.category(),
                room.maxParticipants(), room.maxSpeakers(), room.permissions(), room.privacy(), room.tags(),
                room.language(), null));
    }

    @Test
    void aPatchWinsWhereItSaysSomething() {
        Instant later = Samples.T0.plusSeconds(86_400);
        RoomSettings patch = new RoomSettings("Late jazz", "New", RoomType.PUBLIC, RoomCategory.TECH, 30, 3,
                RoomPermissions.DEFAULT, RoomPrivacy.DEFAULT, List.of("bebop"), "it", later);

        assertThat(patch.over(room)).isEqualTo(patch);
    }

    @Test
    void theRoomsOwnScheduleIsNotCarriedIntoAPatch() {
        assertThat(room.scheduledFor()).isNotNull();

        assertThat(RoomSettings.titled("t").over(room).scheduledFor()).isNull();
    }

    @Test
    void newRoomsHaveTheDocumentedDefaults() {
        assertThat(RoomPermissions.DEFAULT).isEqualTo(new RoomPermissions(false, false, true));
        assertThat(RoomPrivacy.DEFAULT).isEqualTo(new RoomPrivacy(false, false, true));
    }
}
