package org.voicerooms.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** An enum with a lower-case wire name ({@code "friends-only"}), used in JSON bodies, paths and queries. */
public interface WireEnum {

    /** The name on the wire. */
    String wire();

    /** The constant whose wire name is {@code value}, ignoring case; empty for unknown or null values. */
    static <E extends Enum<E> & WireEnum> Optional<E> parse(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String wanted = value.toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(wanted)).findFirst();
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException} naming the allowed values. */
    static <E extends Enum<E> & WireEnum> E require(Class<E> type, String value) {
        return parse(type, value).orElseThrow(() -> new IllegalArgumentException(
                "'" + value + "' is not one of " + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList()));
    }
}
