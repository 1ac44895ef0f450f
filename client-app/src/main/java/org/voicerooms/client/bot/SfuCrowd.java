package org.voicerooms.client.bot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.AudioSettings;
import org.voicerooms.client.audio.IcePolicy;
import org.voicerooms.client.audio.MediaPlan;
import org.voicerooms.client.audio.RoomVisit;
import org.voicerooms.client.audio.SfuAudio;
import org.voicerooms.client.audio.ToneDetector;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.Json;

/**
 * Many listeners in one process, through the server's SFU: each its own guest account, Socket.IO connection and
 * Janus subscription ({@link SfuAudio}, as the app uses it), all sharing one audio engine (one libwebrtc factory,
 * one playout that decodes every listener's tracks). Prints {@code crowd-progress} while they come up,
 * {@code crowd-ready} with their user ids, then every report period a {@code crowd} summary: how many listeners
 * are in the room, and per speaker and tone how many of them heard it (a listener hears a tone when most of that
 * speaker's audio it decoded in the period carried it, louder than {@link #AUDIBLE_DBFS}). A listener's status change (kicked, ended) is printed as
 * {@code crowd-status}. Commands on stdin: {@code detail} (what each listener heard in the last period),
 * {@code stats} (packets received and lost over all subscriptions), {@code quit}.
 */
final class SfuCrowd implements AutoCloseable {

    /**
     * Quieter than this a tone does not count as heard. When a speaker's packets stop, the decoder conceals the gap
     * by repeating the last sound, fading it over about half a second (seen: -9 dBFS, then -17, -34, -50, -66, -82
     * in steps of 100 ms); the tone is still recognisable at -80 dBFS, yet 40 dB under the speaker it is gone.
     */
    static final double AUDIBLE_DBFS = -50;

    private final URI server;
    private final String roomId;
    private final AudioEngine engine;
    private final ToneDetector detector;
    private final Consumer<Map<String, Object>> print;
    private final OkHttpClient http;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    /** What each listener heard in the last report period: userId → speaker → tone. */
    private volatile Map<String, Map<String, Integer>> lastPeriod = Map.of();

    private SfuCrowd(URI server, String roomId, AudioEngine engine, ToneDetector detector,
                     Consumer<Map<String, Object>> print) {
        this.server = server;
        this.roomId = roomId;
        this.engine = engine;
        this.detector = detector;
        this.print = print;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(10_000);
        dispatcher.setMaxRequestsPerHost(10_000); // every listener's socket goes to the one server
        this.http = new OkHttpClient.Builder().dispatcher(dispatcher).connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30)).build();
    }

    /** Runs a crowd of {@code size} listeners in {@code roomId}, {@code parallel} joining at a time, until quit. */
    static int run(URI server, String roomId, int size, int parallel, AudioSettings settings, IcePolicy policy,
                   int[] tones, long reportMs, Consumer<Map<String, Object>> print) throws Exception {
        try (AudioEngine engine = new AudioEngine(settings)) {
            engine.setIcePolicy(policy);
            try (SfuCrowd crowd = new SfuCrowd(server, roomId, engine, new ToneDetector(tones), print)) {
                crowd.join(size, parallel);
                ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
                reporter.scheduleAtFixedRate(crowd::report, reportMs, reportMs, TimeUnit.MILLISECONDS);
                try {
                    crowd.commands();
                } finally {
                    reporter.shutdownNow();
                }
            }
        }
        return 0;
    }

    /** Brings the listeners in, {@code parallel} at a time, showing progress; one that fails is reported. */
    private void join(int size, int parallel) throws InterruptedException {
        ExecutorService joining = Executors.newFixedThreadPool(Math.max(1, parallel));
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        int step = Math.max(1, size / 10);
        List<Future<?>> all = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            int n = i;
            all.add(joining.submit(() -> {
                try {
                    listeners.add(new Listener(n));
                } catch (Exception e) {
                    failed.incrementAndGet();
                    print.accept(line("event", "crowd-error", "listener", n, "code",
                            RoomSession.errorOf(e).code().name(), "message", RoomSession.errorOf(e).message()));
                }
                int k = done.incrementAndGet();
                if (k % step == 0 || k == size) {
                    print.accept(line("event", "crowd-progress", "joined", k - failed.get(), "failed",
                            failed.get(), "of", size, "seconds", (System.nanoTime() - start) / 1e9));
                }
            }));
        }
        joining.shutdown();
        joining.awaitTermination(1, TimeUnit.HOURS);
        print.accept(line("event", "crowd-ready", "userIds", listeners.stream().map(l -> l.userId).toList(),
                "failed", failed.get(), "seconds", (System.nanoTime() - start) / 1e9));
    }

    /** One report period: who heard what, summed over the listeners. Reporter thread. */
    private void report() {
        Map<String, Map<String, Integer>> periods = new TreeMap<>();
        Map<String, Map<String, Integer>> hearing = new TreeMap<>();
        int live = 0;
        for (Listener l : listeners) {
            if (l.visit.session().status() == RoomSession.Status.LIVE) {
                live++;
            }
            Map<String, Integer> heard = l.takePeriod();
            periods.put(l.userId, heard);
            heard.forEach((speaker, tone) -> hearing.computeIfAbsent(speaker, s -> new TreeMap<>())
                    .merge(String.valueOf(tone), 1, Integer::sum));
        }
        lastPeriod = periods;
        print.accept(line("event", "crowd", "listeners", live, "hearing", hearing));
    }

    private void commands() throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null) {
            switch (cmd.strip()) {
                case "quit" -> {
                    return;
                }
                case "detail" -> print.accept(line("event", "crowd-detail", "listeners", lastPeriod));
                case "stats" -> stats();
                case "" -> {
                }
                default -> print.accept(line("event", "error", "message", "unknown command " + cmd.strip()));
            }
        }
    }

    /** Packets received and lost so far, summed over every listener's subscription (their RTP statistics). */
    private void stats() throws Exception {
        List<CompletableFuture<SfuAudio.Received>> asked = new ArrayList<>();
        for (Listener l : listeners) {
            if (l.visit.mesh() instanceof SfuAudio sfu) {
                asked.add(sfu.received());
            }
        }
        long packets = 0;
        long lost = 0;
        int streams = 0;
        int connected = 0;
        double buffered = 0;
        long emitted = 0;
        for (CompletableFuture<SfuAudio.Received> f : asked) {
            SfuAudio.Received r = f.get(60, TimeUnit.SECONDS);
            packets += r.packets();
            lost += r.lost();
            streams += r.streams();
            connected += r.streams() > 0 ? 1 : 0;
            buffered += r.jitterBufferSeconds();
            emitted += r.emitted();
        }
        // jitterBufferDelay / jitterBufferEmittedCount: how long the average sample waited in a jitter buffer
        print.accept(line("event", "crowd-stats", "listeners", listeners.size(), "subscribed", connected,
                "streams", streams, "packetsReceived", packets, "packetsLost", lost, "jitterBufferMs",
                emitted == 0 ? 0 : Math.round(buffered / emitted * 1e4) / 10.0));
    }

    static Map<String, Object> line(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        listeners.parallelStream().forEach(Listener::close);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    /** One listener: a guest account, its own connection and visit; counts the tones it decodes per speaker. */
    private final class Listener implements org.voicerooms.client.audio.RoomAudio.RemoteAudioListener {
        final String userId;
        final RealtimeClient realtime;
        final RoomVisit visit;
        /** Speaker → frames decoded this period per tone (key -1: all frames). */
        private final Map<String, Map<Integer, Integer>> period = new java.util.HashMap<>();

        Listener(int n) throws Exception {
            ApiClient api = new ApiClient(server, http, Json.newMapper());
            userId = api.signInAsGuest("Listener " + n).user().id();
            realtime = RealtimeClient.of(api);
            RoomVisit v = null;
            try {
                if (!realtime.connectAndWait(Duration.ofSeconds(30))) {
                    throw new IllegalStateException("listener " + n + " could not connect");
                }
                v = RoomVisit.prepare(roomId, realtime, api, engine, MediaPlan.SFU);
                RoomSession session = v.session();
                RoomSession.Status[] last = {null};
                session.addListener(c -> {
                    RoomSession.Status s = session.status();
                    if (last[0] != null && s != last[0] && s != RoomSession.Status.LIVE) {
                        print.accept(line("event", "crowd-status", "userId", userId, "status", s.name()));
                    }
                    last[0] = s;
                });
                v.mesh().addRemoteAudioListener(this);
                RoomSession.Status status = v.join().get(30, TimeUnit.SECONDS);
                if (status != RoomSession.Status.LIVE) {
                    throw new IllegalStateException("listener " + n + " is " + status + ", not in the room");
                }
            } catch (Exception e) {
                if (v != null) {
                    v.close();
                }
                realtime.close();
                throw e;
            }
            visit = v;
        }

        /** libwebrtc's audio thread (one for the whole crowd): 10 ms of {@code speaker}. */
        @Override
        public void onAudio(String speaker, byte[] pcm, int sampleRate, int channels, int frames) {
            ToneDetector.Reading r = detector.read(pcm, channels, frames, sampleRate, 0.5);
            int tone = r.dbfs() > AUDIBLE_DBFS ? r.tone() : 0;
            synchronized (period) {
                Map<Integer, Integer> tones = period.computeIfAbsent(speaker, s -> new java.util.HashMap<>());
                tones.merge(tone, 1, Integer::sum);
                tones.merge(-1, 1, Integer::sum);
            }
        }

        /** Per speaker, the tone most of this period's audio carried (none: not heard); starts a new period. */
        Map<String, Integer> takePeriod() {
            Map<String, Integer> heard = new TreeMap<>();
            synchronized (period) {
                period.forEach((speaker, tones) -> {
                    int all = tones.getOrDefault(-1, 0);
                    tones.forEach((tone, frames) -> {
                        if (tone > 0 && 2 * frames > all) {
                            heard.put(speaker, tone);
                        }
                    });
                });
                period.clear();
            }
            return heard;
        }

        void close() {
            try {
                visit.close();
            } finally {
                realtime.close();
            }
        }
    }
}
