package org.voicerooms.model.rooms;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;

/** The limits a room's settings must respect, and their checks. The server caps come from server config. */
public final class RoomRules {

    public static final int TITLE_MIN = 1;
    public static final int TITLE_MAX = 100;
    public static final int DESCRIPTION_MAX = 1000;
    public static final int TAGS_MAX = 10;
    public static final int TAG_MAX_LENGTH = 30;
    public static final int MIN_PARTICIPANTS = 2;
    public static final int DEFAULT_MAX_PARTICIPANTS = 50;
    public static final int DEFAULT_MAX_SPEAKERS = 10;
    /** Default server cap on maxParticipants. */
    public static final int DEFAULT_PARTICIPANT_CAP = 5000;
    /** Default server cap on maxSpeakers. */
    public static final int DEFAULT_SPEAKER_CAP = 50;

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _+#.-]*");

    private RoomRules() {
    }

    /** Whether {@code code} is an ISO 639-1 language code (two lower-case letters). */
    public static boolean isLanguage(String code) {
        return code != null && code.length() == 2 && LANGUAGES.contains(code);
    }

    /**
     * Validates and normalizes room settings: trims text, lower-cases and de-duplicates tags, fills defaults.
     *
     * @param settings         what the user asked for
     * @param participantCap   the server's cap on maxParticipants
     * @param speakerCap       the server's cap on maxSpeakers
     * @param now              the server's clock, for scheduledFor
     * @param scheduleAllowed  whether scheduledFor may be set (false once a room has started)
     * @throws ApiException    VALIDATION_FAILED naming the first bad field
     */
    public static RoomSettings normalize(RoomSettings settings, int participantCap, int speakerCap, Instant now,
                                         boolean scheduleAllowed) {
        String title = Check.text("title", settings.title(), TITLE_MIN, TITLE_MAX, false);
        String description = Check.text("description", settings.description(), 0, DESCRIPTION_MAX, true);
        RoomType type = settings.type() == null ? RoomType.PUBLIC : settings.type();
        RoomCategory category = settings.category() == null ? RoomCategory.CASUAL : settings.category();
        int maxParticipants = settings.maxParticipants() == null ? Math.min(DEFAULT_MAX_PARTICIPANTS, participantCap)
                : Check.range("maxParticipants", settings.maxParticipants(), MIN_PARTICIPANTS, participantCap);
        int speakerLimit = Math.min(maxParticipants, speakerCap);
        int maxSpeakers = settings.maxSpeakers() == null ? Math.min(DEFAULT_MAX_SPEAKERS, speakerLimit)
                : Check.range("maxSpeakers", settings.maxSpeakers(), 1, speakerLimit);
        List<String> tags = tags(settings.tags());
        String language = settings.language() == null ? null : settings.language().toLowerCase(Locale.ROOT);
        if (language != null && !isLanguage(language)) {
            throw ApiException.invalid("language", "language must be an ISO 639-1 code such as 'en'");
        }
        Instant scheduledFor = settings.scheduledFor();
        if (scheduledFor != null) {
            if (!scheduleAllowed) {
                throw ApiException.invalid("scheduledFor", "scheduledFor can only be set before the room starts");
            }
            if (!scheduledFor.isAfter(now)) {
                throw ApiException.invalid("scheduledFor", "scheduledFor must be in the future");
            }
        }
        return new RoomSettings(title, description == null ? "" : description, type, category, maxParticipants,
                maxSpeakers, settings.permissions() == null ? RoomPermissions.DEFAULT : settings.permissions(),
                settings.privacy() == null ? RoomPrivacy.defaultFor(type) : settings.privacy(), tags, language, scheduledFor);
    }

    private static List<String> tags(List<String> raw) {
        if (raw == null) {
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String tag : raw) {
            String clean = Check.text("tags", tag, 1, TAG_MAX_LENGTH, false).toLowerCase(Locale.ROOT);
            if (!TAG.matcher(clean).matches()) {
                throw ApiException.invalid("tags", "tag '" + clean + "' may hold only letters, digits, spaces and _+#.-");
            }
            out.add(clean);
            if (out.size() > TAGS_MAX) { // counted after de-duplication: "Jazz" and "jazz" are one tag
                throw ApiException.invalid("tags", "at most " + TAGS_MAX + " tags");
            }
        }
        return new ArrayList<>(out);
    }
}
