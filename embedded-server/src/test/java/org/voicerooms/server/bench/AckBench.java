package org.voicerooms.server.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Acknowledgement round trips with many connected clients, every answer checked: the no-op floor (leaving a room
 * one is not in, answered {@code ok}) as a burst and paced, and real work paced the same way (each client in a
 * live room raises its hand, lowers it, chats, leaves and joins again, each heard by the whole room). An answer that is not {@code ok}
 * counts as failed, one that never comes within {@link #LOST_AFTER_MS} as lost.
 */
final class AckBench {

    /** An answer later than this is counted lost. */
    static final long LOST_AFTER_MS = 10_000;
    private static final String NOWHERE = "0123456789abcdef01234567";
    private static final String[] WORK = {"room:hand-raise", "room:hand-lower", "room:chat", "room:leave",
        "room:join"};

    private final BenchClients clients;
    private final List<String> failures;

    AckBench(BenchClients clients, List<String> failures) {
        this.clients = clients;
        this.failures = failures;
    }

    /** Tallies of one series: round trips by kind, answers that were not ok (by kind and code), lost ones. */
    private static final class Tally {
        final Map<String, ConcurrentLinkedQueue<Long>> micros = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        final AtomicInteger lost = new AtomicInteger();

        void answer(String kind, long startNanos, JsonNode answer) {
            if (answer == null) {
                lost.incrementAndGet();
                return;
            }
            micros.computeIfAbsent(kind, k -> new ConcurrentLinkedQueue<>())
                    .add((System.nanoTime() - startNanos) / 1000);
            if (!answer.path("ok").asBoolean()) {
                refused.computeIfAbsent(kind + " " + answer.at("/error/code").asText("?"), k -> new AtomicInteger())
                        .incrementAndGet();
            }
        }

        List<Long> all() {
            List<Long> all = new ArrayList<>();
            micros.values().forEach(all::addAll);
            return all;
        }

        String problems() {
            return (lost.get() == 0 ? "0 lost" : lost.get() + " lost FAIL") + (refused.isEmpty() ? ", 0 refused"
                    : ", refused FAIL " + refused);
        }

        boolean failed() {
            return lost.get() > 0 || !refused.isEmpty();
        }
    }

    /**
     * @param n           connected clients
     * @param perSecond   pace of the no-op floor
     * @param paced       events of each paced series
     * @param workPerSecond pace of the real work: each event is heard by the sender's room of {@code perRoom}
     * @param perRoom     members of each live room
     */
    String run(int n, int perSecond, int paced, int workPerSecond, int perRoom, long maxPacedP99Micros)
            throws Exception {
        List<String> tokens = clients.guests(n, "Acker");
        List<Socket> sockets = clients.connect(tokens);
        List<String> lines = new ArrayList<>();
        try {
            Tally burst = new Tally();
            CountDownLatch done = new CountDownLatch(n);
            for (Socket s : sockets) {
                chain(s, 5, burst, done);
            }
            done.await(5, TimeUnit.MINUTES);
            lines.add(String.format("%,d connected clients (websocket), each firing 5 acked no-op events "
                    + "(room:leave of a room it is not in) at once (a queueing figure): %s; %s", n,
                    BenchClients.percentiles(burst.all()), burst.problems()));
            check(burst, "burst");

            int rooms = Math.max(1, (n + perRoom - 1) / perRoom);
            BenchClients.Hosted hosted = clients.host(rooms, perRoom + 10, "Acks");
            List<String> roomOf = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                roomOf.add(hosted.roomIds().get(i % rooms));
                BenchClients.call(sockets.get(i), "room:join", Map.of("roomId", roomOf.get(i)));
            }
            Tally floor = paced(sockets, perSecond, paced, (i, k) -> new Object[] {"room:leave", NOWHERE});
            lines.add(String.format("  the same clients, each also in one of %d live rooms of %d, %,d no-op events "
                    + "paced at %d/s across them (the floor): %s; %s", rooms, perRoom, paced, perSecond,
                    BenchClients.percentiles(floor.all()), floor.problems()));
            check(floor, "paced floor");
            threshold(floor, "paced floor", maxPacedP99Micros);
            Tally work = paced(sockets, workPerSecond, paced, (i, k) -> new Object[] {WORK[k % WORK.length],
                roomOf.get(i)});
            StringBuilder byKind = new StringBuilder();
            for (String kind : WORK) {
                byKind.append(String.format("%n    %-16s %s", kind, BenchClients.percentiles(new ArrayList<>(
                        work.micros.getOrDefault(kind, new ConcurrentLinkedQueue<>())))));
            }
            lines.add(String.format("  %,d events of real work paced at %d/s (each client in turn: hand raise, "
                    + "hand lower, chat, leave, join; each heard by its room of %d): %s; %s%s", paced, workPerSecond,
                    perRoom, BenchClients.percentiles(work.all()), work.problems(), byKind));
            check(work, "paced work");
            threshold(work, "paced work", maxPacedP99Micros);
        } finally {
            BenchClients.close(sockets);
        }
        return String.join("\n", lines);
    }

    private void check(Tally tally, String what) {
        if (tally.failed()) {
            failures.add("acks, " + what + ": " + tally.problems());
        }
    }

    private void threshold(Tally tally, String what, long maxP99Micros) {
        long p99 = BenchClients.quantile(tally.all(), 0.99);
        if (p99 > maxP99Micros) {
            failures.add(String.format("acks, %s: p99 %.2f ms above the threshold of %.2f ms", what, p99 / 1000.0,
                    maxP99Micros / 1000.0));
        }
    }

    private static void chain(Socket s, int left, Tally tally, CountDownLatch done) {
        if (left == 0) {
            done.countDown();
            return;
        }
        long start = System.nanoTime();
        BenchClients.emit(s, "room:leave", Map.of("roomId", NOWHERE), LOST_AFTER_MS).thenAccept(answer -> {
            tally.answer("room:leave", start, answer);
            if (answer == null) {
                done.countDown();
            } else {
                chain(s, left - 1, tally, done);
            }
        });
    }

    /** What client {@code i} sends as its {@code k}-th paced event: {event, roomId}. */
    private interface Step {
        Object[] of(int client, int k);
    }

    /**
     * {@code total} events, {@code perSecond} a second, each from the next client in turn, so the figure is the
     * round trip under a steady load rather than the depth of a queue.
     */
    private static Tally paced(List<Socket> sockets, int perSecond, int total, Step step)
            throws InterruptedException {
        Tally tally = new Tally();
        CountDownLatch done = new CountDownLatch(total);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        int[] next = {0};
        pacer.scheduleAtFixedRate(() -> {
            if (next[0] >= total) {
                return;
            }
            int seq = next[0]++;
            int client = seq % sockets.size();
            Object[] what = step.of(client, seq / sockets.size());
            String event = (String) what[0];
            Map<String, ?> payload = event.equals("room:chat") ? Map.of("roomId", what[1], "text", "hello " + seq)
                    : Map.of("roomId", what[1]);
            long start = System.nanoTime();
            BenchClients.emit(sockets.get(client), event, payload, LOST_AFTER_MS).thenAccept(answer -> {
                tally.answer(event, start, answer);
                done.countDown();
            });
        }, 0, 1_000_000L / perSecond, TimeUnit.MICROSECONDS);
        done.await(10, TimeUnit.MINUTES);
        pacer.shutdownNow();
        return tally;
    }
}
