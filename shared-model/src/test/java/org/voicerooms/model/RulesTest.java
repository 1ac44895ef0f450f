package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomRules;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.users.UserRules;

/** The validation limits of rooms and users, at their edges. */
class RulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static RoomSettings settings(String title, String description, Integer maxParticipants,
                                         Integer maxSpeakers, List<String> tags, String language, Instant at) {
        return new RoomSettings(title, description, null, null, maxParticipants, maxSpeakers, null, null, tags,
                language, at);
    }

    private static RoomSettings normalize(RoomSettings s) {
        return RoomRules.normalize(s, 100, 20, NOW, true);
    }

    @Test
    void defaultsAreFilledAndTextTidied() {
        RoomSettings out = normalize(settings("  Hi  ", null, null, null, List.of("Java", "java", " Jazz "), "EN",
                null));
        assertThat(out.title()).isEqualTo("Hi");
        assertThat(out.description()).isEmpty();
        assertThat(out.type()).isEqualTo(RoomType.PUBLIC);
        assertThat(out.category()).isEqualTo(RoomCategory.CASUAL);
        assertThat(out.maxParticipants()).isEqualTo(RoomRules.DEFAULT_MAX_PARTICIPANTS);
        assertThat(out.maxSpeakers()).isEqualTo(RoomRules.DEFAULT_MAX_SPEAKERS);
        assertThat(out.permissions()).isEqualTo(RoomPermissions.DEFAULT);
        assertThat(out.privacy()).isEqualTo(RoomPrivacy.DEFAULT);
        assertThat(out.tags()).containsExactly("java", "jazz");
        assertThat(out.language()).isEqualTo("en");
    }

    @Test
    void edgesThatAreAllowed() {
        RoomSettings out = normalize(settings("x".repeat(RoomRules.TITLE_MAX), "d".repeat(RoomRules.DESCRIPTION_MAX),
                2, 2, Collections.nCopies(1, "t".repeat(RoomRules.TAG_MAX_LENGTH)), "de", NOW.plusSeconds(1)));
        assertThat(out.maxSpeakers()).isEqualTo(2);
        assertThat(out.scheduledFor()).isEqualTo(NOW.plusSeconds(1));
        assertThat(normalize(settings("t", null, 100, 20, null, null, null)).maxParticipants()).isEqualTo(100);
    }

    static Stream<Arguments> invalid() {
        List<String> elevenTags = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k");
        return Stream.of(
                Arguments.of("no title", settings(null, null, null, null, null, null, null), "title"),
                Arguments.of("blank title", settings("   ", null, null, null, null, null, null), "title"),
                Arguments.of("long title", settings("x".repeat(101), null, null, null, null, null, null), "title"),
                Arguments.of("long description", settings("t", "d".repeat(1001), null, null, null, null, null),
                        "description"),
                Arguments.of("one participant", settings("t", null, 1, 1, null, null, null), "maxParticipants"),
                Arguments.of("over the cap", settings("t", null, 101, null, null, null, null), "maxParticipants"),
                Arguments.of("no speakers", settings("t", null, null, 0, null, null, null), "maxSpeakers"),
                Arguments.of("speakers over participants", settings("t", null, 5, 6, null, null, null),
                        "maxSpeakers"),
                Arguments.of("speakers over the cap", settings("t", null, 50, 21, null, null, null), "maxSpeakers"),
                Arguments.of("eleven tags", settings("t", null, null, null, elevenTags, null, null), "tags"),
                Arguments.of("long tag", settings("t", null, null, null, List.of("x".repeat(31)), null, null),
                        "tags"),
                Arguments.of("odd tag", settings("t", null, null, null, List.of("<script>"), null, null), "tags"),
                Arguments.of("language name", settings("t", null, null, null, null, "english", null), "language"),
                Arguments.of("made-up code", settings("t", null, null, null, null, "xx", null), "language"),
                Arguments.of("past schedule", settings("t", null, null, null, null, null, NOW), "scheduledFor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidSettingsNameTheField(String what, RoomSettings settings, String field) {
        assertThatThrownBy(() -> normalize(settings)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.error().code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.error().field()).isEqualTo(field);
        });
    }

    @Test
    void scheduleCannotBeSetOnceStarted() {
        assertThatThrownBy(() -> RoomRules.normalize(settings("t", null, null, null, null, null, NOW.plusSeconds(60)),
                100, 20, NOW, false)).isInstanceOf(ApiException.class).hasMessageContaining("before the room starts");
    }

    @Test
    void usernamesPasswordsAndDisplayNames() {
        assertThat(UserRules.username("Ada_Lovelace")).isEqualTo("ada_lovelace");
        assertThatThrownBy(() -> UserRules.username("ab")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.username("x".repeat(33))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.username("-dash")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.username("guest-1")).isInstanceOf(ApiException.class);
        assertThat(UserRules.password("12345678")).isEqualTo("12345678");
        assertThatThrownBy(() -> UserRules.password("1234567")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.password("é".repeat(37))).isInstanceOf(ApiException.class); // 74 bytes
        assertThat(UserRules.displayName("  Ada ")).isEqualTo("Ada");
        assertThatThrownBy(() -> UserRules.displayName("a\u0007b")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> UserRules.displayName("x".repeat(51))).isInstanceOf(ApiException.class);
    }
}
