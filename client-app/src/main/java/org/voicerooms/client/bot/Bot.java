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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.AudioSettings;
import org.voicerooms.client.audio.MeshAudio;
import org.voicerooms.client.audio.QualityTier;
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
 * {@code promote <userId>}, {@code demote <userId>}, {@code kick <userId>}, {@code end}, {@code leave},
 * {@code drop} (lose the connection), {@code stats}, {@code levels}, {@code devices}, {@code use-mic <name>},
 * {@code use-speaker <name>}, {@code quit}.
 *
 * <pre>
 * --server URL     room server (default http://127.0.0.1:8080)
 * --name NAME      display name (default Bot)
 * --create TITLE   create a room and join it as host, or
 * --room ID        join this room
 * --mic NAME / --speaker NAME    devices by name (default: system default)
 * --tier low|medium|high         quality tier; --ptime10 for 10 ms packets
 * --tones 440,880  tones to listen for (default 440,660,880)
 * --report-ms N    how often to print what it hears per peer (default 500)
 * --trace-first    print the level of every 10 ms received in the first 3 s (joins, start-up)
 * --onsets         print when a loud burst after silence comes out of the jitter buffer (latency benchmark)
 * --no-processing  echo cancellation, noise suppression and gain control off
 * </pre>
 */
public final class Bot {

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
            if (args[i].equals("--ptime10") || args[i].equals("--bot") || args[i].equals("--trace-first")
                    || args[i].equals("--onsets") || args[i].equals("--no-processing")) {
                flags.add(args[i]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opt.put(args[i].substring(2), args[++i]);
            } else {
                System.err.println("unexpected argument " + args[i]);
                return 2;
            }
        }
        ApiClient api = ApiClient.create(URI.create(opt.getOrDefault("server", "http://127.0.0.1:8080")));
        var auth = api.signInAsGuest(opt.getOrDefault("name", "Bot"));
        String roomId = opt.get("room");
        if (opt.containsKey("create")) {
            roomId = api.createRoom(RoomSettings.titled(opt.get("create"))).room().id();
        }
        if (roomId == null) {
            System.err.println("give --create TITLE or --room ID");
            return 2;
        }
        AudioSettings settings = AudioSettings.DEFAULT
                .withTier(QualityTier.valueOf(opt.getOrDefault("tier", "medium").toUpperCase(java.util.Locale.ROOT)),
                        flags.contains("--ptime10"))
                .withDevices(opt.get("mic"), opt.get("speaker"));
        if (flags.contains("--no-processing")) {
            settings = settings.withProcessing(false, false, false);
        }
        int[] tones = java.util.Arrays.stream(opt.getOrDefault("tones", "440,660,880").split(","))
                .mapToInt(Integer::parseInt).toArray();
        long reportMs = Long.parseLong(opt.getOrDefault("report-ms", "500"));

        RealtimeClient realtime = RealtimeClient.of(api);
        CountDownLatch connected = new CountDownLatch(1);
        realtime.addListener(new RealtimeClient.ConnectionListener() {
            @Override
            public void connected() {
                connected.countDown();
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
        realtime.connect();
        if (!connected.await(15, TimeUnit.SECONDS)) {
            print(line("event", "error", "message", "could not connect"));
            return 1;
        }
        try (AudioEngine engine = new AudioEngine(settings)) {
            print(line("event", "devices", "microphones", engine.microphones(), "speakers", engine.speakers()));
            engine.addDeviceListener(d -> print(line("event", "device", "name", d.name(), "microphone",
                    d.microphone(), "connected", d.connected())));
            RoomSession session = new RoomSession(realtime, roomId);
            session.addListener(c -> print(line("event", c.kind(), "userId", c.userId(), "detail", c.detail(),
                    "status", session.status().name())));
            MeshAudio mesh = engine.join(session, realtime, api);
            Map<String, ToneDetector.Reading> heard = new ConcurrentHashMap<>();
            ToneDetector detector = new ToneDetector(tones);
            long[] joinedAt = {0};
            java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean();
            long[] firstFrameAt = {0};
            boolean onsets = flags.contains("--onsets");
            int[] quietFrames = {0};
            boolean traceFirst = flags.contains("--trace-first");
            StringBuilder trace = new StringBuilder();
            java.util.concurrent.atomic.AtomicBoolean traced = new java.util.concurrent.atomic.AtomicBoolean();
            mesh.addRemoteAudioListener((peer, pcm, rate, channels, frames) -> {
                if (firstFrameAt[0] == 0) {
                    firstFrameAt[0] = System.nanoTime();
                }
                ToneDetector.Reading r = detector.read(pcm, channels, frames, rate, 0.5);
                heard.put(peer, r);
                if (onsets) {
                    // a burst starting after 300 ms of quiet: when it left the jitter buffer (monotonic clock)
                    boolean loud = r.dbfs() > -15;
                    if (loud && quietFrames[0] >= 30) {
                        print(line("event", "onset", "peer", peer, "nanos", System.nanoTime()));
                    }
                    quietFrames[0] = loud ? 0 : quietFrames[0] + 1;
                }
                if (traceFirst && firstFrameAt[0] != 0 && System.nanoTime() - firstFrameAt[0] < 3_000_000_000L) {
                    trace.append(Math.round(r.dbfs())).append(r.tone() != 0 ? "*" : "").append(' ');
                } else if (traceFirst && trace.length() > 0 && !traced.getAndSet(true)) {
                    print(line("event", "trace-first", "dbfsPer10ms", trace.toString().strip()));
                }
                if (r.tone() != 0 && joinedAt[0] != 0 && first.compareAndSet(false, true)) {
                    // join asked → the first 10 ms of a known tone decoded from a peer
                    print(line("event", "first-audio", "peer", peer, "tone", r.tone(), "ms",
                            (System.nanoTime() - joinedAt[0]) / 1e6, "firstFrameMs",
                            (firstFrameAt[0] - joinedAt[0]) / 1e6));
                }
            });
            ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
            // Only what arrived since the last report is printed: a peer that went quiet drops out of the output.
            reporter.scheduleAtFixedRate(() -> heard.keySet().forEach(peer -> {
                ToneDetector.Reading r = heard.remove(peer);
                if (r != null) {
                    print(line("event", "hear", "peer", peer, "tone", r.tone(), "dbfs",
                            Math.round(r.dbfs() * 10) / 10.0));
                }
            }), reportMs, reportMs, TimeUnit.MILLISECONDS);
            joinedAt[0] = System.nanoTime();
            try {
                var status = session.join().get(15, TimeUnit.SECONDS);
                print(line("event", "ready", "roomId", roomId, "userId", auth.user().id(), "status", status.name()));
                commands(session, mesh, realtime, engine);
            } finally {
                // the mesh goes before the engine it uses, whatever happened
                reporter.shutdownNow();
                mesh.close();
                session.close();
            }
        } finally {
            realtime.close();
        }
        print(line("event", "bye"));
        return 0;
    }

    private static String rest(String cmd) {
        String[] parts = cmd.strip().split("\\s+", 2);
        return parts.length < 2 ? null : parts[1];
    }

    private void commands(RoomSession session, MeshAudio mesh, RealtimeClient realtime, AudioEngine engine)
            throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String cmd;
        while ((cmd = in.readLine()) != null) {
            String[] w = cmd.strip().split("\\s+");
            try {
                switch (w[0]) {
                    case "raise-hand" -> session.raiseHand().get(10, TimeUnit.SECONDS);
                    case "lower-hand" -> session.lowerHand().get(10, TimeUnit.SECONDS);
                    case "mute", "unmute" -> {
                        boolean muted = w[0].equals("mute");
                        mesh.setSelfMuted(muted);
                        session.setMuted(muted).get(10, TimeUnit.SECONDS);
                    }
                    case "promote" -> session.promote(w[1]).get(10, TimeUnit.SECONDS);
                    case "demote" -> session.demote(w[1]).get(10, TimeUnit.SECONDS);
                    case "kick" -> session.kick(w[1]).get(10, TimeUnit.SECONDS);
                    case "end" -> session.end().get(10, TimeUnit.SECONDS);
                    case "drop" -> realtime.dropConnection();
                    case "stats" -> mesh.stats().forEach((peer, s) -> print(line("event", "stats", "peer", peer,
                            "rttMs", s.rttMs(), "lossPercent", s.packetsLostPercent(), "jitterMs", s.jitterMs(),
                            "state", s.state())));
                    case "levels" -> print(line("event", "levels", "local", mesh.localLevel(), "speaking",
                            mesh.speaking(), "remote", mesh.remoteLevels()));
                    case "devices" -> print(line("event", "devices", "microphones", engine.microphones(),
                            "speakers", engine.speakers()));
                    case "use-mic" -> engine.selectDevices(engine.settings().withDevices(rest(cmd),
                            engine.settings().speaker()));
                    case "use-speaker" -> engine.selectDevices(engine.settings().withDevices(
                            engine.settings().microphone(), rest(cmd)));
                    case "leave" -> session.leave().get(10, TimeUnit.SECONDS);
                    case "quit" -> {
                        return;
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
    }
}
