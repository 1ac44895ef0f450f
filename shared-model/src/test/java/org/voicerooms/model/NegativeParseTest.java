package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.users.LoginRequest;

/** What the strict mapper refuses, and how: the server turns each kind into its typed error. */
class NegativeParseTest {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final boolean MALFORMED = true;
    private static final boolean INVALID = false;

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("not JSON", RoomRef.class, "roomId: 1", MALFORMED),
                Arguments.of("truncated", RoomRef.class, "{\"roomId\": \"a\"", MALFORMED),
                Arguments.of("duplicate key", RoomRef.class, "{\"roomId\":\"a\",\"roomId\":\"b\"}",
                        MALFORMED),
                Arguments.of("nested duplicate key", RoomSettings.class,
                        "{\"title\":\"t\",\"privacy\":{\"hideParticipants\":true,\"hideParticipants\":false}}",
                        MALFORMED),
                Arguments.of("unknown field", RoomRef.class, "{\"roomId\":\"a\",\"admin\":true}",
                        INVALID),
                Arguments.of("unknown nested field", RoomSettings.class, "{\"title\":\"t\",\"privacy\":{\"x\":1}}",
                        INVALID),
                Arguments.of("two documents", RoomRef.class, "{\"roomId\":\"a\"} {\"roomId\":\"b\"}",
                        INVALID),
                Arguments.of("number for a string", LoginRequest.class, "{\"username\":1,\"password\":\"p\"}",
                        INVALID),
                Arguments.of("string for a number", RoomSettings.class,
                        "{\"title\":\"t\",\"maxParticipants\":\"ten\"}", INVALID),
                Arguments.of("float for an int", RoomSettings.class, "{\"title\":\"t\",\"maxSpeakers\":2.5}",
                        INVALID),
                Arguments.of("string for a boolean", MuteToggle.class, "{\"roomId\":\"a\",\"muted\":\"yes\"}",
                        INVALID),
                Arguments.of("null for a boolean", MuteToggle.class, "{\"roomId\":\"a\",\"muted\":null}",
                        INVALID),
                Arguments.of("missing boolean", MuteToggle.class, "{\"roomId\":\"a\"}",
                        INVALID),
                Arguments.of("unknown enum value", RoomSettings.class, "{\"title\":\"t\",\"type\":\"secret\"}",
                        INVALID),
                Arguments.of("enum by Java name", RoomSettings.class, "{\"title\":\"t\",\"type\":\"FRIENDS_ONLY\"}",
                        INVALID),
                Arguments.of("enum by ordinal", RoomSettings.class, "{\"title\":\"t\",\"type\":1}",
                        INVALID),
                Arguments.of("bad instant", RoomSettings.class, "{\"title\":\"t\",\"scheduledFor\":\"tomorrow\"}",
                        INVALID),
                Arguments.of("array for an object", Sdp.class, "[\"a\"]", INVALID),
                Arguments.of("object for a list", RoomSettings.class, "{\"title\":\"t\",\"tags\":{\"a\":1}}",
                        INVALID));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefused(String what, Class<?> type, String json, boolean malformed) {
        assertThatThrownBy(() -> MAPPER.readValue(json, type)).satisfies(e -> {
            boolean unreadable = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                unreadable |= t instanceof StreamReadException;
            }
            // unreadable → BAD_REQUEST "malformed JSON"; readable but wrong → VALIDATION_FAILED naming the field
            assertThat(unreadable).as("unreadable").isEqualTo(malformed);
            assertThat(e).isInstanceOf(JacksonException.class);
        });
    }
}
