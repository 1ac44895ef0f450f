package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * People hear each other: three bots in separate JVMs with real libwebrtc audio through PulseAudio virtual devices
 * (each microphone a sine wave of its own frequency), meeting in a room on a real server, all inside a private
 * network namespace. Checks what each one hears as the room changes.
 */
class MeshAudioE2EIT {

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip and pulseaudio");
        room = new AudioRoom("mesh");
        room.net.devices("Host", 440);
        room.net.devices("Ann", 660);
        room.net.devices("Bob", 880);
        room.startServer();
    }

    @AfterAll
    static void stop() throws IOException {
        if (room != null) {
            room.close();
        }
    }

    private static BotProcess bot(String name, String... args) throws IOException {
        return room.bot(name, args);
    }

    @Test
    void theStageIsHeardAndTheRoomsChangesFollow() throws Exception {
        BotProcess host = bot("Host", "--create", "Tone room");
        String hostId = host.userId();
        String roomId = host.await(30, "ready").path("roomId").asText();
        BotProcess ann = bot("Ann", "--room", roomId);
        String annId = ann.userId();
        ann.hears(hostId, 440, 30);
        // the host's voice activity reaches the room, even while the host had no one to speak to
        seesSpeaking(ann, hostId, 15);

        // both listeners hear the host's 440 Hz
        BotProcess bob = bot("Bob", "--room", roomId);
        String bobId = bob.userId();
        bob.hears(hostId, 440, 30);

        // listeners' microphones are never heard
        host.hearsNone(2, "a listener", l -> "hear".equals(l.path("event").asText())
                && !l.path("peer").asText().equals(hostId) && l.path("tone").asInt() != 0);
        assertThat(host.lines()).as("the host hears no listener").noneMatch(l -> "hear".equals(l.path("event")
                .asText()) && !l.path("peer").asText().equals(hostId) && l.path("tone").asInt() != 0);

        // Ann raises her hand, the host brings her up: she comes up muted, as the room says, until she unmutes;
        // then the host and Bob hear her 660 Hz, and her voice activity reaches the room
        int mark = host.mark();
        ann.send("raise-hand");
        host.await(mark, 10, "Ann's hand", l -> "hand-raised".equals(l.path("event").asText()));
        mark = host.mark();
        host.send("promote " + annId);
        host.await(mark, 10, "Ann on stage", l -> "role".equals(l.path("event").asText())
                && annId.equals(l.path("userId").asText()));
        // (a window measured with hearsNone once saw her tone at -43 dBFS before the unmute: to be looked into)
        Thread.sleep(3000);
        assertThat(host.lines().subList(mark, host.lines().size())).as("Ann is not heard before she unmutes")
                .noneMatch(l -> "hear".equals(l.path("event").asText()) && annId.equals(l.path("peer").asText())
                        && l.path("tone").asInt() == 660);
        mark = host.mark();
        ann.send("unmute");
        host.hears(annId, 660, 30);
        bob.hears(annId, 660, 30);
        host.await(mark, 15, "Ann speaking", l -> speaking(l, annId, true));

        // the host mutes her as a moderator: her microphone goes quiet without her doing anything
        host.send("mute-user " + annId);
        host.stopsHearing(annId, 660, 20);
        bob.stopsHearing(annId, 660, 20);
        ann.send("unmute");
        host.hears(annId, 660, 20);

        // a speaker mutes herself for a moment: silent, then heard again
        ann.send("mute");
        host.stopsHearing(annId, 660, 20);
        ann.send("unmute");
        host.hears(annId, 660, 20);
        bob.hears(annId, 660, 20);

        // demoted, she is silent again for both
        host.send("demote " + annId);
        host.stopsHearing(annId, 660, 20);
        bob.stopsHearing(annId, 660, 20);
        ann.hears(hostId, 440, 20); // and still hears the host

        // the host mutes: nobody hears 440 any more; unmuted, it is back
        mark = ann.mark();
        host.send("mute");
        ann.stopsHearing(hostId, 440, 20);
        ann.await(mark, 10, "the host no longer speaking", l -> speaking(l, hostId, false));
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

    /** Waits until {@code who}'s view of the room shows {@code userId} speaking. */
    private static void seesSpeaking(BotProcess who, String userId, long seconds) throws Exception {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            int mark = who.mark();
            who.send("people");
            for (var p : who.await(mark, 10, "people", l -> "people".equals(l.path("event").asText()))
                    .path("participants")) {
                if (userId.equals(p.path("userId").asText()) && p.path("speaking").asBoolean()) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(who.name + " never saw " + userId + " speaking within " + seconds + " s");
    }

    private static boolean speaking(com.fasterxml.jackson.databind.JsonNode line, String userId, boolean on) {
        return "speaking".equals(line.path("event").asText()) && userId.equals(line.path("userId").asText())
                && String.valueOf(on).equals(line.path("detail").asText());
    }
}
