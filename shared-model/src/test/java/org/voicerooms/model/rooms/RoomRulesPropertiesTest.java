package org.voicerooms.model.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/**
 * Properties of {@link RoomRules#normalize} over generated settings: each case is a seed, so a failure names the
 * seed that reproduces it. Whatever the input, the result keeps the seat rules (speakers within participants within
 * the server's caps), the tag rules, and normalizing twice changes nothing; a number out of range is refused naming
 * its field, never clamped.
 */
class RoomRulesPropertiesTest {

    private static final Instant NOW = Instant.parse("2026-05-01T18:00:00Z");

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    /** Settings within or around the limits, with nulls, caps and tags drawn from {@code seed}. */
    private record Case(RoomSettings settings, int participantCap, int speakerCap) {
    }

    private static Case generate(long seed) {
        Random r = new Random(seed);
        int participantCap = 2 + r.nextInt(6000);
        int speakerCap = 1 + r.nextInt(80);
        Integer maxParticipants = r.nextInt(4) == 0 ? null : 2 + r.nextInt(participantCap - 1);
        int participantsUsed = maxParticipants == null ? Math.min(50, participantCap) : maxParticipants;
        int speakerLimit = Math.min(participantsUsed, speakerCap);
        Integer maxSpeakers = r.nextInt(4) == 0 ? null : 1 + r.nextInt(speakerLimit);
        List<String> tags = null;
        if (r.nextBoolean()) {
            tags = new ArrayList<>();
            String[] pool = {"Jazz", "jazz", "c++", "Live music", "q+a", "naïve", "日本語", "x.y", "tag_1",
                    "Tag_1", "r#", "42"};
            int n = r.nextInt(14);
            for (int i = 0; i < n; i++) {
                tags.add(pool[r.nextInt(pool.length)] + (r.nextBoolean() ? "" : String.valueOf(r.nextInt(20))));
            }
        }
        String title = "  " + "Room ".repeat(1 + r.nextInt(5)).strip() + "  ";
        String language = r.nextBoolean() ? null : r.nextBoolean() ? "EN" : "de";
        RoomType type = r.nextBoolean() ? null : RoomType.values()[r.nextInt(RoomType.values().length)];
        return new Case(new RoomSettings(title, r.nextBoolean() ? null : " about ", type, null, maxParticipants,
                maxSpeakers, null, null, tags, language, null), participantCap, speakerCap);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void normalizedSettingsKeepTheSeatAndTagRulesAndAreStable(long seed) {
        Case c = generate(seed);
        RoomSettings out;
        try {
            out = RoomRules.normalize(c.settings(), c.participantCap(), c.speakerCap(), NOW, true);
        } catch (ApiException e) {
            // only the tag count may legitimately be too high in what we generate
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.error().field()).isEqualTo("tags");
            assertThat(c.settings().tags().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().count())
                    .isGreaterThan(RoomRules.TAGS_MAX);
            return;
        }
        assertThat(out.maxParticipants()).isBetween(RoomRules.MIN_PARTICIPANTS, c.participantCap());
        assertThat(out.maxSpeakers()).isBetween(1, Math.min(out.maxParticipants(), c.speakerCap()));
        assertThat(out.title()).isEqualTo(c.settings().title().strip());
        assertThat(out.type()).isEqualTo(c.settings().type() == null ? RoomType.PUBLIC : c.settings().type());
        assertThat(out.tags()).hasSizeLessThanOrEqualTo(RoomRules.TAGS_MAX).doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).isEqualTo(t.toLowerCase(Locale.ROOT)));
        if (c.settings().tags() != null) {
            assertThat(out.tags()).containsExactlyElementsOf(c.settings().tags().stream()
                    .map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList());
        }
        if (c.settings().maxParticipants() != null) {
            assertThat(out.maxParticipants()).as("an allowed value is kept, not replaced")
                    .isEqualTo(c.settings().maxParticipants());
        }
        if (c.settings().maxSpeakers() != null) {
            assertThat(out.maxSpeakers()).isEqualTo(c.settings().maxSpeakers());
        }
        assertThat(RoomRules.normalize(out, c.participantCap(), c.speakerCap(), NOW, true)).as("idempotent")
                .isEqualTo(out);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void numbersOutOfRangeAreRefusedNamingTheirFieldNeverClamped(long seed) {
        Random r = new Random(seed);
        int participantCap = 2 + r.nextInt(500);
        int speakerCap = 1 + r.nextInt(50);
        int tooMany = participantCap + 1 + r.nextInt(1000);
        int tooFew = RoomRules.MIN_PARTICIPANTS - 1 - r.nextInt(1000);
        for (int bad : new int[] {tooMany, tooFew}) {
            RoomSettings s = new RoomSettings("T", null, null, null, bad, null, null, null, null, null, null);
            ApiException e = catchThrowableOfType(ApiException.class,
                    () -> RoomRules.normalize(s, participantCap, speakerCap, NOW, true));
            assertThat(e).as("maxParticipants %d with cap %d", bad, participantCap).isNotNull();
            assertThat(e.error().field()).isEqualTo("maxParticipants");
        }
        int participants = 2 + r.nextInt(participantCap - 1);
        int speakersTooMany = Math.min(participants, speakerCap) + 1 + r.nextInt(100);
        RoomSettings s = new RoomSettings("T", null, null, null, participants, speakersTooMany, null, null, null, null,
                null);
        ApiException e = catchThrowableOfType(ApiException.class,
                () -> RoomRules.normalize(s, participantCap, speakerCap, NOW, true));
        assertThat(e).as("maxSpeakers %d of %d participants, cap %d", speakersTooMany, participants, speakerCap)
                .isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(e.error().field()).isEqualTo("maxSpeakers");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aScheduleMustLieInTheFutureAndOnlyBeforeTheStart(long seed) {
        Random r = new Random(seed);
        long offset = r.nextInt(2_000_000) - 1_000_000;
        Instant when = NOW.plusSeconds(offset);
        RoomSettings s = new RoomSettings("T", null, null, null, null, null, null, null, null, null, when);
        if (offset > 0) {
            assertThat(RoomRules.normalize(s, 100, 10, NOW, true).scheduledFor()).isEqualTo(when);
        } else {
            assertThat(catchThrowableOfType(ApiException.class, () -> RoomRules.normalize(s, 100, 10, NOW, true))
                    .error().field()).isEqualTo("scheduledFor");
        }
        assertThat(catchThrowableOfType(ApiException.class, () -> RoomRules.normalize(s, 100, 10, NOW, false))
                .error().field()).isEqualTo("scheduledFor");
    }
}
