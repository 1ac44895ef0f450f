package org.voicerooms.model.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.rooms.Role;

/** The mesh rules over generated pairs: both ends agree whether they connect, and exactly one of them offers. */
class TopologyPropertiesTest {

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    private static String id(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append("0123456789abcdef".charAt(r.nextInt(16)));
        }
        return b.toString();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void bothEndsAgreeAndExactlyOneOffers(long seed) {
        Random r = new Random(seed);
        Role a = Role.values()[r.nextInt(4)];
        Role b = Role.values()[r.nextInt(4)];
        assertThat(Topology.connected(a, b)).isEqualTo(Topology.connected(b, a))
                .isEqualTo(a != Role.LISTENER || b != Role.LISTENER);
        String x = id(r);
        String y = r.nextInt(10) == 0 ? x : id(r);
        if (x.equals(y)) {
            assertThat(Topology.offers(x, y)).as("nobody offers to themself").isFalse();
        } else {
            assertThat(Topology.offers(x, y)).as("%s / %s", x, y).isNotEqualTo(Topology.offers(y, x));
            assertThat(Topology.offers(x, y)).isEqualTo(x.compareTo(y) < 0);
        }
    }
}
