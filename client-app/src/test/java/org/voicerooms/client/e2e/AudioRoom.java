package org.voicerooms.client.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the audio end-to-end tests share: a private network with its own PulseAudio, a real server JVM inside it
 * (restartable, keeping its data), and bot JVMs that are stopped with it.
 */
final class AudioRoom implements AutoCloseable {

    static final int PORT = 18080;
    static final String SERVER = "http://" + PrivateNetwork.HOST + ":" + PORT;

    final Path dir;
    final PrivateNetwork net;
    private final List<BotProcess> bots = new ArrayList<>();
    private JanusGateway janus;
    /** Further server nodes and the services they share ({@link #startNode}, {@link #service}). */
    private final List<Process> others = new ArrayList<>();
    private Process server;
    private int starts;

    AudioRoom(String name) throws IOException, InterruptedException {
        Path folder = Path.of("target", "e2e-audio", name).toAbsolutePath();
        if (Files.exists(folder)) { // a run before this one: its apps' settings and data must not carry over
            try (java.util.stream.Stream<Path> old = Files.walk(folder)) {
                for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        dir = Files.createDirectories(folder);
        net = new PrivateNetwork(dir);
    }

    void startServer() throws Exception {
        startServer(new String[0]);
    }

    /** Starts the server with extra settings ({@code --janus-url ...}, {@code --ice-servers ...}). */
    /**
     * Starts a Janus of this room's own inside the private network, then the server driving it with
     * {@code extra} settings (e.g. the media mode); the room stops Janus when it closes.
     */
    void startServerWithJanus(String... extra) throws Exception {
        janus = new JanusGateway(net, dir);
        List<String> args = new ArrayList<>(List.of("--janus-url", janus.url, "--janus-secret", JanusGateway.SECRET));
        args.addAll(List.of(extra));
        startServer(args.toArray(String[]::new));
    }

    void startServer(String... extra) throws Exception {
        starts++;
        List<String> cmd = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                "org.voicerooms.server.Main", "--host", PrivateNetwork.HOST, "--port", String.valueOf(PORT),
                "--data-dir", dir.resolve("server-data").toString(), "--bcrypt-cost", "4",
                "--joins-per-minute", "600", "--auth-per-ip-per-minute", "10000", "--joins-per-ip-per-minute",
                "10000", "--room-creations-per-ip-per-day", "10000", "--max-connections-per-ip", "10000"));
        cmd.addAll(List.of(extra));
        server = new ProcessBuilder(net.inside(cmd.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server-" + starts + ".log").toFile()).start();
        awaitListening(PrivateNetwork.HOST, PORT, "the server");
    }

    /**
     * Another server JVM, a node of a cluster, on {@code port} with its own data directory (pass the shared
     * {@code --redis-uri}, {@code --mongo-uri}, {@code --jwt-secret}); its log is {@code server-node-PORT.log}.
     * Returns its URL.
     */
    String startNode(int port, String... extra) throws Exception {
        String url = "http://" + PrivateNetwork.HOST + ":" + port;
        List<String> cmd = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                "org.voicerooms.server.Main", "--host", PrivateNetwork.HOST, "--port", String.valueOf(port),
                "--node-url", url, "--data-dir", dir.resolve("node-" + port).toString(), "--bcrypt-cost", "4",
                "--joins-per-minute", "600", "--auth-per-ip-per-minute", "10000", "--joins-per-ip-per-minute",
                "10000", "--room-creations-per-ip-per-day", "10000", "--max-connections-per-ip", "10000"));
        cmd.addAll(List.of(extra));
        others.add(new ProcessBuilder(net.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                .redirectOutput(dir.resolve("server-node-" + port + ".log").toFile()).start());
        awaitListening(PrivateNetwork.HOST, port, "server node " + port);
        return url;
    }

    /** A process inside the namespace listening on its loopback {@code port} (redis-server, a database). */
    void service(String name, int port, String... command) throws Exception {
        others.add(new ProcessBuilder(net.inside(command)).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start());
        awaitListening("127.0.0.1", port, name);
    }

    private void awaitListening(String host, int port, String what) throws Exception {
        // The test JVM is outside the namespace: ask from inside it.
        for (int i = 0; i < 150; i++) {
            Process p = new ProcessBuilder(net.inside("bash", "-c", "exec 3<>/dev/tcp/" + host + "/" + port))
                    .start();
            if (p.waitFor() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + " did not start; see " + dir);
    }

    /** Kills the server JVM without warning, as a crash or a power cut would. */
    /** PulseAudio buffer size in ms that README's launch command sets; bots run with it too. */
    static final String PULSE_LATENCY_MS = "20";

    void killServer() throws InterruptedException {
        server.destroyForcibly().waitFor();
    }

    /** A bot using its own devices mic{name} / spk{name}, listening for the test tones. */
    BotProcess bot(String name, String... args) throws IOException {
        return bot(name, true, args);
    }

    /** A bot; {@code pinned}: its PulseAudio devices are forced from outside, else it picks them itself. */
    BotProcess bot(String name, boolean pinned, String... args) throws IOException {
        return botAt(SERVER, name, pinned, args);
    }

    /** A bot of server {@code server} (a node of {@link #startNode}). */
    BotProcess botAt(String server, String name, boolean pinned, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--server", server, "--tones", "440,660,880"));
        all.addAll(List.of(args));
        BotProcess b = new BotProcess(net, name, dir, env(name, pinned), all.toArray(String[]::new));
        bots.add(b);
        return b;
    }

    /** A bot in the second namespace ({@link PrivateNetwork#addPeer} first), at {@link PrivateNetwork#PEER}. */
    BotProcess botOnPeer(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--server", SERVER, "--tones", "440,660,880"));
        all.addAll(List.of(args));
        BotProcess b = new BotProcess(net, true, name, dir, env(name, true), "org.voicerooms.client.bot.Bot",
                BotProcess.withName(name, all.toArray(String[]::new)));
        bots.add(b);
        return b;
    }

    /**
     * The desktop app ({@link AppDriver}: its real screens on a headless stage) in its own JVM, with devices
     * mic{name} / spk{name} and its own data directory; drive it with {@code signin}, {@code join ROOMID}, ...
     */
    BotProcess app(String name) throws IOException {
        BotProcess b = new BotProcess(net, name, dir, env(name, true), AppDriver.class.getName(), List.of(
                "--server", SERVER, "--name", name, "--data-dir", dir.resolve("app-" + name).toString(),
                "--shots", Path.of("target", "screenshots", "e2e").toAbsolutePath().toString()));
        bots.add(b);
        return b;
    }

    private static Map<String, String> env(String name, boolean pinned) {
        Map<String, String> env = new java.util.HashMap<>(pinned ? Map.of("PULSE_SOURCE", "mic" + name,
                "PULSE_SINK", "spk" + name) : Map.of());
        // as README's launch command runs the app; 0 leaves PulseAudio's default (a benchmark comparison)
        String latency = System.getProperty("bench.pulseLatencyMs", PULSE_LATENCY_MS);
        if (!"0".equals(latency)) {
            env.put("PULSE_LATENCY_MSEC", latency);
        }
        return env;
    }

    @Override
    public void close() throws IOException {
        for (BotProcess b : bots) {
            b.close();
        }
        if (server != null) {
            server.destroy();
        }
        for (Process p : others) {
            p.destroy();
        }
        for (Process p : others) {
            try {
                p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (janus != null) {
            try {
                janus.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        net.close();
    }
}
