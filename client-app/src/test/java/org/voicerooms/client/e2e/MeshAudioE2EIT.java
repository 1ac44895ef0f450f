package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People hear each other: three bots in separate JVMs with real libwebrtc audio through PulseAudio virtual devices
 * (each microphone a sine wave of its own frequency), meeting in a room on a real server, all inside a private
 * network namespace. Checks what each one hears as the room changes.
 */
class MeshAudioE2EIT {

    private static final String SERVER = "http://" + PrivateNetwork.HOST + ":18080";
    private static Path dir;
    private static PrivateNetwork net;
    private static Process server;
    private static final List<BotProcess> BOTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        dir = Files.createDirectories(Path.of("target", "e2e-audio").toAbsolutePath());
        net = new PrivateNetwork(dir);
        net.devices("Host", 440);
        net.devices("Ann", 660);
        net.devices("Bob", 880);
        server = new ProcessBuilder(net.inside("java", "-cp", System.getProperty("java.class.path"),
                "org.voicerooms.server.Main", "--host", PrivateNetwork.HOST, "--port", "18080", "--data-dir",
                dir.resolve("server-data").toString(), "--bcrypt-cost", "4"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        waitForServer();
    }

    private static void waitForServer() throws Exception {
        // The test JVM is outside the namespace: ask from inside it.
        for (int i = 0; i < 100; i++) {
            Process p = new ProcessBuilder(net.inside("bash", "-c", "exec 3<>/dev/tcp/" + PrivateNetwork.HOST
                    + "/18080")).start();
            if (p.waitFor() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start; see " + dir.resolve("server.log"));
    }

    @AfterAll
    static void stop() throws IOException {
        for (BotProcess b : BOTS) {
            b.close();
        }
        if (server != null) {
            server.destroy();
        }
        if (net != null) {
            net.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--server", SERVER, "--tones", "440,660,880"));
        all.addAll(List.of(args));
        BotProcess b = new BotProcess(net, name, dir, all.toArray(String[]::new));
        BOTS.add(b);
        return b;
    }

    @Test
    void theStageIsHeardAndTheRoomsChangesFollow() throws Exception {
        BotProcess host = bot("Host", "--create", "Tone room");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess ann = bot("Ann", "--room", roomId);
        BotProcess bob = bot("Bob", "--room", roomId);
        String annId = ann.userId();
        String bobId = bob.userId();

        // both listeners hear the host's 440 Hz
        ann.hears(hostId, 440, 30);
        bob.hears(hostId, 440, 30);

        // Ann raises her hand, the host brings her up: the host and Bob hear her 660 Hz
        int mark = host.mark();
        ann.send("raise-hand");
        host.await(mark, 10, "Ann's hand", l -> "hand-raised".equals(l.path("event").asText()));
        host.send("promote " + annId);
        host.hears(annId, 660, 30);
        bob.hears(annId, 660, 30);

        // demoted, she is silent again for both
        host.send("demote " + annId);
        host.stopsHearing(annId, 660, 20);
        bob.stopsHearing(annId, 660, 20);
        ann.hears(hostId, 440, 20); // and still hears the host

        // the host mutes: nobody hears 440 any more; unmuted, it is back
        host.send("mute");
        ann.stopsHearing(hostId, 440, 20);
        bob.stopsHearing(hostId, 440, 20);
        host.send("unmute");
        bob.hears(hostId, 440, 20);

        // the host kicks Bob: his session ends as kicked and his audio stops
        mark = bob.mark();
        host.send("kick " + bobId);
        bob.await(mark, 10, "kicked", l -> "KICKED".equals(l.path("status").asText()));
        bob.stopsHearing(hostId, 440, 20);

        // the host ends the room: Ann's session ends and her audio stops
        mark = ann.mark();
        host.send("end");
        ann.await(mark, 10, "the end", l -> "ENDED".equals(l.path("status").asText()));
        ann.stopsHearing(hostId, 440, 20);

        assertThat(host.alive()).as("the host's JVM survived").isTrue();
        assertThat(ann.alive()).as("Ann's JVM survived").isTrue();
    }
}
