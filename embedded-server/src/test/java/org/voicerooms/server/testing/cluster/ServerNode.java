package org.voicerooms.server.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One server node in its own JVM, started from the test classpath with {@code org.voicerooms.server.Main} and flags,
 * as an operator would run {@code java -jar embedded-server.jar}. {@link #kill()} is {@code kill -9};
 * {@link #stop()} is SIGTERM (the graceful stop).
 */
public final class ServerNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final ChildProcess process;

    private ServerNode(String name, int port, ChildProcess process) {
        this.name = name;
        this.port = port;
        this.process = process;
    }

    /** The java binary running these tests. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The command line of a node: Main with {@code flags}. */
    public static List<String> command(List<String> flags) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "org.voicerooms.server.Main"));
        command.addAll(flags);
        return command;
    }

    /**
     * Starts a node named {@code name} on a free port with its files in {@code dir}, the flags {@code flags} plus
     * port, host, node-url and data-dir; waits until {@code /api/health} answers 200.
     */
    public static ServerNode start(String name, Path dir, List<String> flags) {
        int port = ChildProcess.freePort();
        try {
            Path data = Files.createDirectories(dir.resolve(name));
            List<String> all = new ArrayList<>(flags);
            all.addAll(List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--node-url",
                    "http://127.0.0.1:" + port, "--data-dir", data.toString()));
            ChildProcess process = ChildProcess.start(name, command(all), dir.resolve(name + ".log"));
            ServerNode node = new ServerNode(name, port, process);
            process.awaitReady(() -> node.healthStatus() == 200, Duration.ofSeconds(60), "healthy");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The HTTP status of {@code GET /api/health}, or -1 when nothing answers. */
    public int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/api/health"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public boolean alive() {
        return process.alive();
    }

    /** {@code kill -9}. */
    public void kill() {
        process.kill();
    }

    /** SIGTERM: the node drains and stops. Returns the exit code. */
    public int stop() {
        return process.stop(Duration.ofSeconds(30));
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
