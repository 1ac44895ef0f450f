package org.voicerooms.client.audio;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.Device;
import dev.onvoid.webrtc.media.DeviceChangeListener;
import dev.onvoid.webrtc.media.MediaDevices;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
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
    private AudioTrackSource micSource;
    /** Replaced only while no room is open ({@link #remakeMicIfChanged}); read by links without the lock. */
    private volatile AudioTrack mic;
    /** The processing the microphone track was made with ({@link #applySettings} changes it between rooms). */
    private volatile AudioSettings micMadeWith;
    /** The room audios open on this engine now. */
    private final java.util.Set<Object> rooms = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PulseRouting pulse;
    private final List<Consumer<DeviceChange>> deviceListeners = new CopyOnWriteArrayList<>();
    private final DeviceChangeListener hotPlug;
    private final java.util.Set<String> knownMicrophones = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile AudioSettings settings;
    private volatile IcePolicy icePolicy = IcePolicy.ALL;
    private volatile java.util.function.ToDoubleFunction<String> levels = who -> 1.0;
    private final PersonalMix personal;
    /** The room audios whose microphone goes out now (during a move between plans, both may say so). */
    private final java.util.Set<Object> micLive = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A microphone or speaker was plugged in or removed. */
    public record DeviceChange(String name, boolean microphone, boolean connected) {
    }

    public AudioEngine(AudioSettings settings) {
        this.settings = settings;
        boolean pulseAudio = PulseRouting.available();
        if (pulseAudio && PulseRouting.hasNoDevices()) {
            throw new IllegalStateException("no speaker or microphone found (PulseAudio has no devices)");
        }
        this.adm = new AudioDeviceModule();
        this.pulse = pulseAudio ? new PulseRouting() : null;
        this.personal = new PersonalMix(true, this::reroute);
        this.hotPlug = new DeviceChangeListener() {
            @Override
            public void deviceConnected(Device device) {
                changed(device, true);
            }

            @Override
            public void deviceDisconnected(Device device) {
                changed(device, false);
            }
        };
        rememberMicrophones();
        MediaDevices.addDeviceChangeListener(hotPlug);
        selectDevices(settings);
        this.factory = new PeerConnectionFactory(adm);
        makeMic(settings);
        warmUp();
    }

    /** The microphone track, with libwebrtc's processing (echo, noise, gain) as {@code s} says. */
    private void makeMic(AudioSettings s) {
        AudioOptions options = new AudioOptions();
        options.echoCancellation = s.echoCancellation();
        options.noiseSuppression = s.noiseSuppression();
        options.autoGainControl = s.autoGainControl();
        options.highpassFilter = s.noiseSuppression();
        this.micSource = factory.createAudioSource(options);
        this.mic = factory.createAudioTrack("mic", micSource);
        this.micMadeWith = s;
    }

    /**
     * Takes the person's new settings: devices at once ({@link #selectDevices}); the quality tier for connections
     * made from now on; echo cancellation, noise suppression and gain control from the next room (libwebrtc sets a
     * microphone's processing when its track is made; the track in use now stays as it is until the room is left).
     */
    public synchronized void applySettings(AudioSettings next) {
        selectDevices(next);
        if (rooms.isEmpty()) {
            remakeMicIfChanged();
        }
    }

    /** Holding the lock, with no room open: a new microphone track if the processing changed. */
    private void remakeMicIfChanged() {
        AudioSettings s = settings;
        AudioSettings made = micMadeWith;
        if (made != null && s.echoCancellation() == made.echoCancellation()
                && s.noiseSuppression() == made.noiseSuppression() && s.autoGainControl() == made.autoGainControl()) {
            return;
        }
        AudioTrack old = mic;
        makeMic(s);
        dispose("previous microphone track", old::dispose);
        LOG.info("Microphone processing now: echo cancellation {}, noise suppression {}, gain control {}",
                s.echoCancellation(), s.noiseSuppression(), s.autoGainControl());
    }

    /** A room's audio starts using this engine: a processing change waiting for it takes effect first. */
    synchronized void roomOpened(Object room) {
        if (rooms.isEmpty()) {
            remakeMicIfChanged();
        }
        rooms.add(room);
    }

    /** A room's audio is done with this engine. */
    void roomClosed(Object room) {
        rooms.remove(room);
        setMicLive(room, false);
    }

    /**
     * A process's first peer connection starts libwebrtc's network machinery (its threads, the network monitor, the
     * port allocator's sockets) and loads the code of the whole offer path; on a room's first join that held the
     * first audio back by several hundred ms, on both sides of the link. One throwaway connection, offered (host
     * candidates only: nothing leaves the machine) and closed, does it when the engine starts instead.
     */
    private void warmUp() {
        long start = System.nanoTime();
        java.util.concurrent.CountDownLatch gathered = new java.util.concurrent.CountDownLatch(1);
        RTCPeerConnection pc = factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.countDown();
                }
            }
        });
        try {
            RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
            init.direction = RTCRtpTransceiverDirection.RECV_ONLY;
            pc.addTransceiver(mic, init);
            pc.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
                @Override
                public void onSuccess(RTCSessionDescription offer) {
                    pc.setLocalDescription(offer, new SetSessionDescriptionObserver() {
                        @Override
                        public void onSuccess() {
                        }

                        @Override
                        public void onFailure(String error) {
                            gathered.countDown();
                        }
                    });
                }

                @Override
                public void onFailure(String error) {
                    gathered.countDown();
                }
            });
            if (!gathered.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                LOG.debug("Warm-up connection still gathering after 2 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.warn("Audio warm-up skipped: {}", e.toString());
        } finally {
            pc.close();
        }
        LOG.info("Audio connections warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
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

    /**
     * Hears of microphones and speakers plugged in or removed, on a native thread: be quick. When the chosen device
     * comes back it is used again.
     */
    public void addDeviceListener(Consumer<DeviceChange> listener) {
        deviceListeners.add(listener);
    }

    private void rememberMicrophones() {
        MediaDevices.getAudioCaptureDevices().forEach(d -> knownMicrophones.add(d.getDescriptor()));
    }

    private void changed(Device device, boolean connected) {
        if (!(device instanceof AudioDevice audio)) {
            return;
        }
        // webrtc-java 0.14 does not say which way a device goes: a microphone is one the capture list has or had.
        boolean microphone = MediaDevices.getAudioCaptureDevices().contains(audio)
                || knownMicrophones.contains(audio.getDescriptor());
        rememberMicrophones();
        LOG.info("{} {}: {}", microphone ? "Microphone" : "Speaker", connected ? "connected" : "removed",
                device.getName());
        DeviceChange change = new DeviceChange(device.getName(), microphone, connected);
        deviceListeners.forEach(l -> l.accept(change));
        AudioSettings now = settings;
        if (connected && (device.getName().equals(now.microphone()) || device.getName().equals(now.speaker()))) {
            selectDevices(now);
        }
    }

    /**
     * Sets the devices to use, by name (null: the system default). Takes effect at once: under PulseAudio the
     * running streams move; elsewhere capture and playout started afterwards use them.
     */
    public synchronized void selectDevices(AudioSettings chosen) {
        this.settings = chosen;
        Optional<AudioDevice> mic = find(MediaDevices.getAudioCaptureDevices(), chosen.microphone(), "microphone");
        Optional<AudioDevice> speaker = find(MediaDevices.getAudioRenderDevices(), chosen.speaker(), "speaker");
        if (pulse != null) {
            // libwebrtc's PulseAudio backend would use the default whatever we chose: move the streams instead.
            pulse.route(mic.map(Device::getDescriptor).orElse(null), speaker.map(Device::getDescriptor).orElse(null));
            return;
        }
        mic.ifPresent(d -> switchDevice(() -> adm.setRecordingDevice(d), adm::stopRecording, () -> {
            adm.initRecording();
            adm.startRecording();
        }, d));
        speaker.ifPresent(d -> switchDevice(() -> adm.setPlayoutDevice(d), adm::stopPlayout, () -> {
            adm.initPlayout();
            adm.startPlayout();
        }, d));
        speaker.ifPresent(personal::useDevice);
    }

    /**
     * How loud to play each person here, by user id: 0 to 2 (200 %), 1 by default. Read on libwebrtc's audio thread
     * for every 10 ms of a voice: keep it a quick lookup. Call {@link RoomAudio#applyHearing} after a change.
     */
    public void setLevels(java.util.function.ToDoubleFunction<String> levels) {
        this.levels = levels == null ? who -> 1.0 : levels;
    }

    /**
     * Tells the engine whether this microphone goes out now (on stage, not muted); true when that changed, and the
     * room's audio should then ask {@link #leveled} again for everyone.
     */
    boolean setMicLive(Object room, boolean live) {
        boolean before = levelsHeld();
        if (live) {
            micLive.add(room);
        } else {
            micLive.remove(room);
        }
        boolean now = levelsHeld();
        if (now != before) {
            LOG.info(now ? "Microphone live with echo cancellation: personal levels held at 100 % meanwhile"
                    : "Personal levels apply again");
        }
        return now != before;
    }

    /**
     * Whether personal levels other than 0 are held at 100 % now: while the microphone goes out and echo
     * cancellation is on. The echo canceller hears only libwebrtc's own mix; a voice played outside it by
     * {@link PersonalMix} would come back through loudspeakers uncancelled, measured at 1.6 dB under the voice itself
     * instead of some 76 dB or more (EchoE2EIT). With echo cancellation off (headphones), levels always apply.
     */
    public boolean levelsHeld() {
        AudioSettings made = micMadeWith;
        return !micLive.isEmpty() && made != null && made.echoCancellation();
    }

    /** {@code who}'s level here, 0..2 ({@link #setLevels}). */
    double level(String who) {
        double l = levels.applyAsDouble(who);
        return Double.isNaN(l) ? 1.0 : Math.max(0, Math.min(2, l));
    }

    /**
     * Whether {@code who}'s voice, when played at all, goes through {@link PersonalMix} (a level other than 100 %)
     * rather than libwebrtc's own mix.
     */
    boolean leveled(String who) {
        if (levelsHeld()) {
            return false;
        }
        double l = level(who);
        return l > 0 && l != 1.0;
    }

    /**
     * 10 ms of {@code who}'s audio from a track the caller left out of libwebrtc's mix ({@link #leveled} said so
     * when it last applied the person's choice): plays it at their level.
     */
    void playLeveled(String who, byte[] pcm, int sampleRate, int channels, int frames) {
        personal.play(who, level(who), pcm, sampleRate, channels, frames);
    }

    /** {@code who} is played by libwebrtc again, or not at all: drops what was queued for them. */
    void unleveled(String who) {
        personal.forget(who);
    }

    /** libwebrtc refuses a new device while that side runs: then it stops, switches and starts again. */
    private static void switchDevice(Runnable set, Runnable stop, Runnable start, AudioDevice device) {
        try {
            set.run();
        } catch (Error refused) {
            try {
                stop.run();
                set.run();
                start.run();
            } catch (Error e) {
                LOG.warn("Could not switch to {}: {}", device.getName(), e.getMessage());
            }
        }
    }

    private static Optional<AudioDevice> find(List<AudioDevice> devices, String name, String what) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<AudioDevice> found = devices.stream()
                .filter(d -> d.getName().equals(name) || d.getDescriptor().equals(name)).findFirst();
        if (found.isEmpty()) {
            LOG.warn("No {} named '{}'; using the default", what, name);
        }
        return found;
    }

    /** A meter of the chosen microphone's level, for settings and for noticing speech while muted. */
    public MicMeter meter() {
        return new MicMeter(this);
    }

    /** Moves this process's audio streams to the chosen devices again (a new stream just opened). */
    void reroute() {
        if (pulse != null) {
            pulse.apply();
        }
    }

    /** Connects a live room session's audio as a mesh: peer connections follow its peers. */
    public MeshAudio join(RoomSession session, RealtimeClient realtime, ApiClient api) {
        return new MeshAudio(this, session, realtime, api);
    }

    /**
     * Connects a live room session's audio: by {@code plan} whatever the room says (test clients forcing a plan), or,
     * with {@code plan} null, by the room's media plan, moving live when it changes ({@link PlannedAudio}). Signaling
     * goes over realtime either way.
     */
    public RoomAudio join(RoomSession session, RealtimeClient realtime, ApiClient api, MediaPlan plan) {
        if (plan == null) {
            return new PlannedAudio(this, session, realtime, api);
        }
        return plan == MediaPlan.SFU ? new SfuAudio(this, session, realtime, api) : join(session, realtime, api);
    }

    /** Setting {@code ice-transport-policy}, for connections made from now on. */
    public void setIcePolicy(IcePolicy policy) {
        this.icePolicy = policy == null ? IcePolicy.ALL : policy;
    }

    public IcePolicy icePolicy() {
        return icePolicy;
    }

    /** webrtc-java throws Error when native objects are still referenced (a mesh left open): log, go on. */
    private static void dispose(String what, Runnable action) {
        try {
            action.run();
        } catch (Error e) {
            LOG.warn("Could not release the {}: {}", what, e.getMessage());
        }
    }

    PeerConnectionFactory factory() {
        return factory;
    }

    AudioTrack mic() {
        return mic;
    }

    @Override
    public void close() {
        MediaDevices.removeDeviceChangeListener(hotPlug);
        personal.close();
        if (pulse != null) {
            pulse.close();
        }
        dispose("microphone track", mic::dispose);
        dispose("peer connection factory", factory::dispose);
        dispose("audio device module", adm::dispose);
    }
}
