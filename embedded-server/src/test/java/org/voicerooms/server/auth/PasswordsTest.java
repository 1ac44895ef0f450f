package org.voicerooms.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Password hashing: the decoy for unknown usernames costs a real verification at start-up's no expense. */
class PasswordsTest {

    @Test
    void creatingPasswordsHashesNothingEvenAtAHighCost() {
        // cost 16 is 65,536 rounds: seconds of hashing, were the decoy computed
        long t = System.nanoTime();
        Passwords passwords = new Passwords(16);
        long ms = (System.nanoTime() - t) / 1_000_000;
        assertThat(ms).as("constructing Passwords at cost 16 took %d ms", ms).isLessThan(1000);
        assertThat(passwords.decoy).as("a bcrypt hash at the configured cost").startsWith("$2a$16$").hasSize(60);
    }

    @Test
    void theDecoyIsVerifiedAtTheConfiguredCostAndNeverMatches() {
        Passwords passwords = new Passwords(4);
        assertThat(passwords.decoy).startsWith("$2a$04$").hasSize(60);
        assertThat(passwords.decoyCheck("not-a-real-password")).isFalse();
        assertThat(passwords.matches("anything", passwords.decoy)).isFalse();
        String real = passwords.hash("correct horse");
        assertThat(passwords.matches("correct horse", real)).isTrue();
        assertThat(real).startsWith("$2a$04$");
    }
}
