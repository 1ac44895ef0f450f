package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpusSdpTest {

    // The audio section of an offer as libwebrtc writes it (trimmed).
    private static final String OFFER = String.join("\r\n",
            "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126",
            "c=IN IP4 0.0.0.0", "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:63 red/48000/2", "a=fmtp:63 111/111",
            "a=rtpmap:9 G722/8000", "") + "\r\n";

    /**
     * The tiers as documented (low 16 kHz / 24 kbit/s with 20 ms packets, medium 24 kHz / 32 kbit/s, high 48 kHz /
     * 64 kbit/s, 10 ms packets): written out literally, so a changed tier field fails here instead of being read
     * back. Columns: tier, maxplaybackrate, sprop-maxcapturerate, maxaveragebitrate, default ptime (null: none).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "none", value = {
            "LOW,    16000, 16000, 24000, none",
            "MEDIUM, 24000, 24000, 32000, 10",
            "HIGH,   48000, 48000, 64000, 10"})
    void eachTierLandsInTheOpusParametersAsDocumented(QualityTier tier, String playback, String capture,
                                                      String bitrate, String ptime) {
        String tuned = OpusSdp.tune(OFFER, AudioSettings.DEFAULT.withTier(tier));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("minptime", "10"); // from the offer, kept
        expected.put("useinbandfec", "1");
        expected.put("maxplaybackrate", playback);
        expected.put("sprop-maxcapturerate", capture);
        expected.put("maxaveragebitrate", bitrate);
        expected.put("usedtx", "1");
        if (ptime != null) {
            expected.put("ptime", ptime);
        }
        assertThat(OpusSdp.opusParameters(tuned)).containsExactlyInAnyOrderEntriesOf(expected);
        if (ptime == null) {
            assertThat(tuned).doesNotContain("a=ptime:");
        } else {
            assertThat(tuned).contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\na=ptime:" + ptime
                    + "\r\n");
        }
    }

    @Test
    void theTunedOfferIsExactlyThis() {
        String tuned = OpusSdp.tune(OFFER, AudioSettings.DEFAULT.withTier(QualityTier.HIGH, true));
        assertThat(tuned).isEqualTo(String.join("\r\n",
                "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "a=ptime:10",
                "c=IN IP4 0.0.0.0", "a=rtpmap:111 opus/48000/2", "a=rtcp-fb:111 transport-cc",
                "a=fmtp:111 minptime=10;useinbandfec=1;maxplaybackrate=48000;sprop-maxcapturerate=48000;"
                        + "maxaveragebitrate=64000;usedtx=1;ptime=10",
                "a=rtpmap:63 red/48000/2", "a=fmtp:63 111/111", "a=rtpmap:9 G722/8000", "") + "\r\n");
    }

    @Test
    void twentyMillisecondPacketsDropAnOfferedPtimeLineNotTheOthers() {
        String withPtime = OFFER.replace("c=IN IP4", "a=ptime:20\r\nc=IN IP4");
        String tuned = OpusSdp.tune(withPtime, AudioSettings.DEFAULT.withTier(QualityTier.MEDIUM, true));
        assertThat(tuned).contains("a=ptime:10\r\n").doesNotContain("a=ptime:20");
        assertThat(OpusSdp.tune(withPtime, AudioSettings.DEFAULT.withTier(QualityTier.MEDIUM, false)))
                .contains("a=ptime:20\r\n").doesNotContain("a=ptime:10");
    }

    @Test
    void unixLineEndingsStayUnix() {
        String unix = OFFER.replace("\r\n", "\n").replace("a=fmtp:111 minptime=10;useinbandfec=1\n", "");
        String tuned = OpusSdp.tune(unix, AudioSettings.DEFAULT.withTier(QualityTier.LOW, true));
        assertThat(tuned).doesNotContain("\r").contains("a=rtpmap:111 opus/48000/2\na=fmtp:111 maxplaybackrate=16000;"
                + "sprop-maxcapturerate=16000;maxaveragebitrate=24000;useinbandfec=1;usedtx=1;ptime=10;minptime=10\n")
                .contains("m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\na=ptime:10\n");
    }

    @Test
    void aMonoOpusLineAndAnotherPayloadTypeAreFound() {
        String mono = "v=0\r\nm=audio 9 RTP/AVP 96\r\na=rtpmap:96 opus/48000\r\na=fmtp:96 stereo=0\r\n";
        assertThat(OpusSdp.opusParameters(OpusSdp.tune(mono, AudioSettings.DEFAULT)))
                .containsEntry("stereo", "0").containsEntry("maxaveragebitrate", "32000");
        assertThat(OpusSdp.opusParameters("v=0\r\na=rtpmap:96 opus/48000\r\n")).isEmpty();
        assertThat(OpusSdp.opusParameters("v=0\r\n")).isEmpty();
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
