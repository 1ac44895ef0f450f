package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LAN discovery between two real processes inside a private network namespace (mDNS multicast never leaves it),
 * in two namespaces joined by a veth pair as if on two machines: one hosts a server with a live room and announces it, the
 * other lists it with the room; when hosting stops, the room goes from the list.
 */
class LanDiscoveryE2EIT {

    private static PrivateNetwork net;
    private static Path dir;
    private static final List<Process> PROCESSES = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter and ip");
        dir = Files.createDirectories(Path.of("target", "e2e-audio", "lan").toAbsolutePath());
        net = new PrivateNetwork(dir);
        net.addPeer();
    }

    @AfterAll
    static void stop() {
        PROCESSES.forEach(Process::destroyForcibly);
        if (net != null) {
            net.close();
        }
    }

    /** A LAN tool process inside the namespace, its JSON lines collected. */
    private static final class Tool {
        final Process process;
        final JsonLines out;

        Tool(String name, boolean onPeer, String... args) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("java", "-cp", System.getProperty("java.class.path"),
                    "org.voicerooms.client.Main"));
            cmd.addAll(List.of(args));
            String[] line = cmd.toArray(String[]::new);
            process = new ProcessBuilder(onPeer ? net.insidePeer(line) : net.inside(line))
                    .redirectError(dir.resolve(name + ".log").toFile()).start();
            PROCESSES.add(process);
            out = new JsonLines(name, process);
        }

        JsonNode await(long seconds, String what, Predicate<JsonNode> test) throws InterruptedException {
            return out.await(0, seconds, what, test);
        }

        void send(String line) throws IOException {
            Writer w = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            w.write(line + "\n");
            w.flush();
        }
    }

    private static boolean lists(JsonNode line, String server, String room) {
        for (JsonNode s : line.path("servers")) {
            if (s.path("name").asText().equals(server)) {
                for (JsonNode r : s.path("rooms")) {
                    if (r.path("title").asText().equals(room)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    @Test
    void aHostedRoomIsFoundByAnotherProcessAndGoesWhenHostingStops() throws Exception {
        Tool host = new Tool("lan-host", false, "--lan-host", "--bind", PrivateNetwork.HOST, "--name", "Kitchen table",
                "--data-dir", dir.resolve("host-data").toString(), "--room", "Board game night");
        JsonNode hosting = host.await(60, "hosting", l -> "hosting".equals(l.path("event").asText()));
        String url = hosting.path("url").asText();
        assertThat(url).as("a host on a network address serves https").startsWith("https://");
        host.await(30, "the room", l -> "room".equals(l.path("event").asText()));

        Tool finder = new Tool("lan-list", true, "--lan-list", "--bind", PrivateNetwork.PEER, "--seconds", "90");
        // the finder starts after the host announced: it learns of it from the next announcement
        JsonNode seen = finder.await(45, "the hosted room in the list", l -> lists(l, "Kitchen table",
                "Board game night"));
        JsonNode server = seen.path("servers").get(0);
        assertThat(server.path("url").asText()).isEqualTo(url);
        assertThat(server.path("fingerprint").asText()).as("the certificate to pin, as announced over mDNS")
                .matches("[0-9a-f]{64}").isEqualTo(hosting.path("fingerprint").asText());
        assertThat(server.path("rooms").get(0).path("participants").asInt()).isEqualTo(1);

        host.send("quit");
        host.await(30, "stopped", l -> "stopped".equals(l.path("event").asText()));
        finder.await(30, "the room gone", l -> "servers".equals(l.path("event").asText())
                && !lists(l, "Kitchen table", "Board game night"));
        assertThat(host.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
}
