package org.voicerooms.client.audio;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays the people a person set to a level other than 100 %, at that level. libwebrtc (through webrtc-java 0.14)
 * mixes remote voices at a fixed gain of 1, or 0 for a disabled track, and has no per-track volume; a remote track's
 * sinks, though, get each voice's decoded audio before that gain. So a voice at another level is disabled in
 * libwebrtc's mix, and its sink's audio, scaled, is played here through a second playout stream on the same speaker.
 * <p>
 * The stream opens when the first such voice arrives and closes after {@link #IDLE_MS} without any. Each voice is
 * queued (a few 10 ms frames, so a pull that comes early does not crackle) and trimmed when it runs ahead (the two
 * playout streams run on the same device clock, so that is rare). Clipping happens once, on the sum.
 * <p>
 * Known limit: libwebrtc's echo canceller is given only its own mix as the far end, so a voice played here is not in
 * it. With loudspeakers and the microphone live, that voice's echo is not cancelled; with headphones, or while
 * listening only, there is no difference.
 */
final class PersonalMix implements AudioSource, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalMix.class);
    static final long IDLE_MS = 3_000;
    /** Queued before a voice starts playing, and again after it ran dry. */
    static final int PRIME_MS = 30;
    /** A voice queued beyond this is cut back to {@link #PRIME_MS}. */
    static final int MAX_QUEUE_MS = 200;

    private final Map<String, Voice> voices = new ConcurrentHashMap<>();
    private final ScheduledExecutorService control;
    private final boolean open;
    private final Runnable opened;
    private volatile int outRate = 48_000;
    /** The sum of one pull, reused: the player pulls on one thread, every 10 ms. */
    private float[] pull = new float[480];
    private volatile long lastPush;
    private volatile AudioDevice device;
    private AudioDeviceModule player;
    private boolean starting;

    /**
     * @param open whether to open a playout stream at all (false: only mix, pulled by the caller; for tests)
     * @param opened run after the stream opened (routes it to the chosen speaker)
     */
    PersonalMix(boolean open, Runnable opened) {
        this.open = open;
        this.opened = opened;
        this.control = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "personal-mix");
            t.setDaemon(true);
            return t;
        });
        control.scheduleWithFixedDelay(this::closeWhenIdle, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * 10 ms of {@code who}'s decoded audio (16-bit PCM), to play at {@code gain} (0..2). Called on libwebrtc's
     * audio thread: quick, never blocks on the player.
     */
    void play(String who, double gain, byte[] pcm, int sampleRate, int channels, int frames) {
        if (frames <= 0 || channels <= 0 || sampleRate <= 0) {
            return;
        }
        lastPush = System.nanoTime();
        voices.computeIfAbsent(who, w -> new Voice()).push((float) gain, pcm, sampleRate, channels, frames, outRate);
        if (open) {
            ensurePlaying();
        }
    }

    /** Stops queuing {@code who} (they went back to 100 %, or left). */
    void forget(String who) {
        voices.remove(who);
    }

    /** The speaker to play on where devices are chosen by id (not PulseAudio, whose streams are moved). */
    void useDevice(AudioDevice speaker) {
        this.device = speaker;
        control.execute(() -> {
            if (player != null) {
                stopPlayer();
                startPlayer();
            }
        });
    }

    private void ensurePlaying() {
        synchronized (this) {
            if (starting) {
                return;
            }
            starting = true;
        }
        control.execute(() -> {
            if (player == null) {
                startPlayer();
            }
        });
    }

    private void startPlayer() {
        try {
            AudioDeviceModule adm = new AudioDeviceModule();
            AudioDevice d = device;
            if (d == null) { // libwebrtc opens no playout before a device is set: the system default, listed first
                d = dev.onvoid.webrtc.media.MediaDevices.getAudioRenderDevices().stream().findFirst().orElse(null);
            }
            if (d != null) {
                adm.setPlayoutDevice(d);
            }
            adm.setAudioSource(this);
            adm.initPlayout();
            adm.startPlayout();
            player = adm;
            LOG.info("Personal levels: playing {} voice(s) at their own level", voices.size());
            opened.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("Personal levels: could not open a playout stream: {}", e.toString());
        }
    }

    private void closeWhenIdle() {
        if (player != null && System.nanoTime() - lastPush > TimeUnit.MILLISECONDS.toNanos(IDLE_MS)) {
            stopPlayer();
            voices.clear();
            LOG.info("Personal levels: nobody at another level; playout stream closed");
        }
    }

    private void stopPlayer() {
        AudioDeviceModule adm = player;
        player = null;
        synchronized (this) {
            starting = false;
        }
        if (adm != null) {
            try {
                adm.stopPlayout();
                adm.dispose();
            } catch (RuntimeException | Error e) {
                LOG.warn("Personal levels: closing the playout stream: {}", e.toString());
            }
        }
    }

    /** The player's pull: {@code frames} per channel, 16-bit interleaved. */
    @Override
    public int onPlaybackData(byte[] out, int frames, int bytesPerFrame, int channels, int sampleRate) {
        if (sampleRate > 0) {
            outRate = sampleRate;
        }
        if (pull.length != frames) {
            pull = new float[frames];
        }
        java.util.Arrays.fill(pull, 0f);
        mix(pull);
        int ch = Math.max(1, channels);
        int limit = Math.min(frames, out.length / (2 * ch));
        for (int i = 0; i < limit; i++) {
            float v = Math.max(-1f, Math.min(1f, pull[i]));
            short s = (short) Math.round(v * 32767f);
            for (int c = 0; c < ch; c++) {
                int at = 2 * (i * ch + c);
                out[at] = (byte) s;
                out[at + 1] = (byte) (s >> 8);
            }
        }
        return frames;
    }

    /** Adds every voice's next {@code sum.length} samples (at the output rate, -1..1) to {@code sum}. */
    private void mix(float[] sum) {
        int rate = outRate;
        voices.values().forEach(v -> v.take(sum, rate));
    }

    @Override
    public void close() {
        try {
            control.submit(this::stopPlayer).get(3, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("Personal levels: close: {}", e.toString());
        }
        control.shutdownNow();
        voices.clear();
    }

    /** One voice's queue, mono at the output rate, already scaled. Pushed on one thread, taken on another. */
    static final class Voice {
        private float[] ring = new float[48_000];
        private int head;
        private int size;
        private boolean primed;

        synchronized void push(float gain, byte[] pcm, int sampleRate, int channels, int frames, int outRate) {
            int n = Math.min(frames, pcm.length / (2 * channels));
            int outN = sampleRate == outRate ? n : (int) Math.round((double) n * outRate / sampleRate);
            if (ring.length < outRate) {
                ring = new float[outRate];
                head = 0;
                size = 0;
            }
            for (int j = 0; j < outN; j++) {
                float v;
                if (sampleRate == outRate) {
                    v = mono(pcm, j, channels);
                } else {
                    double at = (double) j * sampleRate / outRate;
                    int i0 = Math.min(n - 1, (int) at);
                    int i1 = Math.min(n - 1, i0 + 1);
                    double f = at - i0;
                    v = (float) ((1 - f) * mono(pcm, i0, channels) + f * mono(pcm, i1, channels));
                }
                if (size == ring.length) { // a full second queued: drop the oldest
                    head = (head + 1) % ring.length;
                    size--;
                }
                ring[(head + size) % ring.length] = v * gain;
                size++;
            }
            int max = outRate * MAX_QUEUE_MS / 1000;
            if (size > max) {
                int keep = outRate * PRIME_MS / 1000;
                head = (head + size - keep) % ring.length;
                size = keep;
            }
        }

        synchronized void take(float[] sum, int outRate) {
            if (!primed) {
                if (size < outRate * PRIME_MS / 1000) {
                    return;
                }
                primed = true;
            }
            int n = Math.min(sum.length, size);
            for (int i = 0; i < n; i++) {
                sum[i] += ring[(head + i) % ring.length];
            }
            head = (head + n) % ring.length;
            size -= n;
            if (n < sum.length) {
                primed = false; // ran dry: wait for a few frames again rather than crackle
            }
        }

        private static float mono(byte[] pcm, int frame, int channels) {
            float acc = 0;
            for (int c = 0; c < channels; c++) {
                int at = 2 * (frame * channels + c);
                acc += (short) ((pcm[at] & 0xff) | (pcm[at + 1] << 8));
            }
            return acc / channels / 32768f;
        }
    }
}
