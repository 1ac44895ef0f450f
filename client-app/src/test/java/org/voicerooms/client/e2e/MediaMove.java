package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One live move of a room from the mesh to Janus, as a listener lives it (shared by {@link MediaMoveE2EIT} and the
 * {@code switch-gap} phase of {@link AudioBench}): a host speaking (440 Hz) and Bob listening in a mesh; Carl's
 * arrival takes the room past {@code media-sfu-above} = 2. Needs a server started with Janus, {@code media-mode
 * auto} and {@code media-sfu-above 2}, and devices named Host, Bob and Carl. Every bot follows the room's plan.
 */
final class MediaMove {

    /**
     * What Bob lived through.
     *
     * @param gapMs   the longest hole in the host's tone at Bob from the plan change on (0: none over 60 ms)
     * @param gaps    every hole over 60 ms
     * @param moveMs  from room:media until Bob's mesh connection closed (his client's own figure)
     */
    record Result(long gapMs, List<Long> gaps, long moveMs) {
    }

    private MediaMove() {
    }

    static List<String> args(String... more) {
        List<String> all = new ArrayList<>(List.of("--report-ms", "100", "--no-processing"));
        all.addAll(List.of(more));
        return all;
    }

    static Result run(AudioRoom room, String title) throws Exception {
        BotProcess host = room.bot("Host", args("--create", title).toArray(String[]::new));
        JsonNode hostReady = host.await(90, "ready");
        String hostId = hostReady.path("userId").asText();
        String roomId = hostReady.path("roomId").asText();
        assertThat(hostReady.path("media").asText()).as("a room of one is a mesh").isEqualTo("mesh");
        assertThat(hostReady.path("mediaReason").asText()).isEqualTo("small-room");
        host.send("unmute");

        // two people: still a mesh, Bob hears the host over a peer link
        BotProcess bob = room.bot("Bob", args("--room", roomId).toArray(String[]::new));
        JsonNode bobReady = bob.await(90, "ready");
        assertThat(bobReady.path("media").asText()).as("two people: a mesh").isEqualTo("mesh");
        bob.hears(hostId, 440, 30);
        assertThat(links(bob)).as("Bob's connections in the mesh").containsExactly(hostId);

        // a third person makes the room large: it moves to Janus, live
        int mark = bob.mark();
        BotProcess carl = room.bot("Carl", args("--room", roomId).toArray(String[]::new));
        JsonNode moved = bob.await(mark, 90, "the move to Janus", l -> "media".equals(l.path("event").asText()));
        assertThat(moved.path("detail").asText()).isEqualTo("sfu");
        JsonNode carlReady = carl.await(90, "ready");
        assertThat(carlReady.path("media").asText()).as("the newcomer starts on Janus").isEqualTo("sfu");
        carl.hears(hostId, 440, 30);

        // Bob's mesh link goes once Janus carries the host; he never rejoined
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> now = links(bob);
        while (!now.equals(List.of("subscribe")) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            now = links(bob);
        }
        assertThat(now).as("Bob's connections after the move").containsExactly("subscribe");
        bob.hears(hostId, 440, 10);
        List<JsonNode> since = bob.lines().subList(mark, bob.lines().size());
        assertThat(since).as("Bob never rejoined").noneMatch(l -> "ready".equals(l.path("event").asText())
                || "status".equals(l.path("event").asText()));

        List<Long> gaps = new ArrayList<>();
        for (JsonNode l : since) {
            if ("gap".equals(l.path("event").asText()) && hostId.equals(l.path("peer").asText())) {
                gaps.add(l.path("ms").asLong());
            }
        }
        int planMark = bob.mark();
        bob.send("plan");
        long moveMs = bob.await(planMark, 15, "plan", l -> "plan".equals(l.path("event").asText()))
                .path("lastMoveMs").asLong();
        for (BotProcess b : List.of(carl, bob, host)) {
            b.close();
        }
        return new Result(gaps.stream().mapToLong(Long::longValue).max().orElse(0), gaps, moveMs);
    }

    /** The bot's connections now, by their {@code stats} names (a peer's id in the mesh; publish/subscribe on Janus). */
    private static List<String> links(BotProcess who) throws Exception {
        int mark = who.mark();
        who.send("stats");
        who.send("levels"); // printed after every stats line: where this answer ends
        who.await(mark, 15, "levels", l -> "levels".equals(l.path("event").asText()));
        List<String> out = new ArrayList<>();
        for (JsonNode l : who.lines().subList(mark, who.lines().size())) {
            if ("stats".equals(l.path("event").asText())) {
                out.add(l.path("peer").asText());
            }
        }
        return out;
    }
}
