package org.voicerooms.client.audio;

import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.server.IceServers;

/**
 * The audio mesh of one room session: one peer connection per peer the session lists (the server's topology: an
 * edge wherever one side is on stage), offered by the side shared-model's rule names. Each connection carries one
 * two-way audio transceiver; the microphone is attached to it while this person is on stage and detached when they
 * go back to the audience, so promotion and demotion change what flows on the existing connection instead of
 * rebuilding it. Self-mute disables the track. All state changes run on one mesh thread.
 */
public final class MeshAudio implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MeshAudio.class);

    /** Remote audio as it arrives: who, and 10 ms of 16-bit PCM. Runs on libwebrtc's audio thread: be quick. */
    public interface RemoteAudioListener {
        void onAudio(String peerId, byte[] pcm, int sampleRate, int channels, int frames);
    }

    private final AudioEngine engine;
    private final RoomSession session;
    private final RealtimeClient realtime;
    private final RTCConfiguration rtcConfig;
    private final ExecutorService thread;
    private final Map<String, PeerLinkConnection> links = new HashMap<>();
    final List<RemoteAudioListener> remoteListeners = new CopyOnWriteArrayList<>();
    private volatile boolean selfMuted;
    private volatile boolean closed;

    MeshAudio(AudioEngine engine, RoomSession session, RealtimeClient realtime, ApiClient api) {
        this.engine = engine;
        this.session = session;
        this.realtime = realtime;
        this.rtcConfig = config(api);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-mesh-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        String roomId = session.roomId();
        realtime.on(Events.RELAYED_OFFER, s -> {
            if (roomId.equals(s.roomId())) {
                run(() -> link(s.peerId(), false).onOffer(s.sdp()));
            }
        });
        realtime.on(Events.RELAYED_ANSWER, s -> {
            if (roomId.equals(s.roomId())) {
                run(() -> existing(s.peerId(), l -> l.onAnswer(s.sdp())));
            }
        });
        realtime.on(Events.RELAYED_ICE_CANDIDATE, c -> {
            if (roomId.equals(c.roomId())) {
                run(() -> existing(c.peerId(), l -> l.onCandidate(c)));
            }
        });
        session.addListener(change -> run(this::reconcile));
        run(this::reconcile);
    }

    private static RTCConfiguration config(ApiClient api) {
        RTCConfiguration config = new RTCConfiguration();
        try {
            IceServers servers = api.iceServers();
            for (IceServers.IceServer s : servers.iceServers()) {
                RTCIceServer ice = new RTCIceServer();
                ice.urls = s.urls();
                ice.username = s.username();
                ice.password = s.credential();
                config.iceServers.add(ice);
            }
        } catch (ApiException e) {
            LOG.warn("No ICE servers from the server ({}); using host candidates only", e.getMessage());
        }
        return config;
    }

    public void addRemoteAudioListener(RemoteAudioListener listener) {
        remoteListeners.add(listener);
    }

    /** Mutes or unmutes the microphone for everyone; the server hears of it through the session. */
    public void setSelfMuted(boolean muted) {
        selfMuted = muted;
        run(this::reconcile);
    }

    /** Peers with an open connection now. */
    public List<String> connectedPeers() {
        List<String> out = new ArrayList<>();
        synchronized (links) {
            links.forEach((id, l) -> {
                if (l.connected()) {
                    out.add(id);
                }
            });
        }
        return out;
    }

    /** Connection figures per peer (RTT, loss, jitter, bitrate, audio level); asks libwebrtc, so it takes a moment. */
    public Map<String, PeerLinkConnection.Stats> stats() {
        Map<String, PeerLinkConnection> now;
        synchronized (links) {
            now = Map.copyOf(links);
        }
        Map<String, PeerLinkConnection.Stats> out = new HashMap<>();
        now.forEach((id, l) -> out.put(id, l.stats()));
        return out;
    }

    boolean sending() {
        Participant you = session.you();
        return you != null && you.role().onStage() && session.status() == RoomSession.Status.LIVE;
    }

    boolean micEnabled() {
        return !selfMuted;
    }

    AudioEngine engine() {
        return engine;
    }

    RealtimeClient realtime() {
        return realtime;
    }

    String roomId() {
        return session.roomId();
    }

    RTCConfiguration rtcConfig() {
        return rtcConfig;
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("Mesh task failed in room {}", session.roomId(), e);
            }
        });
    }

    private void existing(String peerId, Consumer<PeerLinkConnection> action) {
        PeerLinkConnection l;
        synchronized (links) {
            l = links.get(peerId);
        }
        if (l != null) {
            action.accept(l);
        }
    }

    private PeerLinkConnection link(String peerId, boolean offer) {
        synchronized (links) {
            return links.computeIfAbsent(peerId, id -> new PeerLinkConnection(this, id, offer));
        }
    }

    /** Brings connections in line with the session's peers and this person's role. */
    private void reconcile() {
        RoomSession.Status status = session.status();
        List<PeerLink> peers = status == RoomSession.Status.LIVE || status == RoomSession.Status.RECONNECTING
                ? session.peers() : List.of();
        Map<String, PeerLink> wanted = new HashMap<>();
        peers.forEach(p -> wanted.put(p.peerId(), p));
        List<PeerLinkConnection> gone = new ArrayList<>();
        synchronized (links) {
            links.entrySet().removeIf(e -> {
                if (!wanted.containsKey(e.getKey()) || e.getValue().failed()) {
                    gone.add(e.getValue());
                    return true;
                }
                return false;
            });
        }
        gone.forEach(PeerLinkConnection::close);
        engine.mic().setEnabled(!selfMuted);
        for (PeerLink p : wanted.values()) {
            PeerLinkConnection l;
            boolean fresh;
            synchronized (links) {
                fresh = !links.containsKey(p.peerId());
                l = link(p.peerId(), p.youOffer());
            }
            if (fresh && p.youOffer()) {
                l.offer();
            }
            l.updateSending();
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.submit(() -> {
            synchronized (links) {
                links.values().forEach(PeerLinkConnection::close);
                links.clear();
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
