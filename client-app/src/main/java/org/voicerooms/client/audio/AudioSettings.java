package org.voicerooms.client.audio;

/**
 * What the user chose for audio. Device names are as listed by {@link AudioEngine#microphones()} and
 * {@link AudioEngine#speakers()}; null means the system default.
 *
 * @param tier            quality tier (default MEDIUM)
 * @param echoCancellation AEC, on by default
 * @param noiseSuppression NS, on by default
 * @param autoGainControl  AGC, on by default
 * @param tenMsPackets     10 ms Opus packets instead of 20 ms: about 20 ms less mouth to ear, about 24 kbit/s more
 *                         header overhead per peer; the default except on the low tier, which is for poor links
 * @param microphone       the capture device's name, or null
 * @param speaker          the playout device's name, or null
 */
public record AudioSettings(QualityTier tier, boolean echoCancellation, boolean noiseSuppression,
                            boolean autoGainControl, boolean tenMsPackets, String microphone, String speaker) {

    public static final AudioSettings DEFAULT = new AudioSettings(QualityTier.MEDIUM, true, true, true, true, null,
            null);

    public AudioSettings {
        tier = tier == null ? QualityTier.MEDIUM : tier;
    }

    public AudioSettings withDevices(String microphone, String speaker) {
        return new AudioSettings(tier, echoCancellation, noiseSuppression, autoGainControl, tenMsPackets, microphone,
                speaker);
    }

    /** The tier with its default packet time: 10 ms, except 20 ms on the low tier. */
    public AudioSettings withTier(QualityTier tier) {
        return withTier(tier, tier != QualityTier.LOW);
    }

    public AudioSettings withTier(QualityTier tier, boolean tenMsPackets) {
        return new AudioSettings(tier, echoCancellation, noiseSuppression, autoGainControl, tenMsPackets, microphone,
                speaker);
    }

    public AudioSettings withProcessing(boolean aec, boolean ns, boolean agc) {
        return new AudioSettings(tier, aec, ns, agc, tenMsPackets, microphone, speaker);
    }
}
