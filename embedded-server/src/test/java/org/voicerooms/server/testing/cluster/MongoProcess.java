package org.voicerooms.server.testing.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@link MongoLauncher} in its own JVM on a free loopback port: the one database every node of a test shares. */
public final class MongoProcess implements AutoCloseable {

    private final int port;
    private final ChildProcess process;

    private MongoProcess(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts it with its file in {@code dir}; waits until it listens. */
    public static MongoProcess start(Path dir) {
        int port = ChildProcess.freePort();
        ChildProcess process = ChildProcess.start("mongo:" + port, List.of(ServerNode.java(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), MongoLauncher.class.getName(), String.valueOf(port),
                dir.resolve("shared.mv.db").toString()), dir.resolve("mongo.log"));
        process.awaitReady(() -> ChildProcess.listening(port), Duration.ofSeconds(30), "listening");
        return new MongoProcess(port, process);
    }

    /** {@code mongodb://127.0.0.1:PORT}. */
    public String uri() {
        return "mongodb://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }
}
