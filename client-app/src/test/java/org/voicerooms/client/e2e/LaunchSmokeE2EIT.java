package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * README's launch command, for real: the packaged jar under a virtual X display (Xvfb), inside a private network
 * namespace so the LAN announcement stays there. With --quick-start it hosts on this computer, signs in as a guest,
 * starts its audio engine, reaches the discover screen, saves a screenshot and exits cleanly.
 */
@Timeout(300)
class LaunchSmokeE2EIT {

    /** Under the time OkHttp's idle dispatcher threads used to keep a closed app alive (60 s). */
    private static final long EXIT_SECONDS = 20;

    private Path jar;

    @BeforeEach
    void needs() {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        require(PrivateNetwork.onPath("xvfb-run"), "needs xvfb-run");
        jar = Path.of("target", "client-app.jar").toAbsolutePath();
        require(Files.exists(jar), "runs after package");
    }

    @Test
    void theAppStartsWithAudioReachesDiscoverAndExitsCleanly() throws Exception {
        String log = launch("smoke", true);
        assertThat(log).contains("Audio engine started");
    }

    /**
     * A PulseAudio with no device at all (a machine without a sound card whose PulseAudio loads no null sink) used to
     * crash the whole app with a SIGSEGV inside libwebrtc's PulseAudio start; now the app runs without audio and says
     * why.
     */
    @Test
    void noAudioDeviceAtAllIsNoCrash() throws Exception {
        String log = launch("smoke-no-devices", false);
        assertThat(log).contains("no speaker or microphone found");
    }

    private String launch(String name, boolean devices) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "e2e-audio", name).toAbsolutePath());
        Path shot = Path.of("target", "screenshots", name + "-discover.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        try (PrivateNetwork net = new PrivateNetwork(dir)) {
            if (devices) {
                net.devices("App", 660);
            }
            List<String> cmd = List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                    "java", "-jar", jar.toString(), "--quick-start", "--screenshot", shot.toString(),
                    "--data-dir", dir.resolve("app-data").toString(), "--bind", PrivateNetwork.HOST);
            ProcessBuilder pb = new ProcessBuilder(net.inside(cmd.toArray(String[]::new))).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("app.log").toFile());
            pb.environment().putAll(net.pulse());
            pb.environment().put("PULSE_LATENCY_MSEC", AudioRoom.PULSE_LATENCY_MS);
            long t0 = System.nanoTime();
            Process app = pb.start();
            boolean exited = app.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                app.destroyForcibly();
            }
            String log = Files.readString(dir.resolve("app.log"));
            assertThat(exited).as("the app quit by itself; log:\n" + log).isTrue();
            assertThat(app.exitValue()).as("exit code (139 is a crash); log:\n" + log).isZero();
            assertThat(shot).exists();
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            assertThat(log).contains("Hosting").contains("Voice Rooms closed");
            long closed = closedToExitSeconds(log);
            assertThat(closed).as("seconds from 'Voice Rooms closed' to the process's end; log:\n" + log)
                    .isLessThan(EXIT_SECONDS);
            System.out.printf("[smoke] %s: launch → discover screenshot → exit in %.1f s%n", name,
                    (System.nanoTime() - t0) / 1e9);
            return log;
        }
    }

    /** Seconds between the log line that says the app closed (time of day) and now, when the process has ended. */
    private static long closedToExitSeconds(String log) {
        String line = log.lines().filter(l -> l.contains("Voice Rooms closed")).findFirst().orElseThrow();
        return Duration.between(LocalTime.parse(line.substring(0, 12)), LocalTime.now()).toSeconds();
    }
}
