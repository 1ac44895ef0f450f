package org.voicerooms.client.audio;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.Participant;

/**
 * A room session's audio that follows the room's media plan ({@link RoomSession#media()}): a {@link MeshAudio} or
 * an {@link SfuAudio}, moved live when the plan changes, make-before-break. The new plan's connections are built
 * first while the old ones go on; each speaker is played through the old path until their audio arrives through
 * the new one, then the old path is silenced for them; the old connections close once the new path carries every
 * speaker the old one did (a speaker also waits until their own microphone goes out the new way, and a little
 * longer for listeners still moving), or after {@link #MOVE_LIMIT_MS} whatever happened. Nobody rejoins.
 *
 * <p>Before the room state arrives the plan is not known: the mesh listens (a peer offers as soon as the server
 * announces the newcomer), and gives way at once if the state says SFU.
 */
public final class PlannedAudio implements RoomAudio {

    private static final Logger LOG = LoggerFactory.getLogger(PlannedAudio.class);
    /** The longest a move keeps the old connections. */
    static final long MOVE_LIMIT_MS = 8_000;
    /** How long a speaker keeps the old connections after the new ones carry their microphone. */
    static final long SPEAKER_LINGER_MS = 3_000;
    private static final long TICK_MS = 50;
    /** Samples at or below this (about -50 dBFS) count as silence when telling whether a new path carries audio. */
    private static final int SILENCE = 100;

    private final AudioEngine engine;
    private final RoomSession session;
    private final RealtimeClient realtime;
    private final ApiClient api;
    private final ScheduledExecutorService thread;
    private final List<RemoteAudioListener> listeners = new CopyOnWriteArrayList<>();
    private final Consumer<RoomSession.Change> sessionListener;
    /** Speakers whose audio came through the new path during the move (audio thread writes, plan thread reads). */
    private final Set<String> arrived = ConcurrentHashMap.newKeySet();
    private volatile RoomAudio current;
    private volatile MediaPlan plan;
    /** The plan being left, closed when the move is done; null when not moving. Plan thread. */
    private volatile RoomAudio leaving;
    private long moveStarted;
    private long readySince;
    private ScheduledFuture<?> ticking;
    private volatile Predicate<String> hearing = peer -> true;
    private volatile boolean selfMuted;
    private volatile boolean closed;
    private volatile long lastMoveMillis = -1;

    PlannedAudio(AudioEngine engine, RoomSession session, RealtimeClient realtime, ApiClient api) {
        this.engine = engine;
        this.session = session;
        this.realtime = realtime;
        this.api = api;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "voicerooms-plan-" + session.roomId());
            t.setDaemon(true);
            return t;
        });
        this.plan = MediaPlan.MESH;
        this.current = make(MediaPlan.MESH);
        sessionListener = change -> {
            if ("media".equals(change.kind()) || "state".equals(change.kind())) {
                run(this::follow);
            }
        };
        session.addListener(sessionListener);
        run(this::follow);
    }

    /** The plan this audio runs on now (the new one during a move). */
    public MediaPlan plan() {
        return plan;
    }

    /** How long the last move kept the old connections, in ms; -1 before any move. */
    public long lastMoveMillis() {
        return lastMoveMillis;
    }

    /** The room's plan as the session says. */
    private MediaPlan wanted() {
        return session.media().onSfu() ? MediaPlan.SFU : MediaPlan.MESH;
    }

    /** Starts a move if the room's plan is not the one running. Plan thread. */
    private void follow() {
        if (closed) {
            return;
        }
        MediaPlan target = wanted();
        if (target == plan) {
            return;
        }
        RoomAudio old = current;
        if (leaving != null) {
            RoomAudio abandoned = leaving;
            leaving = null;
            abandoned.close(); // a move back before the last one finished: its old side has nothing left to give
        }
        LOG.info("Room {} moves its audio from {} to {}", session.roomId(), plan, target);
        arrived.clear();
        plan = target;
        current = make(target);
        leaving = old;
        leaving.setHearing(peer -> hearing.test(peer) && !arrived.contains(peer));
        moveStarted = System.nanoTime();
        readySince = 0;
        if (ticking == null) {
            ticking = thread.scheduleWithFixedDelay(() -> guarded(this::tick), TICK_MS, TICK_MS,
                    TimeUnit.MILLISECONDS);
        }
    }

    /** During a move: closes the old side once the new one carries what it did, or at the limit. Plan thread. */
    private void tick() {
        RoomAudio old = leaving;
        if (old == null || closed) {
            stopTicking();
            return;
        }
        long now = System.nanoTime();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(now - moveStarted);
        boolean carried = carried(old);
        if (carried && readySince == 0) {
            readySince = now;
        }
        boolean speaker = onStage() && !old.connectedPeers().isEmpty();
        boolean done = carried && (!speaker || TimeUnit.NANOSECONDS.toMillis(now - readySince) >= SPEAKER_LINGER_MS);
        if (!done && elapsed < MOVE_LIMIT_MS) {
            return;
        }
        leaving = null;
        lastMoveMillis = elapsed;
        LOG.info("Room {} audio on {}: the old connections close after {} ms ({})", session.roomId(), plan,
                elapsed, done ? "the new ones carry every speaker" : "time limit");
        old.close();
        stopTicking();
    }

    /** Whether the new path carries every speaker the old one played, and this microphone if on stage. */
    private boolean carried(RoomAudio old) {
        if (onStage() && plan == MediaPlan.SFU && current instanceof SfuAudio sfu && !sfu.publishing()) {
            return false;
        }
        for (String speaker : speakersHeard(old)) {
            if (!arrived.contains(speaker)) {
                return false;
            }
        }
        return true;
    }

    /** Speakers the room has talking (on stage, unmuted) that {@code audio} has a connection up with. */
    private List<String> speakersHeard(RoomAudio audio) {
        Set<String> up = new LinkedHashSet<>(audio.connectedPeers());
        Participant you = session.you();
        List<String> out = new ArrayList<>();
        for (Participant p : session.participants()) {
            if (p.role().onStage() && !p.muted() && up.contains(p.userId())
                    && (you == null || !p.userId().equals(you.userId()))) {
                out.add(p.userId());
            }
        }
        return out;
    }

    private boolean onStage() {
        Participant you = session.you();
        return you != null && you.role().onStage();
    }

    private RoomAudio make(MediaPlan which) {
        RoomAudio audio = which == MediaPlan.SFU ? new SfuAudio(engine, session, realtime, api)
                : new MeshAudio(engine, session, realtime, api);
        audio.setHearing(peer -> hearing.test(peer));
        audio.setSelfMuted(selfMuted);
        audio.addRemoteAudioListener((peer, pcm, rate, channels, frames) -> heard(audio, peer, pcm, rate, channels,
                frames));
        return audio;
    }

    /**
     * libwebrtc's audio thread: one path's 10 ms of {@code peer}. During a move a speaker is passed on from the old
     * path until their first audio through the new one, and from the new one after (the old is silenced for them).
     */
    private void heard(RoomAudio from, String peer, byte[] pcm, int rate, int channels, int frames) {
        RoomAudio old = leaving;
        if (old != null) {
            if (from == current && !arrived.contains(peer) && audible(pcm) && arrived.add(peer)) {
                old.applyHearing(peer);
            }
            if (from == old && arrived.contains(peer)) {
                return;
            }
        } else if (from != current) {
            return;
        }
        for (RemoteAudioListener l : listeners) {
            l.onAudio(peer, pcm, rate, channels, frames);
        }
    }

    /** Whether 16-bit PCM holds more than silence (a just-started jitter buffer plays zeros first). */
    private static boolean audible(byte[] pcm) {
        for (int i = 0; i + 1 < pcm.length; i += 2) {
            int sample = (short) ((pcm[i] & 0xff) | (pcm[i + 1] << 8));
            if (Math.abs(sample) > SILENCE) {
                return true;
            }
        }
        return false;
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    private void run(Runnable task) {
        if (!closed) {
            thread.execute(() -> guarded(task));
        }
    }

    private void guarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Media plan task failed in room {}", session.roomId(), e);
        }
    }

    /** The audio of the plan running now (for test clients that act on one plan's internals). */
    public RoomAudio current() {
        return current;
    }

    @Override
    public void addRemoteAudioListener(RemoteAudioListener listener) {
        listeners.add(listener);
    }

    @Override
    public Map<String, Double> remoteLevels() {
        Map<String, Double> out = new HashMap<>();
        RoomAudio old = leaving;
        if (old != null) {
            out.putAll(old.remoteLevels());
        }
        current.remoteLevels().forEach((peer, level) -> out.merge(peer, level, Math::max));
        return out;
    }

    @Override
    public double localLevel() {
        return current.localLevel();
    }

    @Override
    public double micLevel() {
        return current.micLevel();
    }

    @Override
    public boolean speaking() {
        return current.speaking();
    }

    @Override
    public void setSelfMuted(boolean muted) {
        selfMuted = muted;
        RoomAudio old = leaving;
        if (old != null) {
            old.setSelfMuted(muted);
        }
        current.setSelfMuted(muted);
    }

    @Override
    public List<String> connectedPeers() {
        Set<String> out = new LinkedHashSet<>(current.connectedPeers());
        RoomAudio old = leaving;
        if (old != null) {
            out.addAll(old.connectedPeers());
        }
        return new ArrayList<>(out);
    }

    @Override
    public Map<String, PeerLinkConnection.Stats> stats() {
        Map<String, PeerLinkConnection.Stats> out = new HashMap<>();
        RoomAudio old = leaving;
        if (old != null) {
            out.putAll(old.stats());
        }
        out.putAll(current.stats());
        return out;
    }

    @Override
    public void setHearing(Predicate<String> rule) {
        hearing = rule;
        current.setHearing(peer -> hearing.test(peer));
        RoomAudio old = leaving;
        if (old != null) {
            old.setHearing(peer -> hearing.test(peer) && !arrived.contains(peer));
        }
    }

    @Override
    public boolean levelsHeld() {
        return engine.levelsHeld();
    }

    @Override
    public void applyHearing(String peerId) {
        current.applyHearing(peerId);
        RoomAudio old = leaving;
        if (old != null) {
            old.applyHearing(peerId);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        session.removeListener(sessionListener);
        thread.shutdownNow();
        RoomAudio old = leaving;
        leaving = null;
        if (old != null) {
            old.close();
        }
        current.close();
    }
}
