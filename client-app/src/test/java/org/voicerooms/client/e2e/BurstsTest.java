package org.voicerooms.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.client.e2e.Bursts.Burst;
import org.voicerooms.client.e2e.Bursts.Onset;

/** The latency benchmark's matching: a long delay stays long, a lost burst is lost, never another's onset. */
class BurstsTest {

    private static final long MS = 1_000_000L;
    private static final long SPACING = 1_005 * MS; // as the feeder plays them: a second apart and a little

    private static List<Burst> bursts(int n) {
        List<Burst> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Burst(10_000 * MS + i * SPACING, Bursts.toneOf(i)));
        }
        return out;
    }

    private static List<Onset> heard(List<Burst> bursts, long delayMs) {
        return bursts.stream().map(b -> new Onset(b.atNanos() + delayMs * MS, b.tone())).toList();
    }

    @Test
    void aDelayLongerThanTheSpacingIsReportedAsItselfNotAsTheGapToTheNextBurst() {
        List<Burst> sent = bursts(20);
        // 1,050 ms: with one tone and a 900 ms window this read as 45 ms (the next burst's onset)
        Bursts.Match m = Bursts.match(sent, heard(sent, 1_050), Bursts.safeWindow(SPACING));
        assertThat(m.lost()).isZero();
        assertThat(m.latenciesMs()).hasSize(20).allSatisfy(ms -> assertThat(ms).isEqualTo(1_050.0));
    }

    @Test
    void lostBurstsAreCountedAndLendTheirSlotToNobody() {
        List<Burst> sent = bursts(10);
        List<Onset> onsets = new ArrayList<>(heard(sent, 80));
        onsets.remove(3);
        onsets.remove(6); // the 8th burst's onset (index shifted by the first removal)
        Bursts.Match m = Bursts.match(sent, onsets, Bursts.safeWindow(SPACING));
        assertThat(m.lost()).isEqualTo(2);
        assertThat(m.latenciesMs()).hasSize(8).containsOnly(80.0);
    }

    @Test
    void anOnsetOfTheWrongToneOrOfNoToneMatchesNothing() {
        List<Burst> sent = bursts(2);
        List<Onset> onsets = List.of(new Onset(sent.get(0).atNanos() + 60 * MS, sent.get(1).tone()),
                new Onset(sent.get(1).atNanos() + 60 * MS, 0));
        Bursts.Match m = Bursts.match(sent, onsets, Bursts.safeWindow(SPACING));
        assertThat(m.lost()).isEqualTo(2);
        assertThat(m.unidentified()).isEqualTo(1);
        assertThat(m.latenciesMs()).isEmpty();
    }

    @Test
    void aWindowThatCouldAliasIsRefused() {
        List<Burst> sent = bursts(3);
        assertThatThrownBy(() -> Bursts.match(sent, heard(sent, 50), SPACING * Bursts.TONES.length))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alias");
        assertThat(Bursts.toneOf(0)).isEqualTo(600);
        assertThat(Bursts.toneOf(5)).isEqualTo(600);
        assertThat(Bursts.toneOf(7)).isEqualTo(1000);
    }
}
