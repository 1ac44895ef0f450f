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
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
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
public final class MeshAudio implements RoomAudio {

    private static final Logger LOG = LoggerFactory.getLogger(MeshAudio.class);

    private final AudioEngine engine;
    private final RoomSession session;
    private final RealtimeClient realtime;
    /**
     * The ICE servers, asked for by the mesh thread's first task, so the join goes out meanwhile; links are made
     * on that thread after it.
     */
    private volatile RTCConfiguration rtcConfig;
    private final ExecutorService thread;
    private final Map<String, PeerLinkConnection> links = new HashMap<>();
    final List<RemoteAudioListener> remoteListeners = new CopyOnWriteArrayList<>();
    private final RemoteLevels remoteLevels = new RemoteLevels();
    private final java.util.concurrent.ScheduledExecutorService voice;
    private final VoiceActivity activity = new VoiceActivity();
    private static final long REJOIN_GRACE_MS = 15_000;
    private final Map<String, Long> graceUntil = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean reconnecting;
    private volatile double localLevel;
    private volatile double micLevel;
    /** Open while on stage: the microphone's own level, for voice activity. Mesh thread. */
    private volatile MicMeter meter;
    /** This person's place and mute as the room last said: a change there sets the mute here. */
    private volatile String roomMute = "";
    private volatile boolean selfMuted;
    /** Whom this person wants to hear (a local mute says no); asked again whenever a link gets its track. */
    private volatile Predicate<String> hearing = peer -> true;
    private volatile boolean closed;
    private volatile boolean misbehaving;
    private volatile Predicate<String> linkable = peer -> true;
    private final List<org.voicerooms.client.core.RealtimeClient.Subscription> subscriptions =
            new CopyOnWriteArrayList<>();
    private final Consumer<RoomSession.Change> sessionListener;
    /** Candidates that came before their link (mesh thread): replayed when the peer's offer makes it. */
    private final Map<String, List<Early>> early = new HashMap<>();
    private static final long EARLY_KEPT_MS = 10_000;
    /** Per peer: how many links this side offered in a row that never connected (for the retry backoff). */
    private final Map<String, Integer> tries = new HashMap<>();

    private record Early(org.voicerooms.model.live.Payloads.IceCandidate candidate, long at) {
    }

    MeshAudio(AudioEngine engine, RoomSession session, RealtimeClient realtime, ApiClient api) {
        this.engine = engine;
        engine.roomOpened(this);
        this.session = session;
        this.realtime = realtime;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-mesh-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        thread.execute(() -> rtcConfig = config(engine, api));
        String roomId = session.roomId();
        // Handlers go on before the join is sent: a peer offers as soon as the server announces us, and an offer
        // that found no handler would be lost until a retry.
        subscriptions.add(realtime.on(Events.RELAYED_OFFER, s -> {
            if (roomId.equals(s.roomId())) {
                run(() -> answer(s.peerId(), s.sdp()));
            }
        }));
        subscriptions.add(realtime.on(Events.RELAYED_ANSWER, s -> {
            if (roomId.equals(s.roomId())) {
                run(() -> existing(s.peerId(), l -> l.onAnswer(s.sdp())));
            }
        }));
        subscriptions.add(realtime.on(Events.RELAYED_ICE_CANDIDATE, c -> {
            if (roomId.equals(c.roomId())) {
                run(() -> candidate(c));
            }
        }));
        followRoomMute();
        sessionListener = change -> {
            noteRejoin(change);
            followRoomMute();
            run(this::reconcile);
        };
        session.addListener(sessionListener);
        run(this::reconcile);
        this.voice = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-voice-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        voice.scheduleWithFixedDelay(this::detectVoice, VoiceActivity.TICK_MS, VoiceActivity.TICK_MS,
                TimeUnit.MILLISECONDS);
        // links that went stale (a peer restarted, an offer lost) are rebuilt by the same reconcile
        voice.scheduleWithFixedDelay(() -> run(this::reconcile), 1, 1, TimeUnit.SECONDS);
    }

    /**
     * Local voice activity: the microphone's level read every tick while on stage (from a meter of the microphone
     * itself, so it works with no one listening and whichever side offered each link), through
     * {@link VoiceActivity}'s debounce; a change is told to the room ({@code room:speaking}). Muted, it reads as
     * silence for the room, while {@link #micLevel()} still says whether the person is talking.
     */
    private void detectVoice() {
        try {
            MicMeter m = meter;
            double level = m != null && sending() ? m.level() : 0;
            micLevel = level;
            localLevel = selfMuted ? 0 : level;
            Boolean change = activity.offer(localLevel);
            if (change != null && session.status() == RoomSession.Status.LIVE) {
                session.speaking(change).exceptionally(e -> {
                    LOG.debug("Speaking state not sent: {}", e.getMessage());
                    return null;
                });
            }
        } catch (RuntimeException e) {
            LOG.debug("Voice level not read: {}", e.toString());
        }
    }

    /** Called on libwebrtc's audio thread for each 10 ms of a peer's audio: keeps a peak level that decays. */
    void heard(String peerId, byte[] pcm, int channels, int frames) {
        remoteLevels.heard(peerId, pcm, channels, frames);
    }

    /**
     * Each connected peer's audio level now, 0 (silence) to 1 (full scale), a peak that decays over about 200 ms:
     * drives the speaking rings. A peer whose audio stopped arriving reads 0.
     */
    @Override
    public Map<String, Double> remoteLevels() {
        return remoteLevels.now();
    }

    /** This microphone's level as sent, 0 to 1; 0 while muted or in the audience. */
    @Override
    public double localLevel() {
        return localLevel;
    }

    /** The microphone's level on stage, muted or not (to notice someone talking while muted); 0 in the audience. */
    @Override
    public double micLevel() {
        return micLevel;
    }

    /** Whether local voice activity says this person is speaking now. */
    @Override
    public boolean speaking() {
        return activity.speaking();
    }

    static RTCConfiguration config(AudioEngine engine, ApiClient api) {
        RTCConfiguration config = new RTCConfiguration();
        config.iceTransportPolicy = engine.icePolicy().rtc();
        try {
            IceServers servers = api.iceServers();
            for (IceServers.IceServer s : servers.iceServers()) {
                RTCIceServer ice = new RTCIceServer();
                ice.urls = s.urls();
                ice.username = s.username();
                ice.password = s.credential();
                config.iceServers.add(ice);
            }
        } catch (RuntimeException e) {
            LOG.warn("No ICE servers from the server ({}); using host candidates only", e.getMessage());
        }
        return config;
    }

    /**
     * For load tools: links only to the peers {@code filter} accepts, ignoring the rest of the room's topology (many
     * participants in one process, each linked to just the client under test).
     */
    public void linkOnly(Predicate<String> filter) {
        linkable = filter;
        run(this::reconcile);
    }

    @Override
    public void addRemoteAudioListener(RemoteAudioListener listener) {
        remoteListeners.add(listener);
    }

    /**
     * The room's word on this person's mute wins whenever it changes: new speakers come up muted, a moderator can
     * mute. In between, {@link #setSelfMuted} acts at once, before the room confirms it.
     */
    private void followRoomMute() {
        Participant you = session.you();
        if (you == null || misbehaving) {
            return;
        }
        String now = you.role().onStage() + "/" + you.muted();
        if (!now.equals(roomMute)) {
            roomMute = now;
            if (you.role().onStage() && selfMuted != you.muted()) {
                LOG.info("The room has this microphone {}", you.muted() ? "muted" : "unmuted");
                selfMuted = you.muted();
            }
        }
    }

    /**
     * Mutes or unmutes the microphone for everyone at once; tell the room too ({@link RoomSession#setMuted}), whose
     * answer then agrees.
     */
    @Override
    public void setSelfMuted(boolean muted) {
        selfMuted = muted;
        run(this::reconcile);
    }

    /** Peers with an open connection now. */
    /**
     * Whom to play on this speaker: {@code rule} says, per peer, whether their audio plays here (a local mute
     * nobody else notices). Applied to every link now and to each link made later. Any thread.
     */
    @Override
    public void setHearing(Predicate<String> rule) {
        hearing = rule;
        List<PeerLinkConnection> now;
        synchronized (links) {
            now = List.copyOf(links.values());
        }
        now.forEach(PeerLinkConnection::applyHeard);
    }

    /** Asks the hearing rule again for {@code peerId} (after the person changed their choice). Any thread. */
    @Override
    public void applyHearing(String peerId) {
        PeerLinkConnection l;
        synchronized (links) {
            l = links.get(peerId);
        }
        if (l != null) {
            l.applyHeard();
        }
        LOG.info("{} {} here", peerId, heard(peerId) ? "played" : "silenced");
    }

    /** Whether {@code peerId} is played here ({@link #setHearing}). */
    public boolean heard(String peerId) {
        return hearing.test(peerId);
    }

    @Override
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
    @Override
    public Map<String, PeerLinkConnection.Stats> stats() {
        Map<String, PeerLinkConnection> now;
        synchronized (links) {
            now = Map.copyOf(links);
        }
        Map<String, PeerLinkConnection.Stats> out = new HashMap<>();
        now.forEach((id, l) -> out.put(id, l.stats()));
        return out;
    }

    /**
     * For test clients only: sends the microphone whatever the room says (in the audience, or muted by a
     * moderator), as a modified client would. The receivers must then be the ones that do not play it.
     */
    public void misbehave() {
        misbehaving = true;
        run(this::reconcile);
    }

    boolean sending() {
        Participant you = session.you();
        if (misbehaving && you != null) {
            return true;
        }
        // While reconnecting the server is away but the peers may not be: keep talking to them.
        RoomSession.Status status = session.status();
        return you != null && you.role().onStage()
                && (status == RoomSession.Status.LIVE || status == RoomSession.Status.RECONNECTING);
    }

    @Override
    public boolean levelsHeld() {
        return engine.levelsHeld();
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

    /**
     * An offer from a peer. Links are negotiated once (role changes swap the track, not the SDP), so an offer on a
     * link that is already negotiated means the peer started over, e.g. after its app or the server restarted: the
     * old connection goes and a new one answers.
     */
    private void answer(String peerId, String sdp) {
        if (!linkable.test(peerId)) {
            return;
        }
        PeerLinkConnection old;
        synchronized (links) {
            old = links.get(peerId);
            if (old != null && old.negotiated()) {
                links.remove(peerId);
            } else {
                old = null;
            }
        }
        if (old != null) {
            LOG.info("{} started the link over; replacing ours", peerId);
            old.close();
        }
        link(peerId, false).onOffer(sdp);
    }

    /**
     * After this session comes back from reconnecting (e.g. the server restarted), others are still on their way
     * back: the links to them stay up for {@link #REJOIN_GRACE_MS} so audio goes on, unless the room says they
     * left. A link to someone who left or was kicked is never kept.
     */
    private void noteRejoin(RoomSession.Change change) {
        if ("status".equals(change.kind()) && "RECONNECTING".equals(change.detail())) {
            reconnecting = true;
        } else if ("status".equals(change.kind()) && "LIVE".equals(change.detail()) && reconnecting) {
            reconnecting = false;
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REJOIN_GRACE_MS);
            synchronized (links) {
                links.keySet().forEach(peer -> graceUntil.put(peer, until));
            }
        } else if ("left".equals(change.kind()) && change.userId() != null) {
            graceUntil.remove(change.userId());
        }
    }

    private boolean inGrace(String peerId, PeerLinkConnection link) {
        Long until = graceUntil.get(peerId);
        if (until == null || System.nanoTime() > until || link.down()) {
            graceUntil.remove(peerId);
            return false;
        }
        return true;
    }

    /** A link left the connected state: look again now, and the periodic check rebuilds it if it stays down. */
    void linkTrouble() {
        run(this::reconcile);
    }

    /**
     * A relayed candidate: to its link, or, when the link is not there yet, kept for {@link #EARLY_KEPT_MS} and
     * given to the link the peer's offer makes. Mesh thread.
     */
    private void candidate(org.voicerooms.model.live.Payloads.IceCandidate c) {
        PeerLinkConnection l;
        synchronized (links) {
            l = links.get(c.peerId());
        }
        if (l != null) {
            l.onCandidate(c);
            return;
        }
        long now = System.nanoTime();
        early.values().forEach(list -> list.removeIf(e -> now - e.at > TimeUnit.MILLISECONDS.toNanos(EARLY_KEPT_MS)));
        early.values().removeIf(List::isEmpty);
        early.computeIfAbsent(c.peerId(), p -> new ArrayList<>()).add(new Early(c, now));
    }

    /** The link to {@code peerId}, made if there is none (mesh thread); a new one gets the candidates kept for it. */
    private PeerLinkConnection link(String peerId, boolean offer) {
        PeerLinkConnection made;
        synchronized (links) {
            PeerLinkConnection l = links.get(peerId);
            if (l != null) {
                return l;
            }
            made = new PeerLinkConnection(this, peerId, offer, tries.getOrDefault(peerId, 0));
            links.put(peerId, made);
        }
        List<Early> kept = early.remove(peerId);
        if (kept != null && !offer) {
            kept.forEach(e -> made.onCandidate(e.candidate));
        }
        return made;
    }

    /** Brings connections in line with the session's peers and this person's role. */
    private void reconcile() {
        if (closed) {
            return;
        }
        RoomSession.Status status = session.status();
        if (status == RoomSession.Status.JOINING || status == RoomSession.Status.WAITING) {
            return; // the room's peers are not known yet: a link an early offer made must not go
        }
        List<PeerLink> peers = status == RoomSession.Status.LIVE || status == RoomSession.Status.RECONNECTING
                ? session.peers() : List.of();
        Map<String, PeerLink> wanted = new HashMap<>();
        peers.stream().filter(p -> linkable.test(p.peerId())).forEach(p -> wanted.put(p.peerId(), p));
        List<PeerLinkConnection> gone = new ArrayList<>();
        synchronized (links) {
            links.entrySet().removeIf(e -> {
                boolean keep = wanted.containsKey(e.getKey()) ? !e.getValue().stale()
                        : inGrace(e.getKey(), e.getValue());
                if (!keep) {
                    gone.add(e.getValue());
                    return true;
                }
                return false;
            });
        }
        gone.forEach(l -> {
            l.close();
            remoteLevels.forget(l.peerId());
            if (l.offerer() && !l.everConnected() && wanted.containsKey(l.peerId())) {
                tries.merge(l.peerId(), 1, Integer::sum); // offered again, a little later next time
            } else {
                tries.remove(l.peerId());
            }
        });
        engine.mic().setEnabled(!selfMuted);
        if (engine.setMicLive(this, sending() && !selfMuted)) { // personal levels held or let go: ask every link again
            synchronized (links) {
                links.values().forEach(PeerLinkConnection::applyHeard);
            }
        }
        // Only who the room has speaking is played: a listener's or muted speaker's audio is dropped here,
        // whatever their client sends (re-applied on every role and mute change, which calls this).
        java.util.Set<String> audible = new java.util.HashSet<>();
        for (Participant member : session.participants()) {
            if (member.role().onStage() && !member.muted()) {
                audible.add(member.userId());
            }
        }
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
            l.setAudible(audible.contains(p.peerId()));
        }
        boolean onStage = sending();
        if (onStage && meter == null) {
            meter = engine.meter();
        } else if (!onStage && meter != null) {
            meter.close();
            meter = null;
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.roomClosed(this);
        subscriptions.forEach(org.voicerooms.client.core.RealtimeClient.Subscription::close);
        session.removeListener(sessionListener);
        voice.shutdownNow();
        thread.submit(() -> {
            synchronized (links) {
                links.values().forEach(PeerLinkConnection::close);
                links.clear();
            }
            if (meter != null) {
                meter.close();
                meter = null;
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
