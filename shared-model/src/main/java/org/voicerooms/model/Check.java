package org.voicerooms.model;

import java.util.regex.Pattern;

/**
 * Small validation helpers. Each throws {@link ApiException} with {@link ErrorCode#VALIDATION_FAILED} naming
 * the field, so the same rules give the same typed error on the server and inline in the client.
 */
public final class Check {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{24}");

    private Check() {
    }

    /** Fails unless {@code value} is non-null. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw ApiException.invalid(field, field + " is required");
        }
        return value;
    }

    /**
     * Trims {@code value} and checks its length is within {@code min..max} code points and it has no control
     * characters ({@code multiLine} allows newlines and tabs). A null value passes only when {@code min} is 0.
     */
    public static String text(String field, String value, int min, int max, boolean multiLine) {
        if (value == null) {
            if (min > 0) {
                throw ApiException.invalid(field, field + " is required");
            }
            return null;
        }
        // Line breaks arrive as CRLF from Windows clients: one form, \n, is kept.
        String trimmed = (multiLine ? value.replace("\r\n", "\n").replace('\r', '\n') : value).strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length < min) {
            throw ApiException.invalid(field, min == 1 ? field + " must not be empty"
                    : field + " must be at least " + min + " characters");
        }
        if (length > max) {
            throw ApiException.invalid(field, field + " must be at most " + max + " characters");
        }
        boolean badChars = multiLine ? CONTROL.matcher(trimmed).find()
                : trimmed.chars().anyMatch(Character::isISOControl);
        if (badChars) {
            throw ApiException.invalid(field, field + " must not contain control characters");
        }
        return trimmed;
    }

    /** Fails unless {@code min <= value <= max}. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw ApiException.invalid(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }

    /** Whether {@code id} has the shape of a stored id (24 lower-case hex digits). */
    public static boolean isId(String id) {
        return id != null && HEX_ID.matcher(id).matches();
    }

    /** Fails unless {@code id} has the shape of a stored id. */
    public static String id(String field, String id) {
        if (!isId(id)) {
            throw ApiException.invalid(field, field + " is not a valid id");
        }
        return id;
    }
}
