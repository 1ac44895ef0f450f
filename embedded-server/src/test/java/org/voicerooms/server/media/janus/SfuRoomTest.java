package org.voicerooms.server.media.janus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The publisher's audio section a moderator's mute applies to, read from its offer. */
class SfuRoomTest {

    @Test
    void theMidOfTheFirstAudioSectionIsTheOneModerated() {
        String offer = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=mid:data\r\n"
                + "m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=sendonly\r\na=mid:1\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n"
                + "a=mid:2\r\n";
        assertThat(SfuRoom.audioMid(offer)).isEqualTo("1");
        assertThat(SfuRoom.audioMid("v=0\nm=audio 9 UDP/TLS/RTP/SAVPF 111\na=mid:0\n")).isEqualTo("0");
        assertThat(SfuRoom.audioMid("v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n")).as("no mid named").isEqualTo("0");
    }
}
