package org.voicerooms.client.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;

/** A real server on loopback for UI and view-model tests, plus helpers to build the app around it. */
public final class TestServer implements AutoCloseable {

    public final VoiceRoomsServer server;
    public final URI url;

    public TestServer(Path data) {
        this(data, b -> b);
    }

    /** A server with test settings, then {@code more} of its own (e.g. a smaller state for paging tests). */
    public TestServer(Path data, java.util.function.UnaryOperator<ServerConfig.Builder> more) {
        server = VoiceRoomsServer.create(more.apply(ServerConfig.builder().host("127.0.0.1").port(0).dataDir(data)
                .bcryptCost(4).jwtSecret("ui-tests-secret-0123456789abcdef012345").authPerIpPerMinute(10_000)
                .roomCreationsPerIpPerDay(10_000).joinsPerIpPerMinute(10_000).maxConnectionsPerIp(10_000)
                .requestsPerUserPerSecond(10_000)).build()).start();
        url = URI.create("http://127.0.0.1:" + server.port());
    }

    /** App options for tests: data in {@code dir}, this server preselected, no audio, nothing multicast. */
    public AppOptions options(Path dir, boolean audio) {
        return new AppOptions(dir, url.toString(), "127.0.0.1", audio, false, null, false, false);
    }

    /** A headless participant on the client core (no audio), signed in and connected. */
    public Guest guest(String name) throws InterruptedException {
        ApiClient api = ApiClient.create(url);
        api.signInAsGuest(name);
        RealtimeClient rt = RealtimeClient.of(api);
        if (!rt.connectAndWait(java.time.Duration.ofSeconds(10))) {
            throw new IllegalStateException(name + " did not connect");
        }
        return new Guest(api, rt);
    }

    public record Guest(ApiClient api, RealtimeClient realtime) implements AutoCloseable {
        public String id() {
            return api.session().user().id();
        }

        @Override
        public void close() {
            realtime.close();
        }
    }

    /** Waits for {@code condition}, failing with {@code what} after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Override
    public void close() {
        server.stop();
    }
}
