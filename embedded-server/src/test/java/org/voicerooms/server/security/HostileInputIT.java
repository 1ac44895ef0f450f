package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: an anonymous client exhausting the server's memory or sessions through the realtime handshake
 * (High 1, Medium 5). Drives the raw engine.io websocket with what a parser-bomb attacker sends, then checks that
 * an ordinary user is still served and that the server (running in this JVM) holds no more memory than before.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HostileInputIT {

    /** Bytes the server may keep after the whole attack, measured after GC (sockets, buckets, logs). */
    private static final long RETAINED_LIMIT = 32L << 20;
    /** Bytes of long-lived (old generation) heap the attack may touch at its peak; the bomb needs gigabytes. */
    private static final long PEAK_LIMIT = 96L << 20;

    /**
     * CVE-2023-5072's shape: an object key that is an array holding an object whose key is again an array… Older
     * org.json turns each level into an escaped string of the level below, doubling its size: 24 levels are 295
     * bytes and a 100 MB string; 26 take about 400 MB.
     */
    static String nestedKeyBomb(int levels) {
        String s = "{\"a\":1}";
        for (int i = 0; i < levels; i++) {
            s = "{\"a\":1,[" + s + "]:1}";
        }
        return s;
    }

    @Test
    void parserBombsDeepBracketsAndRepeatedConnectsLeaveTheServerServingAndItsHeapBounded() throws Exception {
        try (TestServer server = TestServer.start()) {
            AuthResponse attacker = server.api().guest("Mallory");
            long before = usedAfterGc();
            List<MemoryPoolMXBean> oldGen = oldGeneration();
            oldGen.forEach(MemoryPoolMXBean::resetPeakUsage);
            long oldBefore = oldGen.stream().mapToLong(p -> p.getUsage().getUsed()).sum();

            try (RawEngineSocket raw = RawEngineSocket.open(server.baseUrl())) {
                // Step 1: four nested-key bombs as the CONNECT's auth, each refused at once with a typed error.
                for (int i = 0; i < 4; i++) {
                    long start = System.nanoTime();
                    raw.send("0" + nestedKeyBomb(26));
                    String refusal = raw.await("a CONNECT_ERROR for the bomb", p -> p.startsWith("4"));
                    assertThat(refusal).contains("\"code\":\"BAD_REQUEST\"");
                    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))
                            .as("the bomb is refused without being expanded").isLessThan(2_000);
                }
                // Step 2: deep brackets, in the handshake and (unauthenticated) as an event.
                raw.send("0" + "[".repeat(60_000));
                assertThat(raw.await("a CONNECT_ERROR for a long handshake", p -> p.startsWith("4")))
                        .contains("PAYLOAD_TOO_LARGE");
                raw.send("0{\"token\":" + "[".repeat(8_000));
                assertThat(raw.await("a CONNECT_ERROR for deep brackets", p -> p.startsWith("4")))
                        .contains("BAD_REQUEST");
                raw.send("0{\"token\":\"" + attacker.token() + "\"}");
                assertThat(raw.await("the accepted CONNECT", p -> p.startsWith("0"))).contains("\"sid\"");
                raw.send("27[\"room:join\"," + "[".repeat(60_000) + "]");
                assertThat(raw.await("a failed acknowledgement for deep brackets", p -> p.startsWith("37[")))
                        .contains("\"ok\":false").contains("BAD_REQUEST");
                raw.send("2[\"room:join\"," + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "]");
                assertThat(raw.await("an error event for deep objects", p -> p.startsWith("2[\"error\"")))
                        .contains("BAD_REQUEST");
                // Step 3: 2,000 more CONNECTs on the same connection: each refused, none opens a socket.
                for (int i = 0; i < 2_000; i++) {
                    raw.send("0{\"token\":\"" + attacker.token() + "\"}");
                }
                for (int i = 0; i < 2_000; i++) {
                    assertThat(raw.await("CONNECT refusal " + i, p -> p.startsWith("4") || p.startsWith("0")))
                            .as("CONNECT %d on an open session", i).contains("\"code\":\"CONFLICT\"");
                }
                // The first session still works.
                raw.send("28[\"room:leave\",{\"roomId\":\"nope\"}]");
                assertThat(raw.await("the first session's acknowledgement", p -> p.startsWith("38[")))
                        .contains("\"ok\":false");
                assertThat(raw.isOpen()).isTrue();
            }

            long oldPeak = oldGen.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            assertThat(oldPeak - oldBefore).as("old-generation heap growth at the attack's peak")
                    .isLessThan(PEAK_LIMIT);

            // Step 4: an ordinary user signs in, connects and joins a room.
            AuthResponse host = server.api().guest("Host");
            String roomId = server.api().createRoom(host.token(), Map.of("title", "After the storm")).room().id();
            AuthResponse ann = server.api().guest("Ann");
            try (LiveClient live = LiveClient.connect(server.baseUrl(), ann.token())) {
                JsonNode ack = live.call(Events.JOIN, new JoinRoom(roomId));
                assertThat(ack.path("ok").asBoolean()).as("join acknowledgement %s", ack).isTrue();
            }

            long after = usedAfterGc();
            System.out.printf("Hostile input: heap after GC %d MiB before, %d MiB after; old generation %d MiB before,"
                    + " %d MiB at the peak%n", before >> 20, after >> 20, oldBefore >> 20, oldPeak >> 20);
            assertThat(after - before).as("heap held after the attack, after GC (before: %d MiB, after: %d MiB)",
                    before >> 20, after >> 20).isLessThan(RETAINED_LIMIT);
        }
    }

    private static List<MemoryPoolMXBean> oldGeneration() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                .toList();
    }

    static long usedAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
