package org.voicerooms.client.audio;

/**
 * What the user chose for audio. Device names are as listed by {@link AudioEngine#microphones()} and
 * {@link AudioEngine#speakers()}; null means the system default.
 *
 * @param tier            quality tier (default MEDIUM)
 * @param echoCancellation AEC, on by default
 * @param noiseSuppression NS, on by default
 * @param autoGainControl  AGC, on by default
 * @param tenMsPackets     10 ms Opus packets instead of 20 ms: less latency, more overhead
 * @param microphone       the capture device's name, or null
 * @param speaker          the playout device's name, or null
 */
public record AudioSettings(QualityTier tier, boolean echoCancellation, boolean noiseSuppression,
                            boolean autoGainControl, boolean tenMsPackets, String microphone, String speaker) {

    public static final AudioSettings DEFAULT = new AudioSettings(QualityTier.MEDIUM, true, true, true, false, null,
            null);

    public AudioSettings {
        tier = tier == null ? QualityTier.MEDIUM : tier;
    }

    public AudioSettings withDevices(String microphone, String speaker) {
        return new AudioSettings(tier, echoCancellation, noiseSuppression, autoGainControl, tenMsPackets, microphone,
                speaker);
    }

    public AudioSettings withTier(QualityTier tier, boolean tenMsPackets) {
        return new AudioSettings(tier, echoCancellation, noiseSuppression, autoGainControl, tenMsPackets, microphone,
                speaker);
    }

    public AudioSettings withProcessing(boolean aec, boolean ns, boolean agc) {
        return new AudioSettings(tier, aec, ns, agc, tenMsPackets, microphone, speaker);
    }
}
