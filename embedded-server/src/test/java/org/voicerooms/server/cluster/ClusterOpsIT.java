package org.voicerooms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.store.Database;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.cluster.ChildProcess;
import org.voicerooms.server.testing.cluster.ServerNode;
import org.voicerooms.server.testing.cluster.TestCluster;

/**
 * Three server processes, a real redis-server, the shared database process and HAProxy in front: the operator's
 * side of a cluster. The node list and health answers, rate limits shared by the nodes, polling connections kept on
 * their node by the balancer, a Redis outage survived without restarts, a killed node leaving the list, a stopped
 * node leaving it at once, and the start-up refusals.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class ClusterOpsIT {

    private static final int AUTH_PER_IP = 6;

    @TempDir
    static Path dir;
    static TestCluster cluster;

    @RegisterExtension
    static final TestWatcher LOGS = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (cluster != null) {
                cluster.testFailed(context, cause);
            }
        }
    };

    @BeforeAll
    static void startCluster() {
        cluster = TestCluster.start(dir, 3, List.of("--auth-per-ip-per-minute", String.valueOf(AUTH_PER_IP),
                "--reconnect-grace", "20s"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Api api(String url) {
        return new Api(() -> url);
    }

    private static List<String> nodeUrls(JsonNode server) {
        List<String> urls = new ArrayList<>();
        server.path("nodes").forEach(n -> urls.add(n.path("url").asText()));
        return urls;
    }

    @Test
    @Order(1)
    void everyNodeListsTheLiveNodesAndHealthCoversRedisAndTheDatabase() {
        List<String> expected = cluster.nodes().stream().map(ServerNode::url).toList();
        for (ServerNode node : cluster.nodes()) {
            JsonNode server = api(node.url()).get("/api/server", null).expect(200).json();
            assertThat(nodeUrls(server)).as("nodes listed by %s", node.name())
                    .containsExactlyInAnyOrderElementsOf(expected).first().isEqualTo(node.url());
            assertThat(server.path("capabilities").toString()).contains("\"cluster\"");
            JsonNode health = api(node.url()).get("/api/health", null).expect(200).json();
            assertThat(health.path("status").asText()).isEqualTo("ok");
            assertThat(health.path("storage").asText()).isEqualTo("ok");
            assertThat(health.path("redis").asText()).isEqualTo("ok");
        }
        assertThat(nodeUrls(api(cluster.url()).get("/api/server", null).expect(200).json())).hasSize(3);
    }

    @Test
    @Order(2)
    void anExternalDatabaseIsWrittenWithMajorityWriteConcern() {
        try (Database db = Database.open(cluster.mongo.uri(), dir.resolve("unused"))) {
            assertThat(db.writeConcern().getWString()).isEqualTo("majority");
            db.collection("probe").insertOne(new org.bson.Document("_id", "w-majority"));
            assertThat(db.collection("probe").countDocuments()).isEqualTo(1);
        }
    }

    @Test
    @Order(3)
    void rateLimitWindowsAreSharedByTheNodes() {
        int allowed = 0;
        int refused = 0;
        for (int i = 0; i < 3 * AUTH_PER_IP; i++) {
            ServerNode node = cluster.node(i % 3);
            Api.Response r = api(node.url()).post("/api/auth/guest", null, Map.of("displayName", "Guest " + i));
            if (r.status() == 200 || r.status() == 201) {
                allowed++;
            } else {
                Api.assertError(r, 429, "RATE_LIMITED");
                refused++;
            }
        }
        // counted per node, each of the three would have allowed AUTH_PER_IP
        assertThat(allowed).isEqualTo(AUTH_PER_IP);
        assertThat(refused).isEqualTo(2 * AUTH_PER_IP);
    }

    @Test
    @Order(4)
    void pollingConnectionsThroughTheBalancerStayOnTheirNode() {
        List<LiveClient> clients = new ArrayList<>();
        try (StatefulRedisConnection<String, String> redis = RedisClient.create(cluster.redis.uri()).connect()) {
            // the guest sign-ins of the test before used up this address's budget; start a new minute's window
            redis.sync().keys("vr:rl:*").forEach(k -> redis.sync().del(k));
            Api api = api(cluster.url());
            for (int i = 0; i < 6; i++) {
                AuthResponse guest = api.guest("Poller " + i);
                String roomId = api.createRoom(guest.token(), Map.of("title", "Room " + i)).room().id();
                LiveClient client = LiveClient.connect(cluster.url(), guest.token(), false);
                clients.add(client);
                JsonNode ack = client.call(Events.JOIN, new JoinRoom(roomId));
                assertThat(ack.path("ok").asBoolean()).as("join over polling through HAProxy: %s", ack).isTrue();
            }
            assertThat(clients).allMatch(LiveClient::isConnected);
            int total = 0;
            for (ServerNode node : cluster.nodes()) {
                JsonNode self = api(node.url()).get("/api/server", null).expect(200).json().path("nodes").get(0);
                total += self.path("connections").asInt();
            }
            assertThat(total).as("connections the nodes count (after their next heartbeat)").isGreaterThan(0);
        } finally {
            clients.forEach(LiveClient::close);
        }
    }

    @Test
    @Order(5)
    void aRedisOutageIsReportedAndTheNodesRecoverWithoutRestart() {
        cluster.redis.kill();
        try {
            duringTheOutage();
        } finally {
            cluster.redis.restart();
        }
        awaitTrue(Duration.ofSeconds(30), "every node healthy and listing three nodes again", () ->
                cluster.nodes().stream().allMatch(node -> {
                    JsonNode health = api(node.url()).get("/api/health", null).json();
                    JsonNode server = api(node.url()).get("/api/server", null).json();
                    return health.path("redis").asText().equals("ok") && server.path("nodes").size() == 3;
                }));
    }

    private static void duringTheOutage() {
        for (ServerNode node : cluster.nodes()) {
            JsonNode health = api(node.url()).get("/api/health", null).expect(200).json();
            assertThat(health.path("redis").asText()).as(node.name()).isEqualTo("unreachable");
            assertThat(health.path("status").asText()).isEqualTo("degraded");
        }
        // still serving what needs no Redis: sign-in and accounts (rate limits counted per node meanwhile)
        AuthResponse guest = api(cluster.node(0).url()).guest("During outage");
        assertThat(api(cluster.node(1).url()).get("/api/users/me", guest.token()).status()).isEqualTo(200);
        // what needs the live rooms answers a typed "not available right now"
        Api.assertError(api(cluster.node(2).url()).get("/api/rooms/discover", guest.token()), 503,
                "SERVICE_UNAVAILABLE");
    }

    @Test
    @Order(6)
    void aKilledNodeLeavesTheListWithinTheHeartbeatTimeAndTheBalancerRoutesAround() {
        ServerNode victim = cluster.node(2);
        String victimId = api(victim.url()).get("/api/server", null).expect(200).json().path("nodes").get(0)
                .path("id").asText();
        victim.kill();
        long killed = System.nanoTime();
        awaitTrue(NodeRegistry.TTL.plusSeconds(10), "node3 gone from the list", () ->
                !nodeUrls(api(cluster.node(0).url()).get("/api/server", null).json()).contains(victim.url()));
        long gone = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        assertThat(gone).as("ms until a killed node leaves the list").isLessThan(
                NodeRegistry.TTL.toMillis() + 3_000);
        try (StatefulRedisConnection<String, String> redis = RedisClient.create(cluster.redis.uri()).connect()) {
            awaitTrue(NodeRegistry.HEARTBEAT.multipliedBy(3), "a survivor took over node3 and forgot it", () ->
                    !redis.sync().smembers("vr:nodes").contains(victimId));
        }
        awaitTrue(Duration.ofSeconds(10), "HAProxy answering from the live nodes", () -> {
            for (int i = 0; i < 6; i++) {
                if (api(cluster.url()).get("/api/health", null).status() != 200) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    @Order(7)
    void aStoppedNodeLeavesTheListAtOnce() {
        ServerNode node = cluster.node(1);
        assertThat(node.stop()).as("exit code of a graceful stop").isIn(0, 143);
        List<String> urls = nodeUrls(api(cluster.node(0).url()).get("/api/server", null).expect(200).json());
        assertThat(urls).doesNotContain(node.url()).contains(cluster.node(0).url());
    }

    @Test
    @Order(8)
    void aNodeThatCannotReachItsRedisExitsWithOneLineAndCode2() throws Exception {
        int nobody = ChildProcess.freePort();
        Path log = dir.resolve("unreachable.log");
        ChildProcess node = ChildProcess.start("unreachable", ServerNode.command(List.of("--port", "0", "--data-dir",
                dir.resolve("unreachable").toString(), "--redis-uri", "redis://127.0.0.1:" + nobody,
                "--jwt-secret", TestCluster.JWT_SECRET)), log);
        assertThat(node.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(Files.readAllLines(log)).containsExactly("voicerooms-server: cannot reach Redis at 127.0.0.1:"
                + nobody + " (Connection refused)");

        Path log2 = dir.resolve("nosecret.log");
        ChildProcess noSecret = ChildProcess.start("no-secret", ServerNode.command(List.of("--port", "0",
                "--data-dir", dir.resolve("nosecret").toString(), "--redis-uri", cluster.redis.uri())), log2);
        assertThat(noSecret.waitFor(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(Files.readAllLines(log2)).singleElement().asString().contains("jwt-secret");
    }

    private static void awaitTrue(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(100); // polling an outside process's state; nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
