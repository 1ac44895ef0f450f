package org.voicerooms.model.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.voicerooms.model.rooms.RoomRules.DESCRIPTION_MAX;
import static org.voicerooms.model.rooms.RoomRules.MIN_PARTICIPANTS;
import static org.voicerooms.model.rooms.RoomRules.TAGS_MAX;
import static org.voicerooms.model.rooms.RoomRules.TAG_MAX_LENGTH;
import static org.voicerooms.model.rooms.RoomRules.TITLE_MAX;
import static org.voicerooms.model.rooms.RoomRules.TITLE_MIN;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/** The room settings rules at their edges, with a server whose caps are 100 participants and 20 speakers. */
class RoomRulesTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final int PARTICIPANT_CAP = 100;
    private static final int SPEAKER_CAP = 20;

    @Test
    void limitsAreTheDocumentedOnes() {
        assertThat(List.of(TITLE_MIN, TITLE_MAX, DESCRIPTION_MAX, TAGS_MAX, TAG_MAX_LENGTH, MIN_PARTICIPANTS))
                .containsExactly(1, 100, 1000, 10, 30, 2);
        assertThat(List.of(RoomRules.DEFAULT_MAX_PARTICIPANTS, RoomRules.DEFAULT_MAX_SPEAKERS,
                RoomRules.DEFAULT_PARTICIPANT_CAP, RoomRules.DEFAULT_SPEAKER_CAP)).containsExactly(50, 10, 5000, 50);
    }

    static Stream<Arguments> allowed() {
        return Stream.of(
                arguments("shortest title", text("x".repeat(TITLE_MIN), null)),
                arguments("longest title", text("x".repeat(TITLE_MAX), null)),
                arguments("longest title in emoji", text("🎷".repeat(TITLE_MAX), null)),
                arguments("longest title with blanks around", text("  " + "x".repeat(TITLE_MAX) + "  ", null)),
                arguments("longest description", text("t", "d".repeat(DESCRIPTION_MAX))),
                arguments("description on lines", text("t", "Agenda:\n\t1. jazz\n\t2. blues")),
                arguments("fewest participants", sized(MIN_PARTICIPANTS, 1)),
                arguments("participants at the cap", sized(PARTICIPANT_CAP, SPEAKER_CAP)),
                arguments("speakers as many as participants", sized(5, 5)),
                arguments("most tags", tagged(numbered(TAGS_MAX))),
                arguments("longest tag", tagged(List.of("t".repeat(TAG_MAX_LENGTH)))),
                arguments("tags with punctuation", tagged(List.of("c++", "c#", "node.js", "lo-fi", "drum_and_bass",
                        "rock n roll", "日本語"))),
                arguments("language", spoken("pt")),
                arguments("language in capitals", spoken("DE")),
                arguments("schedule a moment ahead", scheduled(NOW.plusNanos(1))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowed")
    void accepts(String what, RoomSettings settings) {
        assertThatCode(() -> normalize(settings)).doesNotThrowAnyException();
    }

    static Stream<Arguments> refused() {
        List<String> tooMany = numbered(TAGS_MAX + 1);
        return Stream.of(
                arguments("no title", text(null, null), "title"),
                arguments("empty title", text("", null), "title"),
                arguments("blank title", text(" \t ", null), "title"),
                arguments("title too long", text("x".repeat(TITLE_MAX + 1), null), "title"),
                arguments("title with a newline", text("two\nlines", null), "title"),
                arguments("title with a control character", text("a\u0000b", null), "title"),
                arguments("description too long", text("t", "d".repeat(DESCRIPTION_MAX + 1)), "description"),
                arguments("description with a bell", text("t", "ding\u0007"), "description"),
                arguments("one participant", sized(MIN_PARTICIPANTS - 1, 1), "maxParticipants"),
                arguments("negative participants", sized(-5, 1), "maxParticipants"),
                arguments("participants over the cap", sized(PARTICIPANT_CAP + 1, null), "maxParticipants"),
                arguments("no speakers", sized(null, 0), "maxSpeakers"),
                arguments("more speakers than participants", sized(5, 6), "maxSpeakers"),
                arguments("speakers over the cap", sized(PARTICIPANT_CAP, SPEAKER_CAP + 1), "maxSpeakers"),
                arguments("too many tags", tagged(tooMany), "tags"),
                arguments("tag too long", tagged(List.of("t".repeat(TAG_MAX_LENGTH + 1))), "tags"),
                arguments("empty tag", tagged(List.of("jazz", "")), "tags"),
                arguments("blank tag", tagged(List.of("  ")), "tags"),
                arguments("null tag", tagged(Arrays.asList("jazz", null)), "tags"),
                arguments("markup tag", tagged(List.of("<b>")), "tags"),
                arguments("tag starting with punctuation", tagged(List.of("#jazz")), "tags"),
                arguments("language name", spoken("english"), "language"),
                arguments("three-letter code", spoken("eng"), "language"),
                arguments("made-up code", spoken("xx"), "language"),
                arguments("empty language", spoken(""), "language"),
                arguments("schedule now", scheduled(NOW), "scheduledFor"),
                arguments("schedule in the past", scheduled(NOW.minusSeconds(60)), "scheduledFor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesNamingTheField(String what, RoomSettings settings, String field) {
        assertThatThrownBy(() -> normalize(settings)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.error().field()).isEqualTo(field);
        });
    }

    @Test
    void fillsDefaults() {
        RoomSettings out = normalize(RoomSettings.titled("Jazz"));

        assertThat(out).isEqualTo(new RoomSettings("Jazz", "", RoomType.PUBLIC, RoomCategory.CASUAL,
                RoomRules.DEFAULT_MAX_PARTICIPANTS, RoomRules.DEFAULT_MAX_SPEAKERS, RoomPermissions.DEFAULT,
                RoomPrivacy.DEFAULT, List.of(), null, null));
    }

    @Test
    void defaultSizesStayWithinSmallerCaps() {
        RoomSettings tiny = RoomRules.normalize(RoomSettings.titled("t"), 8, 4, NOW, true);
        RoomSettings small = normalize(sized(3, null));

        assertThat(tiny.maxParticipants()).isEqualTo(8);
        assertThat(tiny.maxSpeakers()).isEqualTo(4);
        assertThat(small.maxSpeakers()).isEqualTo(3);
    }

    @Test
    void keepsWhatWasChosen() {
        RoomPermissions permissions = new RoomPermissions(true, true, false);
        RoomPrivacy privacy = new RoomPrivacy(true, true, false);
        Instant at = NOW.plusSeconds(3600);
        RoomSettings chosen = new RoomSettings("Jazz", "Standards", RoomType.FRIENDS_ONLY, RoomCategory.MUSIC, 40, 6,
                permissions, privacy, List.of("jazz"), "fr", at);

        assertThat(normalize(chosen)).isEqualTo(chosen);
    }

    @Test
    void tagsAreCountedAfterDuplicatesFold() {
        List<String> repeated = new java.util.ArrayList<>();
        for (int i = 0; i < TAGS_MAX * 3; i++) {
            repeated.add(i % 2 == 0 ? "Jazz" : "jazz ");
        }
        assertThat(normalize(tagged(repeated)).tags()).containsExactly("jazz");
    }

    @Test
    void windowsLineBreaksInADescriptionBecomeNewlines() {
        RoomSettings out = normalize(new RoomSettings("Jazz", "Line one\r\nLine two\rthree", null, null, null, null,
                null, null, null, null, null));
        assertThat(out.description()).isEqualTo("Line one\nLine two\nthree");
    }

    @Test
    void tidiesText() {
        RoomSettings out = normalize(new RoomSettings("  Jazz  ", "\n Standards \n", null, null, null, null, null,
                null, List.of(" Jazz ", "BLUES", "jazz", "Lo-Fi"), "EN", null));

        assertThat(out.title()).isEqualTo("Jazz");
        assertThat(out.description()).isEqualTo("Standards");
        assertThat(out.tags()).containsExactly("jazz", "blues", "lo-fi");
        assertThat(out.language()).isEqualTo("en");
    }

    @Test
    void theServerDefaultCapsAreEnforced() {
        RoomSettings biggest = sized(RoomRules.DEFAULT_PARTICIPANT_CAP, RoomRules.DEFAULT_SPEAKER_CAP);

        assertThat(withDefaultCaps(biggest).maxParticipants()).isEqualTo(5000);
        assertThatThrownBy(() -> withDefaultCaps(sized(5001, null))).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> withDefaultCaps(sized(5000, 51))).isInstanceOf(ApiException.class);
    }

    @Test
    void aScheduleCannotBeSetOnceTheRoomStarted() {
        RoomSettings later = scheduled(NOW.plusSeconds(3600));

        assertThatThrownBy(() -> RoomRules.normalize(later, PARTICIPANT_CAP, SPEAKER_CAP, NOW, false))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.error().field())
                        .isEqualTo("scheduledFor")).hasMessageContaining("before the room starts");
        assertThat(RoomRules.normalize(RoomSettings.titled("t"), PARTICIPANT_CAP, SPEAKER_CAP, NOW, false))
                .extracting(RoomSettings::scheduledFor).isNull();
    }

    @Test
    void languagesAreLowerCaseIsoCodes() {
        assertThat(RoomRules.isLanguage("en")).isTrue();
        assertThat(RoomRules.isLanguage("he")).isTrue();
        assertThat(RoomRules.isLanguage("EN")).isFalse();
        assertThat(RoomRules.isLanguage("eng")).isFalse();
        assertThat(RoomRules.isLanguage(null)).isFalse();
    }

    @Test
    void normalizingDoesNotChangeTheCallersTags() {
        List<String> tags = new ArrayList<>(List.of("Jazz"));

        normalize(tagged(tags));

        assertThat(tags).containsExactly("Jazz");
    }

    private static RoomSettings normalize(RoomSettings settings) {
        return RoomRules.normalize(settings, PARTICIPANT_CAP, SPEAKER_CAP, NOW, true);
    }

    private static RoomSettings withDefaultCaps(RoomSettings settings) {
        return RoomRules.normalize(settings, RoomRules.DEFAULT_PARTICIPANT_CAP, RoomRules.DEFAULT_SPEAKER_CAP, NOW,
                true);
    }

    private static RoomSettings text(String title, String description) {
        return new RoomSettings(title, description, null, null, null, null, null, null, null, null, null);
    }

    private static RoomSettings sized(Integer maxParticipants, Integer maxSpeakers) {
        return new RoomSettings("t", null, null, null, maxParticipants, maxSpeakers, null, null, null, null, null);
    }

    private static RoomSettings tagged(List<String> tags) {
        return new RoomSettings("t", null, null, null, null, null, null, null, tags, null, null);
    }

    private static RoomSettings spoken(String language) {
        return new RoomSettings("t", null, null, null, null, null, null, null, null, language, null);
    }

    private static RoomSettings scheduled(Instant at) {
        return new RoomSettings("t", null, null, null, null, null, null, null, null, null, at);
    }

    private static List<String> numbered(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "tag" + i).toList();
    }
}
