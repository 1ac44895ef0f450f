package org.voicerooms.client.e2e;

import org.junit.jupiter.api.BeforeAll;

/** {@link PersonVolumeScenario} through Janus: the room's plan is the SFU, the host's voice one of its streams. */
class SfuPersonVolumeE2EIT extends PersonVolumeScenario {

    @BeforeAll
    static void start() throws Exception {
        start("volume-sfu", true);
    }

    @Override
    String path() {
        return "sfu";
    }
}
