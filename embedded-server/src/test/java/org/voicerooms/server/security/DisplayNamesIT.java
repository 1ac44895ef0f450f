package org.voicerooms.server.security;

import static org.voicerooms.server.testing.Api.assertError;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: impersonation through names that render as someone else's (Low): bidi overrides flip how a name and
 * the text after it read; zero-width characters make look-alike names. Both are refused.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DisplayNamesIT {

    @Test
    void namesWithBidiControlsOrZeroWidthCharactersAreRefused() {
        try (TestServer server = TestServer.start()) {
            for (String name : new String[] {"Ann\u202Egnp.exe", "\u2066Ann\u2069", "A\u200Bnn", "Ann\u200D",
                "\uFEFFAnn", "Ann\u2060", "Ann\u200F"}) {
                assertError(server.api().post("/api/auth/guest", null, new GuestRequest(name)), 400,
                        "VALIDATION_FAILED", "displayName");
                assertError(server.api().post("/api/auth/register", null, new RegisterRequest("ann"
                        + Integer.toHexString(name.hashCode()), "correct-horse-battery", name)), 400,
                        "VALIDATION_FAILED", "displayName");
            }
            server.api().post("/api/auth/guest", null, new GuestRequest("Zoë 🎙️ مرحبا")).expect(201);
        }
    }
}
