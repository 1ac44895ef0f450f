package org.voicerooms.client.testing;

import java.util.Locale;
import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need parts of the machine (root, network namespaces, PulseAudio, a virtual X display, a packaged jar)
 * ask here instead of skipping on their own. On a developer's machine a missing part skips the test; where the
 * environment is required a missing part fails it, so CI cannot go green without the audio, LAN and launch tests.
 *
 * <p>Required when the system property {@value #PROPERTY} is {@code true}, or the environment variable
 * {@value #VARIABLE} is {@code true}, or {@code CI} is {@code true} (CI sets it; {@code .ci/run} sets
 * {@value #VARIABLE} as well, so running that script anywhere requires everything).
 */
public final class Environment {

    public static final String PROPERTY = "voicerooms.requireEnvironment";
    public static final String VARIABLE = "VOICEROOMS_REQUIRE_ENVIRONMENT";

    private Environment() {
    }

    /** Whether a missing part fails the test instead of skipping it. */
    public static boolean required() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property.strip()); // an explicit false wins over CI
        }
        return isTrue(System.getenv(VARIABLE)) || isTrue(System.getenv("CI"));
    }

    /**
     * Goes on if {@code present}; otherwise skips the test, or fails it when the environment is required.
     *
     * @param what what the test needs, named in the skip or the failure
     */
    public static void require(boolean present, String what) {
        if (present) {
            return;
        }
        if (required()) {
            throw new AssertionError("this machine lacks what the test needs: " + what + " (the environment is "
                    + "required: -D" + PROPERTY + ", " + VARIABLE + " or CI is true)");
        }
        Assumptions.abort("skipped, this machine lacks: " + what + " (set -D" + PROPERTY
                + "=true to make this a failure)");
    }

    private static boolean isTrue(String value) {
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
    }
}
