package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.rooms.RoomType;
import org.voicerooms.model.server.HealthResponse;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.LoginRequest;

/**
 * The strict mapper of {@link Json#newMapper()}: what it refuses and with which exception (the server turns a
 * {@code StreamReadException} into BAD_REQUEST and the rest into VALIDATION_FAILED naming the field), what it lets
 * through for the validation rules to judge, and how it writes.
 */
class JsonTest {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final String PRIVACY = "\"requireApproval\":false,\"hideParticipants\":false,\"allowInvites\":true";

    static Stream<Arguments> refused() {
        return Stream.of(
                // not JSON at all, or not strict JSON
                arguments("not JSON", RoomRef.class, "roomId: 1", JsonParseException.class),
                arguments("truncated", RoomRef.class, "{\"roomId\": \"a\"", JsonEOFException.class),
                arguments("empty input", RoomRef.class, "", MismatchedInputException.class),
                arguments("comment", RoomRef.class, "{/* hi */\"roomId\":\"a\"}", JsonParseException.class),
                arguments("single quotes", RoomRef.class, "{'roomId':'a'}", JsonParseException.class),
                arguments("trailing comma", RoomRef.class, "{\"roomId\":\"a\",}", JsonParseException.class),
                arguments("NaN", RoomSettings.class, "{\"title\":\"t\",\"maxSpeakers\":NaN}",
                        JsonParseException.class),
                arguments("trailing garbage", RoomRef.class, "{\"roomId\":\"a\"} x", JsonParseException.class),
                arguments("two documents", RoomRef.class, "{\"roomId\":\"a\"} {\"roomId\":\"b\"}",
                        MismatchedInputException.class),
                // duplicate keys
                arguments("duplicate key", RoomRef.class, "{\"roomId\":\"a\",\"roomId\":\"b\"}",
                        JsonParseException.class),
                arguments("nested duplicate key", RoomSettings.class,
                        "{\"title\":\"t\",\"privacy\":{" + PRIVACY + ",\"allowInvites\":false}}",
                        JsonMappingException.class),
                // unknown fields
                arguments("unknown field", RoomRef.class, "{\"roomId\":\"a\",\"admin\":true}",
                        UnrecognizedPropertyException.class),
                arguments("unknown nested field", RoomSettings.class,
                        "{\"title\":\"t\",\"privacy\":{" + PRIVACY + ",\"x\":1}}", UnrecognizedPropertyException.class),
                // missing required fields
                arguments("missing boolean", MuteToggle.class, "{\"roomId\":\"a\"}", MismatchedInputException.class),
                arguments("null boolean", MuteToggle.class, "{\"roomId\":\"a\",\"muted\":null}",
                        MismatchedInputException.class),
                arguments("missing number", HealthResponse.class, "{\"status\":\"ok\",\"storage\":\"ok\"}",
                        MismatchedInputException.class),
                arguments("missing error code", ApiError.class, "{\"message\":\"m\"}",
                        ValueInstantiationException.class),
                arguments("missing list", FriendsView.class, "{\"friends\":[],\"incoming\":[]}",
                        ValueInstantiationException.class),
                // wrong types; no scalar coercion either way
                arguments("number for text", LoginRequest.class, "{\"username\":1,\"password\":\"p\"}",
                        InvalidFormatException.class),
                arguments("boolean for text", LoginRequest.class, "{\"username\":true,\"password\":\"p\"}",
                        InvalidFormatException.class),
                arguments("object for text", LoginRequest.class, "{\"username\":{},\"password\":\"p\"}",
                        MismatchedInputException.class),
                arguments("text for a number", RoomSettings.class, "{\"title\":\"t\",\"maxParticipants\":\"ten\"}",
                        MismatchedInputException.class),
                arguments("digits for a number", RoomSettings.class, "{\"title\":\"t\",\"maxParticipants\":\"10\"}",
                        MismatchedInputException.class),
                arguments("empty text for a number", RoomSettings.class,
                        "{\"title\":\"t\",\"maxParticipants\":\"\"}", InvalidFormatException.class),
                arguments("fraction for an int", RoomSettings.class, "{\"title\":\"t\",\"maxSpeakers\":2.5}",
                        InvalidFormatException.class),
                arguments("whole float for an int", RoomSettings.class, "{\"title\":\"t\",\"maxSpeakers\":2.0}",
                        InvalidFormatException.class),
                arguments("int out of range", RoomSettings.class, "{\"title\":\"t\",\"maxSpeakers\":99999999999}",
                        JsonMappingException.class),
                arguments("text for a boolean", MuteToggle.class, "{\"roomId\":\"a\",\"muted\":\"true\"}",
                        MismatchedInputException.class),
                arguments("1 for a boolean", MuteToggle.class, "{\"roomId\":\"a\",\"muted\":1}",
                        InvalidFormatException.class),
                arguments("bad instant", RoomSettings.class, "{\"title\":\"t\",\"scheduledFor\":\"tomorrow\"}",
                        InvalidFormatException.class),
                // instants are ISO-8601 text only: a bare number could be seconds or milliseconds
                arguments("epoch seconds for an instant", RoomSettings.class,
                        "{\"title\":\"t\",\"scheduledFor\":1900000000}", MismatchedInputException.class),
                arguments("epoch with a fraction for an instant", RoomSettings.class,
                        "{\"title\":\"t\",\"scheduledFor\":1900000000.5}", MismatchedInputException.class),
                arguments("array for an object", Sdp.class, "[\"a\"]", MismatchedInputException.class),
                arguments("text for an object", RoomSettings.class, "{\"title\":\"t\",\"privacy\":\"open\"}",
                        MismatchedInputException.class),
                arguments("object for a list", RoomSettings.class, "{\"title\":\"t\",\"tags\":{\"a\":1}}",
                        MismatchedInputException.class),
                arguments("text for a list", RoomSettings.class, "{\"title\":\"t\",\"tags\":\"jazz\"}",
                        MismatchedInputException.class),
                arguments("number in a list of text", RoomSettings.class, "{\"title\":\"t\",\"tags\":[1]}",
                        InvalidFormatException.class),
                // enums: wire names only
                arguments("unknown wire name", RoomSettings.class, "{\"title\":\"t\",\"type\":\"secret\"}",
                        ValueInstantiationException.class),
                arguments("Java name", RoomSettings.class, "{\"title\":\"t\",\"type\":\"FRIENDS_ONLY\"}",
                        ValueInstantiationException.class),
                arguments("ordinal", RoomSettings.class, "{\"title\":\"t\",\"type\":1}",
                        ValueInstantiationException.class),
                arguments("empty wire name", RoomSettings.class, "{\"title\":\"t\",\"type\":\"\"}",
                        ValueInstantiationException.class),
                arguments("unknown role", Promoted.class, "{\"roomId\":\"a\",\"role\":\"admin\",\"by\":\"b\"}",
                        ValueInstantiationException.class),
                arguments("unknown error code", ApiError.class, "{\"code\":\"NOPE\",\"message\":\"m\"}",
                        InvalidFormatException.class),
                arguments("error code in lower case", ApiError.class, "{\"code\":\"room_full\",\"message\":\"m\"}",
                        InvalidFormatException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String what, Class<?> type, String json, Class<? extends Exception> expected) {
        assertThatThrownBy(() -> MAPPER.readValue(json, type)).isExactlyInstanceOf(expected);
    }

    @Test
    void aDuplicateKeyInsideAValueIsStillAnUnreadableBody() {
        String json = "{\"title\":\"t\",\"privacy\":{" + PRIVACY + ",\"allowInvites\":false}}";

        assertThatThrownBy(() -> MAPPER.readValue(json, RoomSettings.class))
                .cause().isExactlyInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field");
    }

    @Test
    void duplicateKeysAreRefusedInTreesToo() {
        assertThatThrownBy(() -> MAPPER.readTree("{\"a\":1,\"a\":2}")).isExactlyInstanceOf(JsonParseException.class);
    }

    @Test
    void anIntOutOfRangeIsAStreamCoercionFailure() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"title\":\"t\",\"maxSpeakers\":99999999999}", RoomSettings.class))
                .cause().isExactlyInstanceOf(InputCoercionException.class);
    }

    @Test
    void anUnknownFieldIsNamedWithItsPath() {
        String json = "{\"title\":\"t\",\"privacy\":{" + PRIVACY + ",\"secret\":1}}";

        assertThatThrownBy(() -> MAPPER.readValue(json, RoomSettings.class))
                .isInstanceOfSatisfying(UnrecognizedPropertyException.class, e -> {
                    assertThat(e.getPropertyName()).isEqualTo("secret");
                    assertThat(e.getPath()).extracting(JsonMappingException.Reference::getFieldName)
                            .containsExactly("privacy", "secret");
                });
    }

    @Test
    void aMissingPrimitiveNamesTheField() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"roomId\":\"a\"}", MuteToggle.class))
                .isInstanceOfSatisfying(MismatchedInputException.class, e -> assertThat(e.getPath())
                        .extracting(JsonMappingException.Reference::getFieldName).containsExactly("muted"));
    }

    @Test
    void anUnknownWireNameIsRefusedListingTheAllowedOnes() {
        assertThatThrownBy(() -> MAPPER.readValue("{\"title\":\"t\",\"type\":\"secret\"}", RoomSettings.class))
                .cause().isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("'secret' is not one of [public, private, friends-only]");
    }

    static Stream<Arguments> accepted() {
        return Stream.of(
                // required-ness of text and objects is the validation rules' job, so they can name the field
                arguments("missing text", RoomRef.class, "{}", new RoomRef(null)),
                arguments("null text", LoginRequest.class, "{\"username\":null,\"password\":\"p\"}",
                        new LoginRequest(null, "p")),
                arguments("null enum", RoomSettings.class, "{\"title\":\"t\",\"type\":null}",
                        RoomSettings.titled("t")),
                arguments("wire name in capitals", RoomSettings.class, "{\"title\":\"t\",\"type\":\"Friends-Only\"}",
                        new RoomSettings("t", null, RoomType.FRIENDS_ONLY, null, null, null, null, null, null, null,
                                null)),
                arguments("role", Promoted.class, "{\"roomId\":\"a\",\"role\":\"moderator\",\"by\":\"b\"}",
                        new Promoted("a", Role.MODERATOR, "b")),
                arguments("instant with an offset", RoomSettings.class,
                        "{\"title\":\"t\",\"scheduledFor\":\"2030-01-01T01:00:00+01:00\"}",
                        new RoomSettings("t", null, null, null, null, null, null, null, null, null,
                                Instant.parse("2030-01-01T00:00:00Z"))),
                arguments("error without a message", ErrorBody.class, "{\"error\":{\"code\":\"ROOM_FULL\"}}",
                        new ErrorBody(ApiError.of(ErrorCode.ROOM_FULL))),
                arguments("whitespace around", RoomRef.class, " \n{ \"roomId\" : \"a\" }\n ", new RoomRef("a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void accepts(String what, Class<?> type, String json, Object expected) throws Exception {
        assertThat(MAPPER.readValue(json, type)).isEqualTo(expected);
    }

    @Test
    void theJsonLiteralNullReadsAsNullForTheCallerToRefuse() throws Exception {
        assertThat(MAPPER.readValue("null", RoomRef.class)).isNull();
    }

    @Test
    void writesInstantsAsIsoStringsAndLeavesNullsOut() throws Exception {
        RoomSettings settings = new RoomSettings("t", null, RoomType.FRIENDS_ONLY, null, null, null, null, null,
                List.of(), null, Instant.parse("2030-01-31T18:00:00.5Z"));

        assertThat(MAPPER.writeValueAsString(settings))
                .isEqualTo("{\"title\":\"t\",\"type\":\"friends-only\",\"tags\":[],"
                        + "\"scheduledFor\":\"2030-01-31T18:00:00.500Z\"}");
    }

    @Test
    void eachMapperIsNewAndStrict() {
        ObjectMapper one = Json.newMapper();
        ObjectMapper two = Json.newMapper();
        assertThat(one).isNotNull().isNotSameAs(two);
        assertThatThrownBy(() -> one.readValue("{\"roomId\":\"a\",\"roomId\":\"b\"}", RoomRef.class))
                .isInstanceOf(JsonParseException.class);
    }
}
