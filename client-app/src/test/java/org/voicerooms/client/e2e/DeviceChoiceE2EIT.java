package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.client.testing.Environment.require;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.voicerooms.client.audio.ToneDetector;

/**
 * Choosing devices works under PulseAudio: a bot started without any device forced from outside picks a microphone
 * and a speaker that are not the system defaults, switches microphone while live, and sees devices come and go.
 */
class DeviceChoiceE2EIT {

    private static AudioRoom room;

    @BeforeAll
    static void start() throws Exception {
        require(PrivateNetwork.available(), "needs root, unshare, nsenter, ip, pulseaudio and parec");
        room = new AudioRoom("devices");
        room.net.devices("Default", 440);
        room.net.devices("Picked", 660);
        room.net.devices("Bob", 880);
        room.net.pactl("set-default-source", "micDefault");
        room.net.pactl("set-default-sink", "spkDefault");
        room.startServer();
    }

    @AfterAll
    static void stop() throws IOException {
        if (room != null) {
            room.close();
        }
    }

    /** The tone a speaker is playing now, by recording its monitor (0: none of the test tones). */
    private static int playing(String sink) throws Exception {
        byte[] pcm = room.net.record(sink, 1.0);
        return new ToneDetector(440, 660, 880).read(pcm, 1, pcm.length / 2, 48000, 0.5).tone();
    }

    @Test
    void aChosenMicrophoneAndSpeakerAreUsedAndCanChangeWhileLive() throws Exception {
        BotProcess picker = room.bot("Picker", false, "--create", "Device room", "--mic", "micPicked",
                "--speaker", "spkPicked");
        String pickerId = picker.userId();
        String roomId = picker.await(30, "ready").path("roomId").asText();
        assertThat(picker.await(10, "devices").path("microphones").toString())
                .contains("micDefault", "micPicked", "micBob");
        BotProcess bob = room.bot("Bob", "--room", roomId);
        String bobId = bob.userId();

        // the host's chosen microphone (660 Hz) is heard, not the default one (440 Hz)
        bob.hears(pickerId, 660, 30);

        // Bob comes on stage: the host's chosen speaker plays him, the default speaker stays silent
        int mark = picker.mark();
        bob.send("raise-hand");
        picker.await(mark, 10, "Bob's hand", l -> "hand-raised".equals(l.path("event").asText()));
        mark = bob.mark();
        picker.send("promote " + bobId);
        bob.await(mark, 10, "Bob on stage", l -> "role".equals(l.path("event").asText())
                && bobId.equals(l.path("userId").asText()));
        bob.send("unmute"); // new speakers come up muted
        picker.hears(bobId, 880, 30);
        int onPicked = 0;
        for (int i = 0; i < 10 && onPicked != 880; i++) {
            onPicked = playing("spkPicked");
        }
        assertThat(onPicked).as("the chosen speaker plays Bob").isEqualTo(880);
        assertThat(playing("spkDefault")).as("the default speaker plays nothing").isZero();

        // switching microphone while live: Bob now hears the default microphone's 440 Hz from the host
        picker.send("use-mic micDefault");
        bob.hears(pickerId, 440, 20);

        // hot-plug: a microphone appears and goes, and the app hears of both
        mark = picker.mark();
        String module = room.net.pactl("load-module", "module-sine-source", "source_name=micUsb", "frequency=300",
                "source_properties=device.description=micUsb").strip();
        picker.await(mark, 10, "micUsb plugged in", l -> "device".equals(l.path("event").asText())
                && "micUsb".equals(l.path("name").asText()) && l.path("connected").asBoolean()
                && l.path("microphone").asBoolean());
        mark = picker.mark();
        room.net.pactl("unload-module", module);
        picker.await(mark, 10, "micUsb removed", l -> "device".equals(l.path("event").asText())
                && "micUsb".equals(l.path("name").asText()) && !l.path("connected").asBoolean());
        assertThat(picker.alive()).isTrue();
    }
}
