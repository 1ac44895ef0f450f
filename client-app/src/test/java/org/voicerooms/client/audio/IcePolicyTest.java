package org.voicerooms.client.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.client.app.AppOptions;

/** Setting {@code ice-transport-policy}: its two values, read as the app's option, and bad values named. */
class IcePolicyTest {

    @Test
    void readsBothValuesAndNamesTheSettingOnAnythingElse() {
        assertThat(IcePolicy.parse("all")).isEqualTo(IcePolicy.ALL);
        assertThat(IcePolicy.parse(" Relay ")).isEqualTo(IcePolicy.RELAY);
        assertThat(IcePolicy.RELAY.wire()).isEqualTo("relay");
        assertThatThrownBy(() -> IcePolicy.parse("turn")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ice-transport-policy");
        assertThatThrownBy(() -> IcePolicy.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAppTakesItAsAnOptionDefaultingToAll() {
        assertThat(AppOptions.parse(List.of()).icePolicy()).isEqualTo(IcePolicy.ALL);
        assertThat(AppOptions.parse(List.of("--ice-transport-policy", "relay")).icePolicy())
                .isEqualTo(IcePolicy.RELAY);
        assertThatThrownBy(() -> AppOptions.parse(List.of("--ice-transport-policy")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AppOptions.parse(List.of("--ice-transport-policy", "none")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("all or relay");
    }
}
