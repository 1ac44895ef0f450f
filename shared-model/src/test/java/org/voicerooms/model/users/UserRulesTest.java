package org.voicerooms.model.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voicerooms.model.users.UserRules.DISPLAY_NAME_MAX;
import static org.voicerooms.model.users.UserRules.PASSWORD_MAX_BYTES;
import static org.voicerooms.model.users.UserRules.PASSWORD_MIN;
import static org.voicerooms.model.users.UserRules.USERNAME_MAX;
import static org.voicerooms.model.users.UserRules.USERNAME_MIN;

import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;

/** User name, password and display name rules at their edges. */
class UserRulesTest {

    @Test
    void limitsAreTheDocumentedOnes() {
        assertThat(List.of(USERNAME_MIN, USERNAME_MAX, PASSWORD_MIN, PASSWORD_MAX_BYTES, DISPLAY_NAME_MAX))
                .containsExactly(3, 32, 8, 72, 50);
    }

    @ParameterizedTest(name = "\"{0}\" → {1}")
    @CsvSource({
        "ada,           ada",
        "Ada_Lovelace,  ada_lovelace",
        "'  grace  ',   grace",
        "1ada,          1ada",
        "a.b-c_d,       a.b-c_d",
        "guest,         guest",
        "guestbook,     guestbook"})
    void usernamesAreTrimmedAndLowerCased(String raw, String expected) {
        assertThat(UserRules.username(raw)).isEqualTo(expected);
    }

    @Test
    void usernameLengthEdges() {
        assertThat(UserRules.username("a".repeat(USERNAME_MIN))).hasSize(USERNAME_MIN);
        assertThat(UserRules.username("a".repeat(USERNAME_MAX))).hasSize(USERNAME_MAX);
        assertInvalid(() -> UserRules.username("a".repeat(USERNAME_MIN - 1)), "username");
        assertInvalid(() -> UserRules.username("a".repeat(USERNAME_MAX + 1)), "username");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"_ada", ".ada", "-ada", "ada lovelace", "adä", "ada!", "ada@example.org", "ada\u0000x"})
    void usernamesOutsideTheAlphabetAreRefused(String raw) {
        assertInvalid(() -> UserRules.username(raw), "username");
    }

    @ParameterizedTest
    @ValueSource(strings = {"guest-1", "guest-ada", "Guest-Ada", "GUEST-x"})
    void theGuestPrefixIsReserved(String raw) {
        assertInvalid(() -> UserRules.username(raw), "username").hasMessageContaining("reserved");
    }

    @Test
    void passwordLengthIsCountedInCharactersFromBelowAndBytesFromAbove() {
        assertThat(UserRules.password("x".repeat(PASSWORD_MIN))).hasSize(PASSWORD_MIN);
        assertInvalid(() -> UserRules.password("x".repeat(PASSWORD_MIN - 1)), "password");
        assertThat(UserRules.password("🔑".repeat(PASSWORD_MIN))).as("8 characters, 32 bytes").isNotNull();
        assertInvalid(() -> UserRules.password("🔑".repeat(PASSWORD_MIN - 1)), "password");

        assertThat(UserRules.password("x".repeat(PASSWORD_MAX_BYTES))).hasSize(PASSWORD_MAX_BYTES);
        assertInvalid(() -> UserRules.password("x".repeat(PASSWORD_MAX_BYTES + 1)), "password")
                .hasMessageContaining("bytes");
        assertThat(UserRules.password("é".repeat(36))).as("72 bytes").hasSize(36);
        assertInvalid(() -> UserRules.password("é".repeat(37)), "password"); // 74 bytes, bcrypt would cut it
    }

    @Test
    void passwordsAreKeptExactlyAsTyped() {
        assertThat(UserRules.password("  Pass word  ")).isEqualTo("  Pass word  ");
    }

    @Test
    void aPasswordIsRequired() {
        assertInvalid(() -> UserRules.password(null), "password").hasMessageContaining("required");
    }

    @Test
    void displayNamesAreTrimmedAndCountedInCharacters() {
        assertThat(UserRules.displayName("  Ada Lovelace ")).isEqualTo("Ada Lovelace");
        assertThat(UserRules.displayName("x".repeat(DISPLAY_NAME_MAX))).hasSize(DISPLAY_NAME_MAX);
        assertThat(UserRules.displayName("🎷".repeat(DISPLAY_NAME_MAX))).hasSize(2 * DISPLAY_NAME_MAX);
        assertInvalid(() -> UserRules.displayName("x".repeat(DISPLAY_NAME_MAX + 1)), "displayName");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "Ada\nLovelace", "Ada\u0007", "\u001b[31mAda"})
    void blankOrControlDisplayNamesAreRefused(String raw) {
        assertInvalid(() -> UserRules.displayName(raw), "displayName");
    }

    private static AbstractThrowableAssert<?, ?> assertInvalid(ThrowingCallable call, String field) {
        return assertThatThrownBy(call).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
            assertThat(e.error().field()).isEqualTo(field);
        });
    }
}
