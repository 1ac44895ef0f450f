package org.voicerooms.client.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-person listening choices survive a restart, stay in range, and a broken file is not fatal. */
class PeopleAudioTest {

    @TempDir
    Path dir;

    @Test
    void choicesAreRememberedPerPersonAcrossRestarts() {
        Path file = dir.resolve("people-audio.json");
        PeopleAudio first = PeopleAudio.load(file);
        first.set("a", new PeopleAudio.Choice(40, false));
        first.set("b", new PeopleAudio.Choice(150, true));

        PeopleAudio again = PeopleAudio.load(file);

        assertThat(again.of("a")).isEqualTo(new PeopleAudio.Choice(40, false));
        assertThat(again.of("b").heard()).isFalse();
        assertThat(again.of("c")).isEqualTo(PeopleAudio.Choice.DEFAULT);
    }

    @Test
    void volumesAreClampedAndZeroMeansNotHeard() {
        assertThat(new PeopleAudio.Choice(500, false).volume()).isEqualTo(PeopleAudio.MAX_PERCENT);
        assertThat(new PeopleAudio.Choice(-3, false).volume()).isZero();
        assertThat(new PeopleAudio.Choice(0, false).heard()).isFalse();
        assertThat(new PeopleAudio.Choice(1, false).heard()).isTrue();
    }

    @Test
    void backToTheDefaultForgetsThePersonAndABrokenFileStartsAfresh() throws Exception {
        Path file = dir.resolve("people-audio.json");
        PeopleAudio audio = PeopleAudio.load(file);
        audio.set("a", new PeopleAudio.Choice(10, false));
        audio.set("a", PeopleAudio.Choice.DEFAULT);
        assertThat(Files.readString(file)).doesNotContain("\"a\"");

        Files.writeString(file, "{not json");
        assertThat(PeopleAudio.load(file).of("a")).isEqualTo(PeopleAudio.Choice.DEFAULT);
    }
}
