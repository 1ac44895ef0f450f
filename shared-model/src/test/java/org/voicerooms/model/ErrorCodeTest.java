package org.voicerooms.model;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The error codes shared by REST and Socket.IO, and the one error body built from them. */
class ErrorCodeTest {

    private static final ObjectMapper MAPPER = Json.newMapper();

    /** As listed in docs/API.md. */
    private static final Map<ErrorCode, Integer> DOCUMENTED_STATUS = Map.ofEntries(
            entry(ErrorCode.BAD_REQUEST, 400), entry(ErrorCode.VALIDATION_FAILED, 400),
            entry(ErrorCode.UNKNOWN_EVENT, 400), entry(ErrorCode.UNAUTHORIZED, 401),
            entry(ErrorCode.TOKEN_EXPIRED, 401), entry(ErrorCode.INVALID_CREDENTIALS, 401),
            entry(ErrorCode.FORBIDDEN, 403), entry(ErrorCode.GUESTS_DISABLED, 403), entry(ErrorCode.BANNED, 403),
            entry(ErrorCode.KICKED, 403), entry(ErrorCode.NOT_FOUND, 404), entry(ErrorCode.METHOD_NOT_ALLOWED, 405),
            entry(ErrorCode.USERNAME_TAKEN, 409), entry(ErrorCode.CONFLICT, 409), entry(ErrorCode.ROOM_FULL, 409),
            entry(ErrorCode.SPEAKERS_FULL, 409), entry(ErrorCode.ROOM_NOT_STARTED, 409),
            entry(ErrorCode.ROOM_ENDED, 410), entry(ErrorCode.PAYLOAD_TOO_LARGE, 413),
            entry(ErrorCode.UNSUPPORTED_MEDIA_TYPE, 415), entry(ErrorCode.RATE_LIMITED, 429),
            entry(ErrorCode.INTERNAL_ERROR, 500), entry(ErrorCode.SERVICE_UNAVAILABLE, 503));

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void everyCodeHasItsDocumentedHttpStatus(ErrorCode code) {
        assertThat(DOCUMENTED_STATUS).as("documented").containsKey(code);
        assertThat(code.httpStatus()).isEqualTo(DOCUMENTED_STATUS.get(code));
    }

    @Test
    void onlyAuthenticationFailuresCloseAConnection() {
        assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::connectionFatal))
                .containsExactlyInAnyOrder(ErrorCode.UNAUTHORIZED, ErrorCode.TOKEN_EXPIRED);
        // a wrong password is a per-action denial although it shares their 401
        assertThat(ErrorCode.INVALID_CREDENTIALS.connectionFatal()).isFalse();
    }

    @Test
    void everyCodeHasItsOwnShortDefaultMessage() {
        assertThat(ErrorCode.values()).allSatisfy(code -> assertThat(code.defaultMessage())
                .as(code.name()).isNotBlank().hasSizeLessThanOrEqualTo(80).doesNotContain("Exception"));
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::defaultMessage)).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theWireFormIsTheConstantName(ErrorCode code) throws Exception {
        String json = MAPPER.writeValueAsString(code);

        assertThat(json).isEqualTo("\"" + code.name() + "\"");
        assertThat(MAPPER.readValue(json, ErrorCode.class)).isSameAs(code);
    }

    @Test
    void theErrorBodyHasOneShape() throws Exception {
        ErrorBody body = ErrorBody.of(ErrorCode.ROOM_FULL, "Room 'Jazz' is full");

        assertThat(MAPPER.writeValueAsString(body))
                .isEqualTo("{\"error\":{\"code\":\"ROOM_FULL\",\"message\":\"Room 'Jazz' is full\"}}");
    }

    @Test
    void aValidationErrorNamesItsField() throws Exception {
        ErrorBody body = new ErrorBody(ApiException.invalid("title", "title must not be empty").error());

        assertThat(MAPPER.writeValueAsString(body)).isEqualTo("{\"error\":{\"code\":\"VALIDATION_FAILED\","
                + "\"message\":\"title must not be empty\",\"field\":\"title\"}}");
    }

    @Test
    void theDocumentedExampleParses() throws Exception {
        String example = "{\"error\": {\"code\": \"VALIDATION_FAILED\", \"message\": \"title must not be empty\", "
                + "\"field\": \"title\"}}";

        assertThat(MAPPER.readValue(example, ErrorBody.class)).isEqualTo(new ErrorBody(
                new ApiError(ErrorCode.VALIDATION_FAILED, "title must not be empty", "title")));
    }

    @Test
    void anErrorWithoutMessageGetsTheDefaultOne() {
        assertThat(new ApiError(ErrorCode.BANNED, null, null).message()).isEqualTo(ErrorCode.BANNED.defaultMessage());
        assertThat(ApiError.of(ErrorCode.KICKED)).isEqualTo(
                new ApiError(ErrorCode.KICKED, "You were removed from this room.", null));
    }

    @Test
    void anErrorNeedsACode() {
        assertThatThrownBy(() -> new ApiError(null, "m", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void exceptionsCarryTheirTypedError() {
        ApiException invalid = ApiException.invalid("maxSpeakers", "maxSpeakers must be between 1 and 10");
        ApiException denied = ApiException.of(ErrorCode.FORBIDDEN);

        assertThat(invalid.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(invalid.error().field()).isEqualTo("maxSpeakers");
        assertThat(invalid).hasMessage("VALIDATION_FAILED: maxSpeakers must be between 1 and 10").hasNoCause();
        assertThat(denied.error()).isEqualTo(ApiError.of(ErrorCode.FORBIDDEN));
        assertThat(new ApiException(ErrorCode.CONFLICT, "already friends").error())
                .isEqualTo(new ApiError(ErrorCode.CONFLICT, "already friends", null));
    }
}
