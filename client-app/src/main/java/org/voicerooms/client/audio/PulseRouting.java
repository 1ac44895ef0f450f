package org.voicerooms.client.audio;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts this process's PulseAudio streams on the chosen devices. libwebrtc's PulseAudio backend reports no device
 * ids, and webrtc-java selects devices by id, so under PulseAudio (and PipeWire's PulseAudio server) every selection
 * falls back to the default device. This moves our capture and playback streams with {@code pactl}, as soon as
 * they appear ({@code pactl subscribe}) and whenever the choice changes. Inactive where there is no PulseAudio.
 */
final class PulseRouting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PulseRouting.class);
    private static final String PID = Long.toString(ProcessHandle.current().pid());

    private volatile String source;
    private volatile String sink;
    private Process watcher;
    private Thread reader;

    /** Whether this machine has a reachable PulseAudio server and {@code pactl}. */
    static boolean available() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux") || !onPath("pactl")) {
            return false;
        }
        try {
            return run("info").exit == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Whether the PulseAudio server ({@link #available()} first) has no device at all: no source, and so no sink
     * either, since every sink has a monitor source. libwebrtc's PulseAudio backend dereferences the default devices'
     * names while it starts and crashes the whole process (SIGSEGV in a libpulse callback) when there are none, as on
     * a machine without a sound card whose PulseAudio loads no null sink.
     */
    static boolean hasNoDevices() {
        try {
            Result sources = run("list", "short", "sources");
            return sources.exit == 0 && sources.out.isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Sets the PulseAudio names (null: leave that side alone) and moves the streams that exist now. */
    synchronized void route(String sourceName, String sinkName) {
        this.source = sourceName;
        this.sink = sinkName;
        if ((source != null || sink != null) && watcher == null) {
            watch();
        }
        apply();
    }

    private void watch() {
        try {
            ProcessBuilder pb = new ProcessBuilder("pactl", "subscribe").redirectErrorStream(true);
            pb.environment().put("LC_ALL", "C");
            watcher = pb.start();
        } catch (IOException e) {
            LOG.warn("Cannot watch PulseAudio streams ({}); device choice applies only to streams open now",
                    e.getMessage());
            return;
        }
        Process p = watcher;
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("Event 'new' on source-output") || line.startsWith("Event 'new' on sink-input")) {
                        apply();
                    }
                }
            } catch (IOException e) {
                // watcher stopped
            }
        }, "voicerooms-pulse-routing");
        reader.setDaemon(true);
        reader.start();
    }

    /** Moves every stream of this process that is not on the chosen device. */
    synchronized void apply() {
        try {
            if (source != null) {
                move("source-outputs", "Source Output #", "move-source-output", source);
            }
            if (sink != null) {
                move("sink-inputs", "Sink Input #", "move-sink-input", sink);
            }
        } catch (IOException e) {
            LOG.warn("Could not move audio streams: {}", e.getMessage());
        }
    }

    private static void move(String list, String header, String command, String target)
            throws IOException {
        for (String stream : ours(run("list", list).out, header)) {
            Result r = run(command, stream, target);
            if (r.exit != 0) {
                LOG.warn("pactl {} {} {} failed: {}", command, stream, target, r.out.strip());
            } else {
                LOG.debug("Stream {} moved to {}", stream, target);
            }
        }
    }

    /** Indexes of this process's streams in {@code pactl list} output. */
    static List<String> ours(String listing, String header) {
        List<String> out = new ArrayList<>();
        String current = null;
        for (String raw : listing.split("\n")) {
            String line = raw.strip();
            if (raw.startsWith(header)) {
                current = raw.substring(header.length()).strip();
            } else if (current != null && line.equals("application.process.id = \"" + PID + "\"")) {
                out.add(current);
                current = null;
            }
        }
        return out;
    }

    private record Result(int exit, String out) {
    }

    private static Result run(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("pactl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
        return new Result(p.exitValue(), out);
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.destroy();
            watcher = null;
        }
    }
}
