package org.voicerooms.client.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private network namespace for WebRTC tests (libwebrtc ignores loopback): a holder process in its own namespace
 * with a veth pair giving the address {@link #HOST}, which exists nowhere else. Processes join it with nsenter.
 * Also runs a private PulseAudio daemon whose virtual sine-wave microphones and null-sink speakers the bots use.
 * Needs root, unshare, nsenter and pulseaudio; {@link #available()} says whether this machine has them.
 */
final class PrivateNetwork implements AutoCloseable {

    static final String HOST = "10.213.0.1";
    /** A second address, on the other end of the veth pair: a second "computer" for LAN tests. */
    static final String PEER = "10.213.0.2";

    private final Process holder;
    private final Path pulseDir;
    private final Process pulse;
    private Process peerHolder;

    PrivateNetwork(Path dir) throws IOException, InterruptedException {
        holder = namespaceHolder();
        run("sh", "-c", "ip link set lo up && ip link add va type veth peer name vb && ip addr add " + HOST
                + "/24 dev va && ip link set va up && ip link set vb up");
        pulseDir = Files.createDirectories(dir.resolve("pulse"));
        ProcessBuilder daemon = new ProcessBuilder("pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "-n",
                "--load=module-native-protocol-unix", "--disallow-exit", "--log-target=stderr")
                .redirectErrorStream(true).redirectOutput(dir.resolve("pulseaudio.log").toFile())
                .directory(dir.toFile());
        daemon.environment().put("XDG_RUNTIME_DIR", pulseDir.toString());
        pulse = daemon.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(pulseDir.resolve("pulse/native"))) { // the daemon's socket: it is up and listening
            if (!pulse.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("the private PulseAudio did not come up; see " + dir.resolve("pulseaudio.log"));
            }
            Thread.sleep(20);
        }
    }

    /**
     * A process holding a new network namespace, returned once the namespace exists: unshare has made it when the
     * shell it runs inside prints, and the namespace is not this process's own.
     */
    private static Process namespaceHolder() throws IOException {
        Process p = new ProcessBuilder("unshare", "-n", "sh", "-c", "echo ready; exec sleep 3600")
                .redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        Path ns = Path.of("/proc", String.valueOf(p.pid()), "ns", "net");
        if (!"ready".equals(line) || Files.readSymbolicLink(ns).equals(Files.readSymbolicLink(
                Path.of("/proc/self/ns/net")))) {
            p.destroyForcibly();
            throw new IOException("unshare made no network namespace: " + line);
        }
        return p;
    }

    /**
     * A second "computer": a second namespace holding the veth pair's other end with address {@link #PEER}, so
     * traffic between the two, multicast included, crosses a link as on a LAN. Run programs there with
     * {@link #insidePeer}.
     */
    void addPeer() throws IOException, InterruptedException {
        peerHolder = namespaceHolder();
        run("ip", "link", "set", "vb", "netns", String.valueOf(peerHolder.pid()));
        Process p = new ProcessBuilder(insidePeer("sh", "-c", "ip link set lo up && ip addr add " + PEER
                + "/24 dev vb && ip link set vb up")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("peer namespace set-up failed: " + out);
        }
        run("ip", "link", "set", "va", "up");
    }

    /** The command prefix that runs a program in the peer's namespace ({@link #addPeer} first). */
    List<String> insidePeer(String... command) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + peerHolder.pid() + "/ns/net"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    /** Whether this machine can run the audio end-to-end tests. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name")) && onPath("unshare") && onPath("nsenter")
                && onPath("pulseaudio") && onPath("pactl") && onPath("parec") && onPath("ip");
    }

    /** Whether {@code tool} is an executable on the PATH. */
    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Environment every process that talks to the private PulseAudio needs. */
    Map<String, String> pulse() {
        return Map.of("XDG_RUNTIME_DIR", pulseDir.toString(), "PULSE_SERVER", "unix:" + pulseDir.resolve(
                "pulse/native"));
    }

    /** A sine-wave microphone and a null-sink speaker for one participant. */
    void devices(String name, int toneHz) throws IOException, InterruptedException {
        pactl("load-module", "module-null-sink", "sink_name=spk" + name, "sink_properties=device.description=spk"
                + name);
        // Not module-sine-source: its latency is fixed at 2 s, so it hands its readers 2 s of audio every 2 s and
        // every receiver's jitter buffer grows to hold a 2 s burst (a moderator's mute then took 2 s to be heard).
        // A sine played into a null sink has the latency its readers ask for; mic{name} reads that sink's monitor.
        pactl("load-module", "module-null-sink", "sink_name=tone" + name, "sink_properties=device.description=tone"
                + name);
        pactl("load-module", "module-sine", "sink=tone" + name, "frequency=" + toneHz);
        pactl("load-module", "module-remap-source", "source_name=mic" + name, "master=tone" + name + ".monitor",
                "source_properties=device.description=mic" + name);
    }

    /**
     * A microphone fed from a named pipe the caller writes 16-bit mono PCM at 48 kHz into (for timed bursts), and a
     * null-sink speaker.
     */
    void pipeDevices(String name, Path fifo) throws IOException, InterruptedException {
        pactl("load-module", "module-null-sink", "sink_name=spk" + name, "sink_properties=device.description=spk"
                + name);
        pactl("load-module", "module-pipe-source", "source_name=mic" + name, "file=" + fifo, "format=s16le",
                "rate=48000", "channels=1", "source_properties=device.description=mic" + name);
    }

    /**
     * A participant in a room with loudspeakers: a null-sink speaker spk{name}, and a microphone mic{name} that hears
     * exactly what that speaker plays, {@code echoDb} dB down (the acoustic path from a laptop's speakers to its
     * microphone is some 10 to 20 dB). Everything the microphone sends is echo.
     */
    void echoDevices(String name, double echoDb) throws IOException, InterruptedException {
        pactl("load-module", "module-null-sink", "sink_name=spk" + name, "sink_properties=device.description=spk"
                + name);
        pactl("load-module", "module-remap-source", "source_name=mic" + name, "master=spk" + name + ".monitor",
                "source_properties=device.description=mic" + name);
        pactl("set-source-volume", "mic" + name, echoDb + "dB");
    }

    /** Runs pactl against the private PulseAudio; returns its output. */
    String pactl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("pactl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(pulse());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pactl " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** What a speaker played: {@code seconds} of its monitor, 16-bit mono PCM at 48 kHz. */
    byte[] record(String sink, double seconds) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("parec", "-d", sink + ".monitor", "--raw", "--format=s16le",
                "--rate=48000", "--channels=1", "--latency-msec=20");
        pb.environment().putAll(pulse());
        Process p = pb.start();
        byte[] pcm = p.getInputStream().readNBytes((int) (seconds * 48000) * 2);
        p.destroy();
        p.waitFor(5, TimeUnit.SECONDS);
        return pcm;
    }

    /** The command prefix that runs a program inside the namespace. */
    List<String> inside(String... command) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net"));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(inside(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        pulse.destroy();
        holder.destroy();
        if (peerHolder != null) {
            peerHolder.destroy();
        }
    }
}
