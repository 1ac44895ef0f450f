package org.voicerooms.model.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicerooms.model.rooms.Role;

/** The audio mesh: who connects to whom, and who makes the offer. */
class TopologyTest {

    private static final Set<Role> STAGE = EnumSet.of(Role.HOST, Role.MODERATOR, Role.SPEAKER);

    /** Ids in ascending order; hex digits sort before letters. */
    private static final List<String> IDS = List.of(
            "0000000000000000000000ff",
            "09ffffffffffffffffffffff",
            "665f1c2ab3d4e5f607182901",
            "665f1c2ab3d4e5f607182902",
            "a00000000000000000000000",
            "ffffffffffffffffffffffff");

    @Test
    void listenersNeverConnectToEachOther() {
        assertThat(Topology.connected(Role.LISTENER, Role.LISTENER)).isFalse();
    }

    @Test
    void everyoneOnStageConnectsToEveryone() {
        for (Role stage : STAGE) {
            for (Role other : Role.values()) {
                assertThat(Topology.connected(stage, other)).as(stage + " with " + other).isTrue();
                assertThat(Topology.connected(other, stage)).as(other + " with " + stage).isTrue();
            }
        }
    }

    @Test
    void exactlyOneSideOffersOnEveryConnection() {
        for (String a : IDS) {
            for (String b : IDS) {
                if (!a.equals(b)) {
                    assertThat(Topology.offers(a, b)).as(a + " → " + b).isNotEqualTo(Topology.offers(b, a));
                }
            }
        }
    }

    @Test
    void theLowerIdOffers() {
        for (int i = 0; i < IDS.size(); i++) {
            for (int j = i + 1; j < IDS.size(); j++) {
                assertThat(Topology.offers(IDS.get(i), IDS.get(j))).as(IDS.get(i) + " → " + IDS.get(j)).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "{0} offers to {1}")
    @CsvSource({
        "665f1c2ab3d4e5f607182901, 665f1c2ab3d4e5f607182902",
        "9fffffffffffffffffffffff, a00000000000000000000000",
        "0123456789abcdef01234567, 1123456789abcdef01234567"})
    void theRuleIsLexicographicOnTheIds(String lower, String higher) {
        assertThat(Topology.offers(lower, higher)).isTrue();
        assertThat(Topology.offers(higher, lower)).isFalse();
    }

    @Test
    void noOneOffersToThemself() {
        assertThat(Topology.offers(IDS.get(2), IDS.get(2))).isFalse();
    }
}
