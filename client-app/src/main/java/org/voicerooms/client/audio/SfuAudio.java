package org.voicerooms.client.audio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.RTCConfiguration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.SfuPayloads.SfuStream;
import org.voicerooms.model.live.SfuPayloads.SfuSubscription;
import org.voicerooms.model.rooms.Participant;

/**
 * A room session's audio through the server's SFU (Janus): one subscribing connection carrying every speaker (one
 * audio section each, renegotiated by the server as speakers come and go), and, while on stage, one publishing
 * connection with the microphone (the same tier, packet time and AEC/NS/AGC as the mesh). Only our server is
 * talked to; it refuses to publish for anyone not on stage. All connection changes run on one SFU thread.
 */
public final class SfuAudio implements RoomAudio {

    private static final Logger LOG = LoggerFactory.getLogger(SfuAudio.class);

    private final AudioEngine engine;
    private final RoomSession session;
    private final RealtimeClient realtime;
    private volatile RTCConfiguration rtcConfig;
    private final ExecutorService thread;
    private final ScheduledExecutorService voice;
    private final List<RemoteAudioListener> listeners = new CopyOnWriteArrayList<>();
    private final RemoteLevels levels = new RemoteLevels();
    /** Whose audio each section of the subscription carries, as the server said last. */
    private final Map<String, String> speakers = new ConcurrentHashMap<>();
    private final VoiceActivity activity = new VoiceActivity();
    private final List<RealtimeClient.Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final Consumer<RoomSession.Change> sessionListener;
    private volatile SfuLink publisher;
    private volatile SfuLink subscriber;
    private boolean subscribed;
    private volatile MicMeter meter;
    private volatile double localLevel;
    private volatile double micLevel;
    private volatile boolean selfMuted;
    private volatile String roomMute = "";
    private volatile boolean followRoom = true;
    private volatile boolean closed;
    private volatile java.util.function.Predicate<String> hearing = peer -> true;

    SfuAudio(AudioEngine engine, RoomSession session, RealtimeClient realtime, ApiClient api) {
        this.engine = engine;
        engine.roomOpened(this);
        this.session = session;
        this.realtime = realtime;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-sfu-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        thread.execute(() -> rtcConfig = MeshAudio.config(engine, api));
        String roomId = session.roomId();
        subscriptions.add(realtime.on(Events.SFU_OFFER, offer -> {
            if (roomId.equals(offer.roomId())) {
                run(() -> offered(offer));
            }
        }));
        sessionListener = change -> {
            followRoomMute();
            run(this::reconcile);
        };
        session.addListener(sessionListener);
        followRoomMute();
        this.voice = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-sfu-voice-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        voice.scheduleWithFixedDelay(this::detectVoice, VoiceActivity.TICK_MS, VoiceActivity.TICK_MS,
                TimeUnit.MILLISECONDS);
        voice.scheduleWithFixedDelay(() -> run(this::reconcile), 1, 1, TimeUnit.SECONDS);
        run(this::reconcile);
    }

    /**
     * For test clients only: the room's mutes are no longer applied to this microphone, as a modified client would
     * do. The server must then be the one that keeps it from being heard.
     */
    public void ignoreRoomMutes() {
        followRoom = false;
    }

    /**
     * Publishes the microphone whatever the role, as a modified client would try; completes with the server's
     * refusal for anyone not on stage.
     */
    public CompletableFuture<Void> publishAnyway() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> {
            SfuLink link = new SfuLink(this, true);
            try {
                link.publish();
                closePublisher();
                publisher = link;
                done.complete(null);
            } catch (Exception e) {
                link.close();
                done.completeExceptionally(e);
            }
        });
        return done;
    }

    private void followRoomMute() {
        Participant you = session.you();
        if (you == null || !followRoom) {
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

    private boolean live() {
        RoomSession.Status s = session.status();
        return s == RoomSession.Status.LIVE || s == RoomSession.Status.RECONNECTING;
    }

    private boolean onStage() {
        Participant you = session.you();
        return you != null && you.role().onStage() && live();
    }

    /** Brings the two connections in line with the session and this person's role. SFU thread. */
    private void reconcile() {
        if (closed) {
            return;
        }
        engine.mic().setEnabled(!selfMuted);
        if (engine.setMicLive(this, onStage() && !selfMuted) && subscriber != null) {
            subscriber.applyHeard(); // personal levels held or let go
        }
        if (session.status() != RoomSession.Status.LIVE) {
            if (!live()) {
                closePublisher();
                closeSubscriber();
            }
            return;
        }
        if (subscriber != null && subscriber.broken()) {
            closeSubscriber();
        }
        if (!subscribed) {
            subscribe();
        }
        if (publisher != null && (publisher.broken() || !onStage())) {
            boolean left = !onStage();
            closePublisher();
            if (left) {
                realtime.call(Events.SFU_UNPUBLISH, new RoomRef(session.roomId()));
            }
        }
        if (publisher == null && onStage()) {
            SfuLink link = new SfuLink(this, true);
            try {
                link.publish();
                publisher = link;
            } catch (Exception e) {
                link.close();
                LOG.warn("Could not publish in room {}: {}", session.roomId(), RoomSession.errorOf(e).message());
            }
        }
        boolean stage = onStage();
        if (stage && meter == null) {
            meter = engine.meter();
        } else if (!stage && meter != null) {
            meter.close();
            meter = null;
        }
    }

    private void subscribe() {
        try {
            JsonNode ack = realtime.call(Events.SFU_SUBSCRIBE, new RoomRef(session.roomId()))
                    .get(SfuLink.STEP_LIMIT_MS, TimeUnit.MILLISECONDS);
            subscribed = true;
            com.fasterxml.jackson.databind.node.ObjectNode body = ack.deepCopy();
            body.remove("ok");
            SfuSubscription sub = realtime.mapper().treeToValue(body, SfuSubscription.class);
            if (sub.sdp() != null) {
                offered(sub);
            }
        } catch (Exception e) {
            LOG.warn("Could not subscribe in room {}: {}", session.roomId(), RoomSession.errorOf(e).message());
        }
    }

    /** A subscription offer, first or renegotiated. SFU thread. */
    private void offered(SfuSubscription offer) {
        // an offer the server pushed means it holds a subscription for us: asking again would replace it
        subscribed = true;
        Map<String, String> now = new HashMap<>();
        for (SfuStream s : offer.streams()) {
            now.put(s.mid(), s.userId());
        }
        speakers.keySet().retainAll(now.keySet());
        speakers.putAll(now);
        if (subscriber == null) {
            subscriber = new SfuLink(this, false);
        }
        try {
            subscriber.onOffer(offer.sdp());
        } catch (Exception e) {
            LOG.warn("Subscription offer in room {} not taken: {}", session.roomId(), e.getMessage());
            closeSubscriber();
        }
    }

    private void closePublisher() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
        }
    }

    private void closeSubscriber() {
        if (subscriber != null) {
            subscriber.close();
            subscriber = null;
        }
        subscribed = false;
        speakers.clear();
    }

    private void detectVoice() {
        try {
            MicMeter m = meter;
            double level = m != null && onStage() ? m.level() : 0;
            micLevel = level;
            localLevel = selfMuted ? 0 : level;
            Boolean change = activity.offer(localLevel);
            if (change != null && session.status() == RoomSession.Status.LIVE) {
                session.speaking(change).exceptionally(e -> null);
            }
        } catch (RuntimeException e) {
            LOG.debug("Voice level not read: {}", e.toString());
        }
    }

    /** libwebrtc's audio thread: 10 ms of {@code speaker}'s audio. */
    void heard(String speaker, byte[] pcm, int sampleRate, int channels, int frames) {
        levels.heard(speaker, pcm, channels, frames);
        for (RemoteAudioListener l : listeners) {
            l.onAudio(speaker, pcm, sampleRate, channels, frames);
        }
    }

    /** Whether the microphone's publishing connection is up now. Any thread. */
    boolean publishing() {
        SfuLink p = publisher;
        return p != null && p.connected();
    }

    String speakerOf(String mid) {
        return speakers.get(mid);
    }

    void trouble() {
        run(this::reconcile);
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

    @Override
    public void setHearing(java.util.function.Predicate<String> rule) {
        hearing = rule;
        run(() -> {
            if (subscriber != null) {
                subscriber.applyHeard();
            }
        });
    }

    @Override
    public void applyHearing(String peerId) {
        run(() -> {
            if (subscriber != null) {
                subscriber.applyHeard();
            }
        });
    }

    /** Whether {@code speaker} is played here ({@link #setHearing}). */
    boolean heardHere(String speaker) {
        return speaker == null || hearing.test(speaker);
    }

    @Override
    public void addRemoteAudioListener(RemoteAudioListener listener) {
        listeners.add(listener);
    }

    @Override
    public Map<String, Double> remoteLevels() {
        return levels.now();
    }

    @Override
    public double localLevel() {
        return localLevel;
    }

    @Override
    public double micLevel() {
        return micLevel;
    }

    @Override
    public boolean speaking() {
        return activity.speaking();
    }

    @Override
    public boolean levelsHeld() {
        return engine.levelsHeld();
    }

    @Override
    public void setSelfMuted(boolean muted) {
        selfMuted = muted;
        run(this::reconcile);
    }

    @Override
    public List<String> connectedPeers() {
        SfuLink sub = subscriber;
        return sub != null && sub.connected() ? new ArrayList<>(speakers.values()) : List.of();
    }

    @Override
    public Map<String, PeerLinkConnection.Stats> stats() {
        CompletableFuture<Map<String, PeerLinkConnection.Stats>> out = new CompletableFuture<>();
        run(() -> {
            Map<String, PeerLinkConnection.Stats> m = new HashMap<>();
            if (publisher != null) {
                m.put("publish", publisher.stats());
            }
            if (subscriber != null) {
                m.put("subscribe", subscriber.stats());
            }
            out.complete(m);
        });
        try {
            return out.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return Map.of();
        }
    }

    /**
     * Packets received and lost over every stream of a subscription so far, how many streams it has, and the
     * seconds of audio its jitter buffers have held in all ({@code jitterBufferDelay}) for how many samples out.
     */
    public record Received(long packets, long lost, int streams, double jitterBufferSeconds, long emitted) {
        static final Received NONE = new Received(0, 0, 0, 0, 0);
    }

    /** The subscription's RTP receive counts (none while not subscribed). Any thread; completes within seconds. */
    public CompletableFuture<Received> received() {
        CompletableFuture<Received> out = new CompletableFuture<>();
        if (closed) {
            out.complete(Received.NONE);
            return out;
        }
        thread.execute(() -> {
            SfuLink sub = subscriber;
            if (sub == null) {
                out.complete(Received.NONE);
            } else {
                sub.received(out);
            }
        });
        return out.completeOnTimeout(Received.NONE, 30, TimeUnit.SECONDS);
    }

    private void run(Runnable task) {
        if (closed) {
            return;
        }
        thread.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("SFU task failed in room {}", session.roomId(), e);
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        engine.roomClosed(this);
        subscriptions.forEach(RealtimeClient.Subscription::close);
        session.removeListener(sessionListener);
        voice.shutdownNow();
        thread.submit(() -> {
            closePublisher();
            closeSubscriber();
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
