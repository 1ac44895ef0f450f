package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.users.FriendStatus;

/** Enums travel as their lower-case wire names, in JSON bodies as in paths and queries. */
class WireEnumTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    /** The wire names of docs/API.md and docs/REALTIME.md, in declaration order. */
    static Stream<Arguments> wireNames() {
        return Stream.of(
                arguments(RoomType.class, List.of("public", "private", "friends-only")),
                arguments(RoomCategory.class, List.of("tech", "music", "gaming", "casual")),
                arguments(RoomStatus.class, List.of("scheduled", "active", "ended")),
                arguments(Role.class, List.of("host", "moderator", "speaker", "listener")),
                arguments(FriendStatus.class, List.of("requested", "friends", "none")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireNames")
    void wireNamesAreTheDocumentedOnes(Class<? extends WireEnum> type, List<String> names) {
        assertThat(Arrays.stream(type.getEnumConstants()).map(WireEnum::wire)).containsExactlyElementsOf(names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wireNames")
    <E extends Enum<E> & WireEnum> void everyConstantTravelsAsItsWireName(Class<E> type) throws Exception {
        for (E constant : type.getEnumConstants()) {
            String json = MAPPER.writeValueAsString(constant);

            assertThat(json).isEqualTo("\"" + constant.wire() + "\"");
            assertThat(MAPPER.readValue(json, type)).isSameAs(constant);
            assertThat(WireEnum.parse(type, constant.wire())).contains(constant);
        }
    }

    @Test
    void parsingIgnoresCase() {
        assertThat(WireEnum.parse(RoomType.class, "Friends-Only")).contains(RoomType.FRIENDS_ONLY);
        assertThat(WireEnum.parse(RoomCategory.class, "MUSIC")).contains(RoomCategory.MUSIC);
    }

    @Test
    void javaNamesUnknownNamesAndNullDoNotParse() {
        assertThat(WireEnum.parse(RoomType.class, "FRIENDS_ONLY")).isEmpty();
        assertThat(WireEnum.parse(RoomType.class, "secret")).isEmpty();
        assertThat(WireEnum.parse(RoomType.class, "")).isEmpty();
        assertThat(WireEnum.parse(RoomType.class, null)).isEmpty();
    }

    @Test
    void requireNamesTheAllowedValues() {
        assertThat(WireEnum.require(RoomStatus.class, "active")).isEqualTo(RoomStatus.ACTIVE);
        assertThatThrownBy(() -> WireEnum.require(RoomStatus.class, "live"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'live' is not one of [scheduled, active, ended]");
    }

    @Test
    void hostModeratorsAndSpeakersAreOnStage() {
        assertThat(EnumSet.allOf(Role.class).stream().filter(Role::onStage))
                .containsExactlyInAnyOrder(Role.HOST, Role.MODERATOR, Role.SPEAKER);
    }

    @Test
    void onlyHostAndModeratorsModerate() {
        assertThat(EnumSet.allOf(Role.class).stream().filter(Role::canModerate))
                .containsExactlyInAnyOrder(Role.HOST, Role.MODERATOR);
    }
}
