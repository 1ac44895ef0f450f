package org.voicerooms.client.audio;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The level of each remote voice, 0 (silence) to 1 (full scale): a peak over each 10 ms of audio that decays by 10 %
 * per frame, so speaking rings fall off over about 200 ms. A voice whose audio stopped arriving reads 0. Written on
 * libwebrtc's audio threads, read from any thread.
 */
final class RemoteLevels {

    private static final long STALE_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private record Level(double value, long at) {
    }

    private final Map<String, Level> levels = new ConcurrentHashMap<>();

    /** 10 ms of {@code who}'s audio, 16-bit little-endian PCM. */
    void heard(String who, byte[] pcm, int channels, int frames) {
        int samples = Math.min(frames * channels, pcm.length / 2);
        int peak = 0;
        for (int i = 0; i < samples; i++) {
            peak = Math.max(peak, Math.abs((short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8))));
        }
        Level now = new Level(peak / 32768.0, System.nanoTime());
        levels.merge(who, now, (old, fresh) -> new Level(Math.max(fresh.value, old.value * 0.9), fresh.at));
    }

    void forget(String who) {
        levels.remove(who);
    }

    /** Each voice's level now. */
    Map<String, Double> now() {
        long stale = System.nanoTime() - STALE_NANOS;
        Map<String, Double> out = new HashMap<>();
        levels.forEach((who, l) -> out.put(who, l.at < stale ? 0 : l.value));
        return out;
    }
}
