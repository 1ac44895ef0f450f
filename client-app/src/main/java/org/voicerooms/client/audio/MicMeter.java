package org.voicerooms.client.audio;

import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The microphone's level, independent of any call: a second capture of the chosen microphone (its own device
 * module, so the call's audio path is untouched) for the settings meter and for noticing speech while muted. Under
 * PulseAudio its stream is moved to the chosen microphone like the call's. Close it when the screen goes away.
 */
public final class MicMeter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MicMeter.class);

    private final AudioDeviceModule adm = new AudioDeviceModule();
    private volatile double level;
    private volatile long at;
    private boolean running;
    private int callbacks;

    MicMeter(AudioEngine engine) {
        adm.setAudioSink(new AudioSink() {
            @Override
            public void onRecordedData(byte[] samples, int nSamples, int bytesPerSample, int channels,
                                       int sampleRate, int delayMs, int drift) {
                int peak = 0;
                int n = Math.min(nSamples * channels, samples.length / 2);
                for (int i = 0; i < n; i++) {
                    peak = Math.max(peak, Math.abs((short) ((samples[2 * i] & 0xff) | (samples[2 * i + 1] << 8))));
                }
                double now = peak / 32768.0;
                if (++callbacks == 100) {
                    LOG.debug("Microphone meter running: {} Hz, {} channel(s), level {}", sampleRate, channels, now);
                }
                level = Math.max(now, level * 0.9);
                at = System.nanoTime();
            }
        });
        try {
            // libwebrtc wants a device named before it records; PulseAudio routing then moves the stream
            var devices = dev.onvoid.webrtc.media.MediaDevices.getAudioCaptureDevices();
            if (!devices.isEmpty()) {
                adm.setRecordingDevice(devices.get(0));
            }
            adm.initRecording();
            adm.startRecording();
            running = true;
            engine.reroute();
            LOG.debug("Microphone meter started");
        } catch (Error e) {
            LOG.warn("Microphone meter unavailable: {}", e.getMessage());
        }
    }

    /** The microphone's level now, 0 (silence) to 1 (full scale): the recent peak, halving every 400 ms. */
    public double level() {
        // PulseAudio may hand capture over in bursts: decay by time since the last audio, not per callback
        double ageMs = (System.nanoTime() - at) / 1e6;
        return ageMs > 3000 ? 0 : level * Math.pow(0.5, Math.max(0, ageMs - 100) / 400);
    }

    /** Whether it is capturing (a machine without a microphone has nothing to meter). */
    public boolean running() {
        return running;
    }

    @Override
    public synchronized void close() {
        if (running) {
            running = false;
            try {
                adm.stopRecording();
            } catch (Error e) {
                LOG.debug("Meter stop: {}", e.getMessage());
            }
        }
        adm.dispose();
    }
}
