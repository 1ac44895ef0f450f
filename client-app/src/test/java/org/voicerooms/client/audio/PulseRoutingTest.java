package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PulseRoutingTest {

    private static final String ME = Long.toString(ProcessHandle.current().pid());

    @Test
    void onlyThisProcessesStreamsAreMoved() {
        String listing = """
                Source Output #7
                	Driver: protocol-native.c
                	Source: 2
                	Properties:
                		application.name = "java"
                		application.process.id = "%s"
                
                Source Output #9
                	Source: 1
                	Properties:
                		application.process.id = "1%s"
                
                Source Output #12
                	Source: 2
                	Properties:
                		media.name = "capture"
                		application.process.id = "%s"
                """.formatted(ME, ME, ME);
        assertThat(PulseRouting.ours(listing, "Source Output #")).containsExactly("7", "12");
        assertThat(PulseRouting.ours(listing, "Sink Input #")).isEmpty();
        assertThat(PulseRouting.ours("", "Source Output #")).isEmpty();
    }
}
