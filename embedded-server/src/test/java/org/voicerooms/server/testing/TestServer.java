package org.voicerooms.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/**
 * A real server for integration tests: 127.0.0.1 on a free port, its own temporary data directory, bcrypt cost 4,
 * a fixed JWT secret, per-address limits out of the way and a {@link MutableClock}. Use it per test with
 * try-with-resources, or per class as
 * {@code @RegisterExtension static final TestServer server = TestServer.start();}, which stops it after the class.
 */
public final class TestServer implements AutoCloseable, AfterAllCallback {

    /** The HS256 secret every test server signs with; tests forge tokens with it and with others. */
    public static final String JWT_SECRET = "voicerooms-test-secret-0123456789abcdef";

    private final Path dataDir;
    private final MutableClock clock = MutableClock.atNow();
    private final ServerConfig config;
    private final Api api;
    private VoiceRoomsServer server;

    private TestServer(Consumer<ServerConfig.Builder> tweaks) {
        try {
            dataDir = Files.createTempDirectory("voicerooms-it");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Every test client comes from 127.0.0.1: the per-address limits are raised; the security tests lower them.
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir)
                .jwtSecret(JWT_SECRET).bcryptCost(4).authPerIpPerMinute(100_000).roomCreationsPerIpPerDay(100_000)
                .joinsPerIpPerMinute(100_000).maxConnectionsPerIp(100_000).requestsPerUserPerSecond(100_000);
        tweaks.accept(builder);
        config = builder.build();
        try {
            server = VoiceRoomsServer.create(config, clock).start();
        } catch (RuntimeException e) {
            deleteDataDir();
            throw e;
        }
        api = new Api(this::baseUrl);
    }

    /** A started server with the test defaults. */
    public static TestServer start() {
        return start(b -> { });
    }

    /** A started server with the test defaults changed by {@code tweaks}. */
    public static TestServer start(Consumer<ServerConfig.Builder> tweaks) {
        return new TestServer(tweaks);
    }

    /** Stops the server and starts a new one on the same data directory, config and clock (a new port). */
    public synchronized void restart() {
        server.stop();
        server = VoiceRoomsServer.create(config, clock).start();
    }

    /** The running server's HTTP routes ({@link VoiceRoomsServer#httpRoutes()}). */
    public synchronized java.util.List<String> httpRoutes() {
        return server.httpRoutes();
    }

    /** {@code http://127.0.0.1:PORT} of the running server. */
    public synchronized String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** A client of this server; it follows the server across {@link #restart()}. */
    public Api api() {
        return api;
    }

    /** Runs the server's periodic checks now (after moving the clock). */
    public synchronized void housekeeping() {
        server.runHousekeeping();
    }

    public MutableClock clock() {
        return clock;
    }

    public ServerConfig config() {
        return config;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Stops the server and deletes its data directory. Idempotent. */
    @Override
    public synchronized void close() {
        server.stop();
        deleteDataDir();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void deleteDataDir() {
        if (!Files.exists(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
