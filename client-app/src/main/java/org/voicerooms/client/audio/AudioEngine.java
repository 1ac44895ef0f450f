package org.voicerooms.client.audio;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;

/**
 * The app's audio: one libwebrtc {@link PeerConnectionFactory} over the platform's audio device module, the
 * microphone track, and device listing and selection. The only package that touches webrtc-java. Create one per
 * app; {@link #join} wires a room session to a mesh of peer connections.
 */
public final class AudioEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AudioEngine.class);

    private final AudioDeviceModule adm;
    private final PeerConnectionFactory factory;
    private final AudioTrackSource micSource;
    private final AudioTrack mic;
    private volatile AudioSettings settings;

    public AudioEngine(AudioSettings settings) {
        this.settings = settings;
        this.adm = new AudioDeviceModule();
        selectDevices(settings);
        this.factory = new PeerConnectionFactory(adm);
        AudioOptions options = new AudioOptions();
        options.echoCancellation = settings.echoCancellation();
        options.noiseSuppression = settings.noiseSuppression();
        options.autoGainControl = settings.autoGainControl();
        options.highpassFilter = settings.noiseSuppression();
        this.micSource = factory.createAudioSource(options);
        this.mic = factory.createAudioTrack("mic", micSource);
    }

    public AudioSettings settings() {
        return settings;
    }

    /** Capture devices by name, the system default first. */
    public List<String> microphones() {
        return MediaDevices.getAudioCaptureDevices().stream().map(AudioDevice::getName).toList();
    }

    /** Playout devices by name, the system default first. */
    public List<String> speakers() {
        return MediaDevices.getAudioRenderDevices().stream().map(AudioDevice::getName).toList();
    }

    /** Sets the devices to use; takes effect for capture and playout started afterwards. */
    public void selectDevices(AudioSettings chosen) {
        this.settings = chosen;
        if (chosen.microphone() != null) {
            MediaDevices.getAudioCaptureDevices().stream().filter(d -> d.getName().equals(chosen.microphone()))
                    .findFirst().ifPresentOrElse(adm::setRecordingDevice,
                            () -> LOG.warn("No microphone named '{}'; using the default", chosen.microphone()));
        }
        if (chosen.speaker() != null) {
            MediaDevices.getAudioRenderDevices().stream().filter(d -> d.getName().equals(chosen.speaker()))
                    .findFirst().ifPresentOrElse(adm::setPlayoutDevice,
                            () -> LOG.warn("No speaker named '{}'; using the default", chosen.speaker()));
        }
    }

    /** Connects a live room session's audio: peer connections follow its peers, signaling goes over realtime. */
    public MeshAudio join(RoomSession session, RealtimeClient realtime, ApiClient api) {
        return new MeshAudio(this, session, realtime, api);
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    AudioTrack mic() {
        return mic;
    }

    @Override
    public void close() {
        mic.dispose();
        factory.dispose();
        adm.dispose();
    }
}
