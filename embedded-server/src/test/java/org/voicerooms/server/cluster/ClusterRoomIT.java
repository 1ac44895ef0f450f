package org.voicerooms.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
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
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.cluster.ServerNode;
import org.voicerooms.server.testing.cluster.TestCluster;

/**
 * One live room across three server processes sharing a real redis-server and one database, HAProxy in front, real
 * socket.io-client-java clients on different nodes: what members on one node do reaches members on the others; a
 * node killed with SIGKILL loses nobody's seat, role or hand; a node stopped gracefully hands its members over.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class ClusterRoomIT {

    private static final int GRACE_SECONDS = 10;

    @TempDir
    static Path dir;
    static TestCluster cluster;
    private final List<LiveClient> clients = new ArrayList<>();

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
        cluster = TestCluster.start(dir, 3, List.of("--reconnect-grace", GRACE_SECONDS + "s",
                "--joins-per-minute", "100"));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(LiveClient::close);
    }

    /** A signed-in person and their connection to one node. */
    record Member(AuthResponse auth, LiveClient live) {
        String id() {
            return auth.user().id();
        }
    }

    private Member join(String url, AuthResponse auth, String roomId) {
        LiveClient live = LiveClient.connect(url, auth.token(), true);
        clients.add(live);
        JsonNode ack = live.call(Events.JOIN, new JoinRoom(roomId));
        assertThat(ack.path("ok").asBoolean()).as("join on %s: %s", url, ack).isTrue();
        return new Member(auth, live);
    }

    private static void ok(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isTrue();
    }

    private static Api api(ServerNode node) {
        return new Api(node::url);
    }

    private static boolean about(JsonNode event, String userId) {
        return userId.equals(event.path("userId").asText());
    }

    @Test
    @Order(1)
    void theOfficialJavascriptClientRunsTheCoreFlowThroughTheBalancer() throws Exception {
        Path work = Path.of("target", "node-client");
        Files.createDirectories(work);
        for (String file : List.of("package.json", "package-lock.json", "core-flow.mjs")) {
            Files.copy(Path.of("src", "test", "node", file), work.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(work.resolve("node_modules/socket.io-client"))) {
            assertThat(run(work, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 180).exit()).isZero();
        }
        Api api = api(cluster.node(0));
        AuthResponse host = api.newUser("jshost");
        AuthResponse listener = api.guest("JS listener");
        AuthResponse third = api.guest("JS third");
        String roomId = api.createRoom(host.token(), Map.of("title", "From node")).room().id();
        // polling first: the three clients' connections land on different nodes and stay there by their sid
        Result node = run(work, List.of("node", "core-flow.mjs"), Map.of(
                "VR_URL", cluster.url(), "VR_ROOM", roomId, "VR_TRANSPORTS", "polling,websocket",
                "VR_HOST_TOKEN", host.token(), "VR_HOST_ID", host.user().id(),
                "VR_LISTENER_TOKEN", listener.token(), "VR_LISTENER_ID", listener.user().id(),
                "VR_THIRD_TOKEN", third.token(), "VR_THIRD_ID", third.user().id()), 90);
        assertThat(node.exit()).as("node core-flow.mjs:\n%s", node.output()).isZero();
        assertThat(node.output()).contains("\"step\":\"promoted\"", "\"step\":\"kicked\"", "\"step\":\"done\"");
    }

    private record Result(int exit, String output) {
    }

    private static Result run(Path dir, List<String> command, Map<String, String> env, int timeoutSeconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    @Test
    @Order(2)
    void oneRoomAcrossThreeNodesThenANodeIsKilled() {
        ServerNode n1 = cluster.node(0);
        ServerNode n2 = cluster.node(1);
        ServerNode n3 = cluster.node(2);
        AuthResponse hostAuth = api(n1).newUser("host");
        String roomId = api(n1).createRoom(hostAuth.token(), Map.of("title", "Across nodes")).room().id();
        Member host = join(n1.url(), hostAuth, roomId);

        // step 1: joins on every node (and one through the balancer) reach the host on node1
        long beforeJoins = LiveClient.receipts();
        Member alice = join(n2.url(), api(n2).guest("Alice"), roomId);
        Member carol = join(n2.url(), api(n2).guest("Carol"), roomId);
        Member bob = join(n3.url(), api(n3).guest("Bob"), roomId);
        Member dave = join(cluster.url(), api(n3).guest("Dave"), roomId);
        Member eve = join(n3.url(), api(n3).guest("Eve"), roomId);
        Member hal = join(n2.url(), api(n2).guest("Hal"), roomId);
        for (Member m : List.of(alice, carol, bob, dave, eve, hal)) {
            host.live().awaitSince(beforeJoins, Events.PARTICIPANT_JOINED,
                    e -> m.id().equals(e.at("/participant/userId").asText()));
        }

        // step 2: a hand raised on node2 reaches the stage on node1 (hands are shown to the stage only)
        ok(alice.live().call(Events.HAND_RAISE, new RoomRef(roomId)));
        host.live().await(Events.HAND_RAISED, e -> about(e, alice.id()));

        // step 3: the host on node1 promotes alice on node2; bob on node3 sees the new role
        ok(host.live().call(Events.PROMOTE, new Target(roomId, alice.id())));
        alice.live().await(Events.PROMOTED, e -> roomId.equals(e.path("roomId").asText()));
        bob.live().await(Events.ROLE_CHANGED, e -> about(e, alice.id()) && e.path("role").asText().equals("speaker"));

        // step 4: alice unmutes, the host mutes her: both directions across nodes
        ok(alice.live().call(Events.MUTE_TOGGLE, new MuteToggle(roomId, false)));
        host.live().await(Events.MUTE_CHANGED, e -> about(e, alice.id()) && !e.path("muted").asBoolean());
        ok(host.live().call(Events.MUTE, new Target(roomId, alice.id())));
        alice.live().await(Events.MUTED, e -> roomId.equals(e.path("roomId").asText()));

        // step 5: chat from node3 reaches node1 and node2
        ok(bob.live().call(Events.CHAT, new ChatSend(roomId, "hello from node3")));
        host.live().await(Events.CHAT_MESSAGE, e -> e.path("text").asText().equals("hello from node3"));
        alice.live().await(Events.CHAT_MESSAGE, e -> e.path("text").asText().equals("hello from node3"));

        // step 6: signaling relayed between peers on node1 and node2
        ok(host.live().call(Events.OFFER, new Sdp(roomId, alice.id(), "v=0 offer")));
        JsonNode offer = alice.live().await(Events.RELAYED_OFFER);
        assertThat(offer.path("peerId").asText()).isEqualTo(host.id());
        ok(alice.live().call(Events.ANSWER, new Sdp(roomId, host.id(), "v=0 answer")));
        assertThat(host.live().await(Events.RELAYED_ANSWER).path("sdp").asText()).isEqualTo("v=0 answer");
        ok(alice.live().call(Events.ICE_CANDIDATE, new IceCandidate(roomId, host.id(),
                "candidate:1 1 udp 1 10.0.0.1 9 typ host", "0", 0)));
        host.live().await(Events.RELAYED_ICE_CANDIDATE);

        // step 7: kick (through the balancer) and ban (node3) from node1
        ok(host.live().call(Events.KICK, new Target(roomId, dave.id())));
        dave.live().await(Events.KICKED, e -> !e.path("banned").asBoolean());
        ok(host.live().call(Events.BAN, new Target(roomId, eve.id())));
        eve.live().await(Events.KICKED, e -> e.path("banned").asBoolean());
        alice.live().await(Events.PARTICIPANT_LEFT, e -> about(e, eve.id()));

        // step 8: carol on node2 raises her hand; then node2 dies without a word
        ok(carol.live().call(Events.HAND_RAISE, new RoomRef(roomId)));
        host.live().await(Events.HAND_RAISED, e -> about(e, carol.id()));
        n2.kill();
        long killed = System.nanoTime();

        // step 9: alice and carol come back on another node from the node list, with role and hand
        List<String> urls = new ArrayList<>();
        api(n1).get("/api/server", null).expect(200).json().path("nodes")
                .forEach(n -> urls.add(n.path("url").asText()));
        String elsewhere = urls.stream().filter(u -> !u.equals(n2.url()) && !u.equals(n1.url())).findFirst()
                .orElse(n1.url());
        LiveClient aliceAgain = LiveClient.connect(elsewhere, alice.auth().token(), true);
        clients.add(aliceAgain);
        JsonNode aliceBack = aliceAgain.call(Events.JOIN, new JoinRoom(roomId));
        ok(aliceBack);
        assertThat(aliceBack.at("/state/you/role").asText()).isEqualTo("speaker");
        LiveClient carolAgain = LiveClient.connect(elsewhere, carol.auth().token(), true);
        clients.add(carolAgain);
        JsonNode carolBack = carolAgain.call(Events.JOIN, new JoinRoom(roomId));
        ok(carolBack);
        assertThat(carolBack.at("/state/you/role").asText()).isEqualTo("listener");
        assertThat(carolBack.at("/state/you/handRaised").asBoolean()).as("hand still up").isTrue();
        long backMs = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("Members of the killed node back with role and hand after " + backMs + " ms");

        // step 10: the room goes on; nobody saw them leave; the room document and its ban list are intact
        ok(bob.live().call(Events.CHAT, new ChatSend(roomId, "still here")));
        aliceAgain.await(Events.CHAT_MESSAGE, e -> e.path("text").asText().equals("still here"));
        host.live().await(Events.CHAT_MESSAGE, e -> e.path("text").asText().equals("still here"));
        assertThat(host.live().all(Events.PARTICIPANT_LEFT))
                .noneMatch(e -> about(e, alice.id()) || about(e, carol.id()));
        JsonNode room = api(n1).get("/api/rooms/" + roomId, hostAuth.token()).expect(200).json();
        assertThat(room.at("/room/status").asText(room.path("status").asText())).isEqualTo("active");
        assertThat(room.toString()).contains(eve.id());
        assertThat(new Api(n3::url).get("/api/rooms/" + roomId, hostAuth.token()).expect(200).json().toString())
                .contains(eve.id());

        // step 11: hal never comes back: a survivor took his seat over and he leaves once the grace ran out
        host.live().await(Events.PARTICIPANT_LEFT, e -> about(e, hal.id()), java.time.Duration.ofSeconds(
                GRACE_SECONDS + 20));
        long leftMs = (System.nanoTime() - killed) / 1_000_000;
        System.out.println("A member of the killed node who did not come back left after " + leftMs + " ms");
        assertThat(leftMs).as("ms from the kill until hal left").isGreaterThanOrEqualTo(GRACE_SECONDS * 1000L);
    }

    @Test
    @Order(3)
    void aNodeStoppedGracefullyHandsItsMembersOverWithoutAnError() {
        ServerNode n1 = cluster.node(0);
        ServerNode n3 = cluster.node(2);
        AuthResponse hostAuth = api(n1).newUser("host2");
        String roomId = api(n1).createRoom(hostAuth.token(), Map.of("title", "Draining")).room().id();
        Member host = join(n1.url(), hostAuth, roomId);
        Member fay = join(n3.url(), api(n3).guest("Fay"), roomId);
        Member gus = join(n3.url(), api(n3).guest("Gus"), roomId);
        long beforeHand = LiveClient.receipts();
        ok(fay.live().call(Events.HAND_RAISE, new RoomRef(roomId)));
        ok(host.live().call(Events.PROMOTE, new Target(roomId, gus.id())));
        gus.live().await(Events.PROMOTED);
        host.live().awaitSince(beforeHand, Events.HAND_RAISED, e -> about(e, fay.id()));

        assertThat(n3.stop()).as("exit code of the graceful stop").isIn(0, 143);

        for (Member m : List.of(fay, gus)) {
            assertThat(m.live().all(Events.ERROR)).as("errors seen by %s", m.auth().user().displayName()).isEmpty();
        }
        LiveClient fayAgain = LiveClient.connect(cluster.url(), fay.auth().token(), true);
        clients.add(fayAgain);
        JsonNode fayBack = fayAgain.call(Events.JOIN, new JoinRoom(roomId));
        ok(fayBack);
        assertThat(fayBack.at("/state/you/handRaised").asBoolean()).isTrue();
        LiveClient gusAgain = LiveClient.connect(cluster.url(), gus.auth().token(), true);
        clients.add(gusAgain);
        JsonNode gusBack = gusAgain.call(Events.JOIN, new JoinRoom(roomId));
        ok(gusBack);
        assertThat(gusBack.at("/state/you/role").asText()).isEqualTo("speaker");
        assertThat(fayAgain.all(Events.ERROR)).isEmpty();
        assertThat(host.live().all(Events.PARTICIPANT_LEFT)).noneMatch(e -> about(e, fay.id()) || about(e, gus.id()));
    }

    @Test
    @Order(4)
    void joinAndLeaveCyclesAndTheEndOfTheRoomLeaveNothingInRedis() {
        ServerNode n1 = cluster.node(0);
        AuthResponse hostAuth = api(n1).newUser("host3");
        String roomId = api(n1).createRoom(hostAuth.token(), Map.of("title", "Cycles")).room().id();
        Member host = join(n1.url(), hostAuth, roomId);
        AuthResponse guest = api(n1).guest("Cycler");
        LiveClient cycler = LiveClient.connect(cluster.url(), guest.token(), true);
        clients.add(cycler);
        for (int i = 0; i < 20; i++) {
            ok(cycler.call(Events.JOIN, new JoinRoom(roomId)));
            ok(cycler.call(Events.LEAVE, new RoomRef(roomId)));
        }
        ok(host.live().call(Events.END, new RoomRef(roomId)));
        try (io.lettuce.core.api.StatefulRedisConnection<String, String> redis =
                     io.lettuce.core.RedisClient.create(cluster.redis.uri()).connect()) {
            var sync = redis.sync();
            // the end is committed (the room's keys deleted) before the host's acknowledgement
            assertThat(sync.exists("vr:live-room:" + roomId)).as("the ended room's state").isZero();
            assertThat(sync.sismember("vr:live-rooms", roomId)).isFalse();
            assertThat(sync.exists("vr:user-rooms:" + guest.user().id())).as("the cycler's room index").isZero();
            assertThat(sync.smembers("vr:user-rooms:" + hostAuth.user().id())).doesNotContain(roomId);
        }
    }
}
