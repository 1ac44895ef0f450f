package org.voicerooms.client.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Janus gateway inside the test's private network, with a configuration written for the test: only the VideoRoom
 * plugin and the WebSocket transport (symlinked into private plugin folders, so nothing else loads), the WebSocket
 * API on the namespace address, the admin API off, an API secret. Janus's ICE ignores loopback, hence the namespace.
 */
final class JanusGateway implements AutoCloseable {

    static final int PORT = 8188;
    static final String SECRET = "janus-test-secret";
    private static final Path LIBS = Path.of("/usr/lib/x86_64-linux-gnu/janus");

    private final Process process;
    final String url;

    JanusGateway(PrivateNetwork net, Path dir) throws IOException, InterruptedException {
        this(net, dir, PORT);
    }

    /** A gateway whose WebSocket API listens on {@code port} (several gateways side by side). */
    JanusGateway(PrivateNetwork net, Path dir, int port) throws IOException, InterruptedException {
        String name = port == PORT ? "janus" : "janus-" + port;
        Path home = Files.createDirectories(dir.resolve(name));
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
                    server_name = "voicerooms-test"
                    session_timeout = 60
                    interface = "%s"
                }
                media: {
                    rtp_port_range = "20000-40000"
                }
                nat: {
                    ignore_mdns = true
                }
                events: {
                    broadcast = false
                }
                """.formatted(cfg, plugins, transports, none, none, SECRET, PrivateNetwork.HOST));
        Files.writeString(cfg.resolve("janus.transport.websockets.jcfg"), """
                general: {
                    json = "compact"
                    ws = true
                    ws_port = %d
                    ws_ip = "%s"
                    wss = false
                }
                admin: {
                    admin_ws = false
                    admin_wss = false
                }
                """.formatted(port, PrivateNetwork.HOST));
        Files.writeString(cfg.resolve("janus.plugin.videoroom.jcfg"), "general: {\n}\n");
        process = new ProcessBuilder(net.inside("janus", "-F", cfg.toString(), "-C",
                cfg.resolve("janus.jcfg").toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        url = "ws://" + PrivateNetwork.HOST + ":" + port + "/";
        awaitPort(net, port, process, dir.resolve(name + ".log"));
    }

    /** The Janus process (nsenter execs it: the same process), for its CPU time in /proc. */
    long pid() {
        return process.pid();
    }

    /** Whether Janus is installed here. */
    static boolean available() {
        return PrivateNetwork.onPath("janus") && Files.exists(LIBS.resolve("plugins/libjanus_videoroom.so"));
    }

    private static void link(Path target, Path link) throws IOException {
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, target);
    }

    /** Waits until something listens on {@code port} at the namespace address (asked from inside it). */
    static void awaitPort(PrivateNetwork net, int port, Process process, Path log)
            throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            Process p = new ProcessBuilder(net.inside("bash", "-c", "exec 3<>/dev/tcp/" + PrivateNetwork.HOST + "/"
                    + port)).start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("nothing listens on port " + port + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
