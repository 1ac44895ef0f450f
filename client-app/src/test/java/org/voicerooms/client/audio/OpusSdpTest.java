package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpusSdpTest {

    // The audio section of an offer as libwebrtc writes it (trimmed).
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0", "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:63 red/48000/2", "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000", "") + "\r\n";

    @Test
    void eachTierLandsInTheOpusParameters() {
        for (QualityTier tier : QualityTier.values()) {
            String tuned = OpusSdp.tune(OFFER, AudioSettings.DEFAULT.withTier(tier, false));
            assertThat(OpusSdp.opusParameters(tuned))
                    .containsEntry("maxplaybackrate", String.valueOf(tier.sampleRate))
                    .containsEntry("maxaveragebitrate", String.valueOf(tier.bitrate))
                    .containsEntry("useinbandfec", "1").containsEntry("usedtx", "1")
                    .containsEntry("minptime", "10").doesNotContainKey("ptime");
        }
        assertThat(QualityTier.LOW.sampleRate).isEqualTo(16_000);
        assertThat(QualityTier.MEDIUM.sampleRate).isEqualTo(24_000);
        assertThat(QualityTier.HIGH.sampleRate).isEqualTo(48_000);
    }

    @Test
    void tenMillisecondPacketsAskForPtime10() {
        String tuned = OpusSdp.tune(OFFER, AudioSettings.DEFAULT.withTier(QualityTier.HIGH, true));
        assertThat(OpusSdp.opusParameters(tuned)).containsEntry("ptime", "10").containsEntry("minptime", "10");
        assertThat(tuned).contains("a=ptime:10\r\n");
    }

    @Test
    void otherCodecsAndLineEndingsAreLeftAlone() {
        String tuned = OpusSdp.tune(OFFER, AudioSettings.DEFAULT);
        assertThat(tuned).contains("a=fmtp:63 111/111\r\n").contains("a=rtpmap:9 G722/8000\r\n");
        assertThat(tuned.replace("\r\n", "")).doesNotContain("\n");
        assertThat(OpusSdp.tune(tuned, AudioSettings.DEFAULT)).isEqualTo(tuned); // idempotent
    }

    @Test
    void anOpusLineWithoutParametersGetsThem() {
        String bare = OFFER.replace("a=fmtp:111 minptime=10;useinbandfec=1\r\n", "");
        assertThat(OpusSdp.opusParameters(OpusSdp.tune(bare, AudioSettings.DEFAULT))).containsEntry("usedtx", "1");
    }

    @Test
    void withoutOpusNothingChanges() {
        String noOpus = "v=0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
        assertThat(OpusSdp.tune(noOpus, AudioSettings.DEFAULT)).isEqualTo(noOpus);
    }
}
