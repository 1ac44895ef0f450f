package org.voicerooms.model.users;

import java.util.Locale;
import java.util.regex.Pattern;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.Check;

/** Limits on user names and passwords, and their checks. */
public final class UserRules {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 32;
    public static final int PASSWORD_MIN = 8;
    /** bcrypt reads at most 72 bytes; longer passwords are refused rather than silently cut. */
    public static final int PASSWORD_MAX_BYTES = 72;
    public static final int DISPLAY_NAME_MAX = 50;

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9_.-]*");

    private UserRules() {
    }

    /** Lower-cases and checks a username: 3..32 of a-z, 0-9, '_', '.', '-', starting with a letter or digit. */
    public static String username(String raw) {
        String name = Check.text("username", raw, USERNAME_MIN, USERNAME_MAX, false).toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw ApiException.invalid("username",
                    "username may hold only letters, digits, '_', '.' and '-', and must start with a letter or digit");
        }
        if (name.startsWith("guest-")) {
            throw ApiException.invalid("username", "usernames starting with 'guest-' are reserved");
        }
        return name;
    }

    /** Checks a new password's length (8 characters to 72 UTF-8 bytes). */
    public static String password(String raw) {
        Check.required("password", raw);
        if (raw.codePointCount(0, raw.length()) < PASSWORD_MIN) {
            throw ApiException.invalid("password", "password must be at least " + PASSWORD_MIN + " characters");
        }
        if (raw.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > PASSWORD_MAX_BYTES) {
            throw ApiException.invalid("password", "password must be at most " + PASSWORD_MAX_BYTES + " bytes");
        }
        return raw;
    }

    /**
     * Trims and checks a display name (1..50 characters, no control characters, no invisible format characters).
     * Format characters (Unicode category Cf) are refused because they let a name pose as another: bidi overrides
     * and isolates (U+202A..U+202E, U+2066..U+2069) reverse how the rest of a line reads, and zero-width spaces and
     * joiners (U+200B..U+200D, U+2060, U+FEFF) make two names that look the same compare different.
     */
    public static String displayName(String raw) {
        String name = Check.text("displayName", raw, 1, DISPLAY_NAME_MAX, false);
        if (name.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            throw ApiException.invalid("displayName",
                    "displayName must not contain invisible characters (bidi controls, zero-width characters)");
        }
        return name;
    }
}
