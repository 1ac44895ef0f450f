package org.voicerooms.client.e2e;

import org.junit.jupiter.api.BeforeAll;

/** {@link PersonVolumeScenario} on the mesh: a peer connection between the host and the app. */
class PersonVolumeE2EIT extends PersonVolumeScenario {

    @BeforeAll
    static void start() throws Exception {
        start("volume", false);
    }

    @Override
    String path() {
        return "mesh";
    }
}
