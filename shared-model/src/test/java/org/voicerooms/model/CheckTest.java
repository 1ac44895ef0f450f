package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The helpers behind every rule: each failure is VALIDATION_FAILED naming the field. */
class CheckTest {

    @Test
    void textIsStrippedAndCountedInCodePoints() {
        assertThat(Check.text("title", "  Jazz \t", 1, 4, false)).isEqualTo("Jazz");
        assertThat(Check.text("title", "🎷🎺", 1, 2, false)).isEqualTo("🎷🎺"); // four UTF-16 units
        assertThat(Check.text("title", "\u3000Jazz\u3000", 1, 4, false)).isEqualTo("Jazz"); // ideographic space
    }

    @Test
    void textLengthBoundsAreInclusive() {
        assertThat(Check.text("f", "ab", 2, 3, false)).isEqualTo("ab");
        assertThat(Check.text("f", "abc", 2, 3, false)).isEqualTo("abc");
        assertInvalid(() -> Check.text("f", "a", 2, 3, false), "f").hasMessageContaining("at least 2");
        assertInvalid(() -> Check.text("f", "abcd", 2, 3, false), "f").hasMessageContaining("at most 3");
    }

    @Test
    void nullTextIsRequiredOnlyWithAMinimum() {
        assertThat(Check.text("description", null, 0, 10, true)).isNull();
        assertInvalid(() -> Check.text("title", null, 1, 10, false), "title").hasMessageContaining("required");
    }

    @Test
    void multiLineTextAllowsNewlinesAndTabsOnly() {
        assertThat(Check.text("d", "one\n\ttwo", 0, 20, true)).isEqualTo("one\n\ttwo");
        assertThat(Check.text("d", "one\r\ntwo\rthree", 0, 20, true)).isEqualTo("one\ntwo\nthree");
        assertInvalid(() -> Check.text("title", "one\r\ntwo", 0, 20, false), "title");
        assertInvalid(() -> Check.text("d", "one\u0007two", 0, 20, true), "d");
        assertInvalid(() -> Check.text("d", "one\u0000two", 0, 20, true), "d");
        assertInvalid(() -> Check.text("t", "one\ntwo", 0, 20, false), "t");
    }

    @Test
    void rangeBoundsAreInclusive() {
        assertThat(Check.range("n", 2, 2, 5)).isEqualTo(2);
        assertThat(Check.range("n", 5, 2, 5)).isEqualTo(5);
        assertInvalid(() -> Check.range("n", 1, 2, 5), "n").hasMessageContaining("between 2 and 5");
        assertInvalid(() -> Check.range("n", 6, 2, 5), "n");
    }

    @Test
    void requiredRefusesNullOnly() {
        assertThat(Check.required("roomId", "")).isEmpty();
        assertInvalid(() -> Check.required("roomId", null), "roomId");
    }

    @Test
    void anIdIsTwentyFourLowerCaseHexDigits() {
        assertThat(Check.isId("0123456789abcdef01234567")).isTrue();
        assertThat(Check.id("userId", Samples.HOST_ID)).isEqualTo(Samples.HOST_ID);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "0123456789abcdef0123456", "0123456789abcdef012345678", "0123456789ABCDEF01234567",
        "0123456789abcdeg01234567", " 0123456789abcdef0123456", "0123456789abcdef01234567\n"})
    void otherStringsAreNotIds(String id) {
        assertThat(Check.isId(id)).isFalse();
        assertInvalid(() -> Check.id("userId", id), "userId");
    }

    private static AbstractThrowableAssert<?, ?> assertInvalid(ThrowingCallable call, String field) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.error().field()).isEqualTo(field);
        });
    }
}
