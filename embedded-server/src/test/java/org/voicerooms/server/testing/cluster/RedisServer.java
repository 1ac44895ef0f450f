package org.voicerooms.server.testing.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@code redis-server} (Debian package redis-server) on a free loopback port, without persistence, with a
 * config written here. {@link #restart()} brings it back on the same port, empty, as after a crash.
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private ChildProcess process;

    private RedisServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Starts one in {@code dir} and waits until it answers PING. */
    public static RedisServer start(Path dir) {
        RedisServer redis = new RedisServer(dir, ChildProcess.freePort());
        redis.launch();
        return redis;
    }

    /** The config the tests use; docs/CLUSTER.md shows the same lines. */
    static String config(int port, Path dir) {
        return String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode yes",
                "daemonize no",
                "save \"\"",
                "appendonly no",
                "dir " + dir,
                "logfile \"\"",
                "") ;
    }

    private void launch() {
        try {
            Path conf = dir.resolve("redis.conf");
            Files.writeString(conf, config(port, dir));
            process = ChildProcess.start("redis-server:" + port, List.of("redis-server", conf.toString()),
                    dir.resolve("redis.log"));
            process.awaitReady(this::answers, Duration.ofSeconds(10), "answering PING");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether it answers PING with PONG now. */
    public boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Kills it (SIGKILL). */
    public void kill() {
        process.kill();
    }

    /** Starts it again on the same port (after {@link #kill()}). */
    public void restart() {
        if (process.alive()) {
            process.kill();
        }
        launch();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }
}
