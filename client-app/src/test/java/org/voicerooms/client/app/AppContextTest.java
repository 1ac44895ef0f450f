package org.voicerooms.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.client.testing.Environment;

/** The app's services on their own: what signing out leaves behind. */
class AppContextTest {

    @TempDir
    Path dir;

    /** Sockets to {@code port} in CLOSE-WAIT (state 08 of Linux's {@code /proc/net/tcp}): the server closed, we did not. */
    private static long closeWaitTo(int port) throws IOException {
        long n = 0;
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            for (String line : Files.readAllLines(p)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[2].endsWith(hexPort) && "08".equals(f[3])) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void signingOutLeavesNoConnectionInCloseWait() throws Exception {
        Environment.require(Files.isReadable(Path.of("/proc/net/tcp")), "Linux (/proc/net/tcp)");
        TestServer server = new TestServer(dir.resolve("server"));
        int port = server.server.port();
        try (AppContext app = new AppContext(server.options(dir.resolve("app"), false), Runnable::run)) {
            app.connect(server.url).signInAsGuest("Ada");
            app.api().rooms("discover", 1, 10);
            app.realtime().connectAndWait(Duration.ofSeconds(10));
            app.api().rooms("trending", 1, 10);
            app.signOut();
            server.close(); // the server closes its side of whatever is still open
            Thread.sleep(1500);
            assertThat(closeWaitTo(port)).as("client sockets to the server half-closed and never closed").isZero();
        } finally {
            server.close();
        }
    }
}
