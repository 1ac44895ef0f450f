package org.voicerooms.client.audio;

/**
 * Audio quality tiers: the capture rate asked of the device and what this client asks its peers to send (Opus
 * {@code maxplaybackrate} and {@code maxaveragebitrate} in the SDP it hands out). Low suits poor links, high music.
 */
public enum QualityTier {
    LOW(16_000, 24_000),
    MEDIUM(24_000, 32_000),
    HIGH(48_000, 64_000);

    /** Samples per second: Opus bandwidth this client asks for. */
    public final int sampleRate;
    /** Bits per second: the average Opus bitrate this client asks for. */
    public final int bitrate;

    QualityTier(int sampleRate, int bitrate) {
        this.sampleRate = sampleRate;
        this.bitrate = bitrate;
    }
}
