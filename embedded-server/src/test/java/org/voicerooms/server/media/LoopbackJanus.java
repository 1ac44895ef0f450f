package org.voicerooms.server.media;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Janus gateway for server tests that need its API only (no media flows, so loopback is fine): the VideoRoom
 * plugin and the WebSocket transport on 127.0.0.1, admin API off, an API secret. It can be stopped, frozen (SIGSTOP:
 * it keeps the port and answers nothing) and started again on the same port.
 */
final class LoopbackJanus implements AutoCloseable {

    static final String SECRET = "janus-loopback-secret";
    private static final Path LIBS = Path.of("/usr/lib/x86_64-linux-gnu/janus");

    private final Path home;
    final int port;
    final String url;
    private Process process;

    LoopbackJanus(Path dir) throws IOException, InterruptedException {
        home = Files.createDirectories(dir);
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        url = "ws://127.0.0.1:" + port + "/";
        Path cfg = Files.createDirectories(home.resolve("cfg"));
        Path plugins = Files.createDirectories(home.resolve("plugins"));
        Path transports = Files.createDirectories(home.resolve("transports"));
        Path none = Files.createDirectories(home.resolve("none"));
        link(LIBS.resolve("plugins/libjanus_videoroom.so"), plugins.resolve("libjanus_videoroom.so"));
        link(LIBS.resolve("transports/libjanus_websockets.so"), transports.resolve("libjanus_websockets.so"));
        Files.writeString(cfg.resolve("janus.jcfg"), """
                general: {
                    configs_folder = "%s"
                    plugins_folder = "%s"
                    transports_folder = "%s"
                    events_folder = "%s"
                    loggers_folder = "%s"
                    debug_level = 4
                    api_secret = "%s"
                    session_timeout = 60
                }
                events: {
                    broadcast = false
                }
                """.formatted(cfg, plugins, transports, none, none, SECRET));
        Files.writeString(cfg.resolve("janus.transport.websockets.jcfg"), """
                general: {
                    json = "compact"
                    ws = true
                    ws_port = %d
                    ws_ip = "127.0.0.1"
                    wss = false
                }
                admin: {
                    admin_ws = false
                    admin_wss = false
                }
                """.formatted(port));
        Files.writeString(cfg.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
        start();
    }

    /** Whether Janus is installed here. */
    static boolean available() {
        return Files.exists(LIBS.resolve("plugins/libjanus_videoroom.so"))
                && Files.isExecutable(Path.of("/usr/bin/janus"));
    }

    /** Starts Janus (again) and waits until its WebSocket port takes connections. */
    void start() throws IOException, InterruptedException {
        Path cfg = home.resolve("cfg");
        process = new ProcessBuilder("janus", "-F", cfg.toString(), "-C", cfg.resolve("janus.jcfg").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        home.resolve("janus.log").toFile())).start();
        for (int i = 0; i < 100; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("Janus did not start; see " + home.resolve("janus.log"));
    }

    /** Stops Janus: its port refuses connections. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** SIGSTOP: Janus keeps its port and sockets but answers nothing (a hung gateway). */
    void freeze() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #freeze}. */
    void thaw() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + name + " failed");
        }
    }

    private static void link(Path target, Path link) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            thaw();
            stop();
        }
    }
}
