package org.voicerooms.client.bot;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.AudioSettings;
import org.voicerooms.client.audio.IcePolicy;
import org.voicerooms.client.audio.MediaPlan;
import org.voicerooms.client.audio.PlannedAudio;
import org.voicerooms.client.audio.RoomAudio;
import org.voicerooms.client.audio.SfuAudio;
import org.voicerooms.client.audio.QualityTier;
import org.voicerooms.client.audio.RoomVisit;
import org.voicerooms.client.audio.ToneDetector;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.Json;
import org.voicerooms.model.rooms.RoomSettings;

/**
 * A headless participant for testers, end-to-end tests and load tools. Signs in as a guest, creates or joins a
 * room, uses the chosen devices, and prints what happens and what it hears as JSON lines on stdout. Takes commands
 * on stdin, one per line: {@code raise-hand}, {@code lower-hand}, {@code mute}, {@code unmute},
 * {@code promote <userId>}, {@code demote <userId>}, {@code kick <userId>}, {@code mute-user <userId>} (as a
 * moderator), {@code end}, {@code leave}, {@code rejoin} (leave and join the same room again), {@code drop} (lose
 * the connection), {@code stats}, {@code levels}, {@code people} (who is in the room, their role, mute and
 * speaking), {@code devices}, {@code use-mic <name>}, {@code use-speaker <name>}, {@code quit}.
 *
 * <pre>
 * --server URL     room server (default http://127.0.0.1:8080)
 * --name NAME      display name (default Bot)
 * --create TITLE   create a room and join it as host (--max-participants N: its capacity, default 50), or
 * --room ID        join this room
 * --mic NAME / --speaker NAME    devices by name (default: system default)
 * --tier low|medium|high         quality tier; --ptime10 or --ptime20 for the packet time (default: 10 ms,
 *                                20 ms on the low tier)
 * --tones 440,880  tones to listen for (default 440,660,880)
 * --report-ms N    how often to print what it hears per peer (default 500)
 * --trace-first    print the level of every 10 ms received in the first 3 s (joins, start-up)
 * --onsets         print when a loud burst after silence comes out of the jitter buffer, and its tone
 *                  (latency benchmark)
 * --no-processing  echo cancellation, noise suppression and gain control off
 * --processing aec,ns,agc        which of them to use (default all three)
 * --crowd N --link-only USERID   N speakers in this process (a load tool), each linked only to USERID
 * --crowd N --media sfu          N listeners in this process, each with its own account, connection and
 *                                subscription through the SFU, one audio engine for all; prints a summary of who
 *                                hears whom every report period ({@code crowd}); --crowd-parallel N joins at a
 *                                time (default 4)
 * --media mesh|sfu               force how the audio flows, whatever the room's media plan says (default: follow
 *                                the plan, moving live when it changes, like the app; sfu: the server's Janus)
 * --ice-transport-policy all|relay  relay: audio only through the TURN server (default all)
 * --ignore-room-mute             a modified client (tests): the room's mutes are not applied to its microphone;
 *                                in the mesh it also sends from the audience
 * </pre>
 * With {@code --media sfu}, the command {@code publish-anyway} tries to publish whatever the role (as a modified
 * client would), printing the server's refusal.
 */
public final class Bot {

    /** Options without a value. */
    private static final java.util.Set<String> FLAGS = java.util.Set.of("--bot", "--ptime10", "--ptime20",
            "--trace-first", "--onsets", "--no-processing", "--ignore-room-mute");

    private final ObjectMapper json = Json.newMapper();
    private final PrintStream out;

    private Bot(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        System.exit(new Bot(System.out).run(args));
    }

    private synchronized void print(Map<String, Object> line) {
        try {
            out.println(json.writeValueAsString(line));
            out.flush();
        } catch (Exception e) {
            out.println("{\"event\":\"error\",\"message\":\"unprintable\"}");
        }
    }

    private static Map<String, Object> line(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            m.put(String.valueOf(kv[i]), kv[i + 1]);
        }
        return m;
    }

    private int run(String[] args) throws Exception {
        Map<String, String> opt = new ConcurrentHashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (FLAGS.contains(args[i])) {
                flags.add(args[i]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("unexpected argument " + args[i]);
                return 2;
            }
        }
        AudioSettings settings = AudioSettings.DEFAULT
                .withTier(QualityTier.valueOf(opt.getOrDefault("tier", "medium").toUpperCase(java.util.Locale.ROOT)))
                .withDevices(opt.get("mic"), opt.get("speaker"));
        if (flags.contains("--ptime10") || flags.contains("--ptime20")) {
            settings = settings.withTier(settings.tier(), flags.contains("--ptime10"));
        }
        if (flags.contains("--no-processing")) {
            settings = settings.withProcessing(false, false, false);
        }
        if (opt.containsKey("processing")) {
            List<String> on = List.of(opt.get("processing").split(","));
            settings = settings.withProcessing(on.contains("aec"), on.contains("ns"), on.contains("agc"));
        }
        int[] tones = java.util.Arrays.stream(opt.getOrDefault("tones", "440,660,880").split(","))
                .mapToInt(Integer::parseInt).toArray();
        long reportMs = Long.parseLong(opt.getOrDefault("report-ms", "500"));
        URI server = URI.create(opt.getOrDefault("server", "http://127.0.0.1:8080"));
        if (opt.containsKey("crowd") && "sfu".equals(opt.get("media"))) {
            if (!opt.containsKey("room")) {
                System.err.println("--crowd N --media sfu needs --room ID");
                return 2;
            }
            return SfuCrowd.run(server, opt.get("room"), Integer.parseInt(opt.get("crowd")),
                    Integer.parseInt(opt.getOrDefault("crowd-parallel", "4")), settings,
                    IcePolicy.parse(opt.getOrDefault("ice-transport-policy", "all")), tones, reportMs, this::print);
        }
        if (opt.containsKey("crowd")) {
            if (!opt.containsKey("room") || !opt.containsKey("link-only")) {
                System.err.println("--crowd needs --room ID and --link-only USERID");
                return 2;
            }
            return Crowd.run(server, opt.get("room"), Integer.parseInt(opt.get("crowd")), opt.get("link-only"),
                    settings, this::print);
        }

        ApiClient api = ApiClient.create(server);
        var auth = api.signInAsGuest(opt.getOrDefault("name", "Bot"));
        String roomId = opt.get("room");
        if (opt.containsKey("create")) {
            RoomSettings room = opt.containsKey("max-participants") ? new RoomSettings(opt.get("create"), null, null,
                    null, Integer.parseInt(opt.get("max-participants")), null, null, null, null, null, null)
                    : RoomSettings.titled(opt.get("create"));
            roomId = api.createRoom(room).room().id();
        }
        if (roomId == null) {
            System.err.println("give --create TITLE or --room ID");
            return 2;
        }

        RealtimeClient realtime = RealtimeClient.of(api);
        realtime.addListener(new RealtimeClient.ConnectionListener() {
            @Override
            public void connected() {
                print(line("event", "connected"));
            }

            @Override
            public void disconnected(String reason, boolean willRetry) {
                print(line("event", "disconnected", "reason", reason, "retry", willRetry));
            }

            @Override
            public void refused(org.voicerooms.model.ApiError error) {
                print(line("event", "refused", "code", error.code().name(), "message", error.message()));
            }
        });
        if (!realtime.connectAndWait(java.time.Duration.ofSeconds(15))) {
            print(line("event", "error", "message", "could not connect"));
            return 1;
        }
        MediaPlan plan = opt.containsKey("media")
                ? MediaPlan.valueOf(opt.get("media").toUpperCase(java.util.Locale.ROOT)) : null;
        IcePolicy policy = IcePolicy.parse(opt.getOrDefault("ice-transport-policy", "all"));
        boolean ignoreRoomMute = flags.contains("--ignore-room-mute");
        try (AudioEngine engine = new AudioEngine(settings)) {
            engine.setIcePolicy(policy);
            print(line("event", "devices", "microphones", engine.microphones(), "speakers", engine.speakers()));
            engine.addDeviceListener(d -> print(line("event", "device", "name", d.name(), "microphone",
                    d.microphone(), "connected", d.connected())));
            Listening listening = new Listening(new ToneDetector(tones), flags.contains("--onsets"),
                    flags.contains("--trace-first"), plan, ignoreRoomMute);
            ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
            // Only what arrived since the last report is printed: a peer that went quiet drops out of the output.
            reporter.scheduleAtFixedRate(() -> listening.heard.keySet().forEach(peer -> {
                ToneDetector.Reading r = listening.heard.remove(peer);
                if (r != null) {
                    print(line("event", "hear", "peer", peer, "tone", r.tone(), "dbfs",
                            Math.round(r.dbfs() * 10) / 10.0));
                }
            }), reportMs, reportMs, TimeUnit.MILLISECONDS);
            RoomVisit visit = null;
            String userId = auth.user().id();
            try {
                visit = enter(roomId, userId, realtime, api, engine, listening);
                visit = commands(visit, userId, realtime, api, engine, listening);
            } finally {
                reporter.shutdownNow();
                if (visit != null) {
                    visit.close();
                }
            }
        } finally {
            realtime.close();
        }
        print(line("event", "bye"));
        return 0;
    }

    /** What the bot hears, across visits: tones per peer, the first audio of each visit, burst onsets. */
    private final class Listening {
        /** A hole in a peer's tone longer than this is printed as a {@code gap}. */
        static final long GAP_NANOS = 60_000_000L;
        final Map<String, ToneDetector.Reading> heard = new ConcurrentHashMap<>();
        final Map<String, Long> toneAt = new ConcurrentHashMap<>();
        final ToneDetector detector;
        final boolean onsets;
        final boolean traceFirst;
        volatile long joinedAt;
        volatile long firstFrameAt;
        final java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();
        final StringBuilder trace = new StringBuilder();
        boolean traced;
        int quietFrames;

        final MediaPlan plan;
        final boolean ignoreRoomMute;

        Listening(ToneDetector detector, boolean onsets, boolean traceFirst, MediaPlan plan, boolean ignoreRoomMute) {
            this.plan = plan;
            this.ignoreRoomMute = ignoreRoomMute;
            this.detector = detector;
            this.onsets = onsets;
            this.traceFirst = traceFirst;
        }

        /** A new visit starts now: the next tone heard is its first audio. */
        void joining() {
            firstFrameAt = 0;
            first.set(false);
            joinedAt = System.nanoTime();
        }

        /** libwebrtc's audio thread, 10 ms of a peer. */
        void onAudio(String peer, byte[] pcm, int rate, int channels, int frames) {
            long now = System.nanoTime();
            if (firstFrameAt == 0) {
                firstFrameAt = now;
            }
            ToneDetector.Reading r = detector.read(pcm, channels, frames, rate, 0.5);
            heard.put(peer, r);
            if (r.tone() != 0) {
                Long last = toneAt.put(peer, now);
                if (last != null && now - last > GAP_NANOS) {
                    // the peer's tone came back after a hole (a media plan move, a lost link): how long it was
                    print(line("event", "gap", "peer", peer, "ms", (now - last) / 1_000_000, "nanos", now));
                }
            }
            if (onsets) {
                // a burst starting after 300 ms of quiet: when it left the jitter buffer (monotonic clock)
                boolean loud = r.dbfs() > -15;
                if (loud && quietFrames >= 30) {
                    // the tone tells the latency benchmark which burst this is (bursts are coded by tone)
                    print(line("event", "onset", "peer", peer, "nanos", now, "tone", r.tone()));
                }
                quietFrames = loud ? 0 : quietFrames + 1;
            }
            if (traceFirst && !traced) {
                if (now - firstFrameAt < 3_000_000_000L) {
                    trace.append((now - joinedAt) / 1_000_000).append(':').append(Math.round(r.dbfs()))
                            .append(r.tone() != 0 ? "*" : "").append(' ');
                } else {
                    traced = true;
                    print(line("event", "trace-first", "msAndDbfsPer10ms", trace.toString().strip()));
                }
            }
            if (r.tone() != 0 && first.compareAndSet(false, true)) {
                // join asked → the first 10 ms of a known tone decoded from a peer
                print(line("event", "first-audio", "peer", peer, "tone", r.tone(), "ms", (now - joinedAt) / 1e6,
                        "firstFrameMs", (firstFrameAt - joinedAt) / 1e6, "joinNanos", joinedAt));
            }
        }
    }

    private RoomVisit enter(String roomId, String userId, RealtimeClient realtime, ApiClient api, AudioEngine engine,
                            Listening listening) throws Exception {
        listening.joining();
        RoomVisit visit = RoomVisit.prepare(roomId, realtime, api, engine, listening.plan);
        RoomAudio audio = visit.mesh() instanceof PlannedAudio planned ? planned.current() : visit.mesh();
        if (listening.ignoreRoomMute && audio instanceof SfuAudio sfu) {
            sfu.ignoreRoomMutes();
        } else if (listening.ignoreRoomMute && audio instanceof org.voicerooms.client.audio.MeshAudio mesh) {
            mesh.misbehave();
        }
        RoomSession session = visit.session();
        session.addListener(c -> print(line("event", c.kind(), "userId", c.userId(), "detail", c.detail(),
                "status", session.status().name())));
        visit.mesh().addRemoteAudioListener(listening::onAudio);
        try {
            var status = visit.join().get(15, TimeUnit.SECONDS);
            print(line("event", "ready", "roomId", roomId, "userId", userId, "status", status.name(), "media",
                    session.media().plan(), "mediaReason", session.media().reason()));
            return visit;
        } catch (Exception e) {
            visit.close();
            throw e;
        }
    }

    private static String rest(String cmd) {
        String[] parts = cmd.strip().split("\\s+", 2);
        return parts.length < 2 ? null : parts[1];
    }

    /** Runs commands until stdin ends or {@code quit}; returns the visit then current. */
    private RoomVisit commands(RoomVisit start, String userId, RealtimeClient realtime, ApiClient api,
                               AudioEngine engine, Listening listening) throws Exception {
        RoomVisit visit = start;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null) {
            String[] w = cmd.strip().split("\\s+");
            RoomSession session = visit.session();
            RoomAudio mesh = visit.mesh() instanceof PlannedAudio planned ? planned.current() : visit.mesh();
            RoomAudio all = visit.mesh();
            try {
                switch (w[0]) {
                    case "raise-hand" -> session.raiseHand().get(10, TimeUnit.SECONDS);
                    case "lower-hand" -> session.lowerHand().get(10, TimeUnit.SECONDS);
                    case "mute", "unmute" -> {
                        boolean muted = w[0].equals("mute");
                        all.setSelfMuted(muted);
                        session.setMuted(muted).get(10, TimeUnit.SECONDS);
                    }
                    case "promote" -> session.promote(w[1]).get(10, TimeUnit.SECONDS);
                    case "demote" -> session.demote(w[1]).get(10, TimeUnit.SECONDS);
                    case "kick" -> session.kick(w[1]).get(10, TimeUnit.SECONDS);
                    case "mute-user" -> {
                        // the moment the moderator's client sends the mute, which mute timings count from
                        print(line("event", "sending", "command", cmd.strip()));
                        session.moderate(org.voicerooms.model.live.Events.MUTE, w[1]).get(10, TimeUnit.SECONDS);
                    }
                    case "end" -> session.end().get(10, TimeUnit.SECONDS);
                    case "drop" -> realtime.dropConnection();
                    case "stats" -> mesh.stats().forEach((peer, s) -> print(line("event", "stats", "peer", peer,
                            "rttMs", s.rttMs(), "lossPercent", s.packetsLostPercent(), "jitterMs", s.jitterMs(),
                            "state", s.state(), "route", String.valueOf(s.route()), "bytesSent", s.sendKbps())));
                    case "publish-anyway" -> {
                        if (!(mesh instanceof SfuAudio sfu)) {
                            throw new IllegalStateException("publish-anyway needs --media sfu");
                        }
                        sfu.publishAnyway().get(15, TimeUnit.SECONDS);
                    }
                    case "plan" -> print(line("event", "plan", "plan", session.media().plan(), "reason",
                            session.media().reason(), "lastMoveMs", all instanceof PlannedAudio planned
                                    ? planned.lastMoveMillis() : -1));
                    case "levels" -> print(line("event", "levels", "local", mesh.localLevel(), "speaking",
                            mesh.speaking(), "remote", mesh.remoteLevels()));
                    case "people" -> print(line("event", "people", "participants", session.participants().stream()
                            .map(p -> line("userId", p.userId(), "role", p.role().wire(), "muted", p.muted(),
                                    "speaking", p.speaking())).toList()));
                    case "devices" -> print(line("event", "devices", "microphones", engine.microphones(),
                            "speakers", engine.speakers()));
                    case "use-mic" -> engine.selectDevices(engine.settings().withDevices(rest(cmd),
                            engine.settings().speaker()));
                    case "use-speaker" -> engine.selectDevices(engine.settings().withDevices(
                            engine.settings().microphone(), rest(cmd)));
                    case "leave" -> session.leave().get(10, TimeUnit.SECONDS);
                    case "rejoin" -> {
                        // leave and come back in this JVM: the join as a running app makes it
                        if (session.status() == RoomSession.Status.LIVE) {
                            session.leave().get(10, TimeUnit.SECONDS);
                        }
                        visit.close();
                        visit = enter(session.roomId(), userId, realtime, api, engine, listening);
                    }
                    case "quit" -> {
                        return visit;
                    }
                    case "" -> {
                    }
                    default -> print(line("event", "error", "message", "unknown command " + w[0]));
                }
                print(line("event", "done", "command", cmd.strip()));
            } catch (Exception e) {
                print(line("event", "failed", "command", cmd.strip(), "code",
                        RoomSession.errorOf(e).code().name(), "message", RoomSession.errorOf(e).message()));
            }
        }
        return visit;
    }
}
