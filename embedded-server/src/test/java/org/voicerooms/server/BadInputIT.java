package org.voicerooms.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.server.HealthResponse;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;
import org.voicerooms.server.testing.Tokens;

/** Everything a client can get wrong answers one typed error, and the server keeps serving. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));
    private static final Api api = server.api();

    /** What goes in the Authorization header. */
    enum Token { NONE, VALID, REFRESH, MALFORMED, FORGED, EXPIRED, UNKNOWN_USER, BASIC, EMPTY_BEARER }

    /** One row of the table; {@code {room}} in a path is an existing room of the signed-in user. */
    record Case(String name, String method, String path, String contentType, String body, Token token,
                int status, String code, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String JSON = "application/json";
    private static final String ID = "0123456789abcdef01234567";
    private static AuthResponse user;
    private static String roomId;

    @BeforeAll
    static void signIn() {
        user = api.newUser("prober");
        roomId = api.createRoom(user.token(), Map.of("title", "Probe target")).room().id();
    }

    private static Case c(String name, String method, String path, Token token, String body, int status, String code,
                          String field) {
        return new Case(name, method, path, JSON, body, token, status, code, field);
    }

    /** A POST /api/rooms body that must fail validation on {@code field}. */
    private static Case room(String name, String body, String field) {
        return c(name, "POST", "/api/rooms", Token.VALID, body, 400, "VALIDATION_FAILED", field);
    }

    private static Case auth(String name, String path, String body, String field) {
        return c(name, "POST", "/api/auth/" + path, Token.NONE, body, 400, "VALIDATION_FAILED", field);
    }

    private static Case unreadable(String name, String path, String body) {
        return c(name, "POST", path, Token.VALID, body, 400, "BAD_REQUEST", null);
    }

    private static Case query(String path, String field) {
        return c("GET " + path, "GET", path, Token.VALID, null, 400, "VALIDATION_FAILED", field);
    }

    private static Case token(String name, Token token, String code) {
        return c(name, "GET", "/api/users/me", token, null, 401, code, null);
    }

    private static Case method(String method, String path) {
        return c(method + " " + path, method, path, Token.VALID, null, 405, "METHOD_NOT_ALLOWED", null);
    }

    static Stream<Case> cases() {
        String pw = "\"password\":\"long-enough-1\"";
        // complete nested objects, so each case fails for its one stated reason
        String perms = "\"anyoneCanSpeak\":false,\"allowRecording\":false,\"allowHandRaise\":true";
        String privacy = "\"requireApproval\":false,\"hideParticipants\":false,\"allowInvites\":true";
        return Stream.of(
                unreadable("malformed JSON", "/api/auth/register", "{username: \"abc\", " + pw + "}"),
                unreadable("truncated JSON", "/api/auth/register", "{\"username\":\"abc\"," + pw),
                unreadable("duplicate keys", "/api/auth/login", "{\"username\":\"a\",\"username\":\"b\"," + pw + "}"),
                unreadable("duplicate nested keys", "/api/rooms", "{\"title\":\"t\",\"permissions\":{"
                        + perms + ",\"anyoneCanSpeak\":true}}"),
                unreadable("JSON array instead of object", "/api/rooms", "[{\"title\":\"t\"}]"),
                unreadable("JSON string instead of object", "/api/auth/guest", "\"Visitor\""),
                unreadable("null body", "/api/auth/guest", "null"),
                unreadable("empty body", "/api/rooms", ""),
                unreadable("two JSON documents", "/api/auth/guest", "{\"displayName\":\"a\"} {}"),
                unreadable("not JSON at all", "/api/rooms", "title=Hello"),
                new Case("text/plain body", "POST", "/api/rooms", "text/plain", "{\"title\":\"t\"}", Token.VALID,
                        415, "UNSUPPORTED_MEDIA_TYPE", null),
                new Case("form body", "POST", "/api/auth/guest", "application/x-www-form-urlencoded",
                        "displayName=x", Token.NONE, 415, "UNSUPPORTED_MEDIA_TYPE", null),
                new Case("no Content-Type", "PATCH", "/api/rooms/{room}", null, "{\"title\":\"t\"}", Token.VALID,
                        415, "UNSUPPORTED_MEDIA_TYPE", null),
                room("unknown field", "{\"title\":\"t\",\"colour\":\"red\"}", "colour"),
                room("unknown nested field", "{\"title\":\"t\",\"privacy\":{" + privacy + ",\"secret\":1}}",
                        "privacy.secret"),
                auth("unknown field on register", "register", "{\"username\":\"abcd\"," + pw + ",\"admin\":true}",
                        "admin"),
                room("string for int", "{\"title\":\"t\",\"maxParticipants\":\"50\"}", "maxParticipants"),
                room("float for int", "{\"title\":\"t\",\"maxParticipants\":50.5}", "maxParticipants"),
                room("int overflow", "{\"title\":\"t\",\"maxParticipants\":99999999999}", "maxParticipants"),
                room("epoch number for an instant", "{\"title\":\"t\",\"scheduledFor\":1900000000}",
                        "scheduledFor"),
                room("whole float for int", "{\"title\":\"t\",\"maxSpeakers\":5.0}", "maxSpeakers"),
                room("number for string", "{\"title\":123}", "title"),
                room("object for string", "{\"title\":{\"en\":\"t\"}}", "title"),
                room("string for boolean", "{\"title\":\"t\",\"permissions\":{\"anyoneCanSpeak\":\"true\","
                        + "\"allowRecording\":false,\"allowHandRaise\":true}}", "permissions.anyoneCanSpeak"),
                room("number for boolean", "{\"title\":\"t\",\"privacy\":{\"requireApproval\":false,"
                        + "\"hideParticipants\":1,\"allowInvites\":true}}", "privacy.hideParticipants"),
                room("null for boolean", "{\"title\":\"t\",\"permissions\":{\"anyoneCanSpeak\":false,"
                        + "\"allowRecording\":null,\"allowHandRaise\":true}}", "permissions.allowRecording"),
                room("string for list", "{\"title\":\"t\",\"tags\":\"music\"}", "tags"),
                room("number in list", "{\"title\":\"t\",\"tags\":[\"ok\",7]}", "tags[1]"),
                room("bad time", "{\"title\":\"t\",\"scheduledFor\":\"2030-13-45T00:00:00Z\"}", "scheduledFor"),
                auth("number for username", "register", "{\"username\":42," + pw + "}", "username"),
                room("missing title", "{\"description\":\"no title\"}", "title"),
                room("blank title", "{\"title\":\"   \"}", "title"),
                auth("missing username", "register", "{" + pw + "}", "username"),
                auth("missing password", "register", "{\"username\":\"abcd\"}", "password"),
                auth("missing login password", "login", "{\"username\":\"abcd\"}", "password"),
                auth("missing refresh token", "refresh", "{}", "refreshToken"),
                auth("missing guest name", "guest", "{}", "displayName"),
                room("title of 101", "{\"title\":\"" + "t".repeat(101) + "\"}", "title"),
                room("control character in title", "{\"title\":\"bell\\u0007\"}", "title"),
                room("description of 1001", "{\"title\":\"t\",\"description\":\"" + "d".repeat(1001) + "\"}",
                        "description"),
                room("11 tags", "{\"title\":\"t\",\"tags\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\","
                        + "\"j\",\"k\"]}", "tags"),
                room("tag of 31", "{\"title\":\"t\",\"tags\":[\"" + "x".repeat(31) + "\"]}", "tags"),
                room("empty tag", "{\"title\":\"t\",\"tags\":[\" \"]}", "tags"),
                auth("username of 33", "register", "{\"username\":\"" + "u".repeat(33) + "\"," + pw + "}", "username"),
                auth("username of 2", "register", "{\"username\":\"ab\"," + pw + "}", "username"),
                auth("username with a space", "register", "{\"username\":\"ada lovelace\"," + pw + "}", "username"),
                auth("displayName of 51", "register", "{\"username\":\"abcd\"," + pw + ",\"displayName\":\""
                        + "n".repeat(51) + "\"}", "displayName"),
                auth("guest displayName of 51", "guest", "{\"displayName\":\"" + "n".repeat(51) + "\"}",
                        "displayName"),
                auth("password of 73 bytes", "register", "{\"username\":\"abcd\",\"password\":\"" + "p".repeat(73)
                        + "\"}", "password"),
                auth("password of 37 chars but 74 bytes", "register", "{\"username\":\"abcd\",\"password\":\""
                        + "é".repeat(37) + "\"}", "password"),
                auth("password of 7", "register", "{\"username\":\"abcd\",\"password\":\"1234567\"}", "password"),
                room("unknown type", "{\"title\":\"t\",\"type\":\"secret\"}", "type"),
                room("number for type", "{\"title\":\"t\",\"type\":1}", "type"),
                room("unknown category", "{\"title\":\"t\",\"category\":\"jazz\"}", "category"),
                room("unknown language", "{\"title\":\"t\",\"language\":\"xx\"}", "language"),
                room("language by name", "{\"title\":\"t\",\"language\":\"english\"}", "language"),
                room("maxSpeakers over maxParticipants", "{\"title\":\"t\",\"maxParticipants\":5,\"maxSpeakers\":6}",
                        "maxSpeakers"),
                room("maxParticipants of 1", "{\"title\":\"t\",\"maxParticipants\":1}", "maxParticipants"),
                room("maxParticipants over the cap", "{\"title\":\"t\",\"maxParticipants\":5001}", "maxParticipants"),
                room("maxSpeakers of 0", "{\"title\":\"t\",\"maxSpeakers\":0}", "maxSpeakers"),
                room("maxSpeakers over the cap", "{\"title\":\"t\",\"maxSpeakers\":51}", "maxSpeakers"),
                c("PATCH with an unknown field", "PATCH", "/api/rooms/{room}", Token.VALID, "{\"colour\":\"red\"}",
                        400, "VALIDATION_FAILED", "colour"),
                c("PATCH with an empty title", "PATCH", "/api/rooms/{room}", Token.VALID, "{\"title\":\"\"}",
                        400, "VALIDATION_FAILED", "title"),
                c("friend by a number", "POST", "/api/users/me/friends", Token.VALID, "{\"username\":5}",
                        400, "VALIDATION_FAILED", "username"),
                c("body over 64 KiB", "POST", "/api/rooms", Token.VALID, "{\"title\":\"t\",\"description\":\""
                        + "d".repeat(70_000) + "\"}", 413, "PAYLOAD_TOO_LARGE", null),
                c("body over 64 KiB, signed out", "POST", "/api/auth/register", Token.NONE, "{\"username\":\""
                        + "u".repeat(70_000) + "\"}", 413, "PAYLOAD_TOO_LARGE", null),
                query("/api/rooms/not-an-id", "roomId"),
                query("/api/rooms/" + ID + "0", "roomId"),
                query("/api/rooms/" + ID.toUpperCase(Locale.ROOT), "roomId"),
                query("/api/users/not-an-id", "userId"),
                c("PATCH a bad room id", "PATCH", "/api/rooms/xyz", Token.VALID, "{\"title\":\"t\"}", 400,
                        "VALIDATION_FAILED", "roomId"),
                c("DELETE a bad room id", "DELETE", "/api/rooms/xyz", Token.VALID, null, 400, "VALIDATION_FAILED",
                        "roomId"),
                c("start a bad room id", "POST", "/api/rooms/xyz/start", Token.VALID, null, 400, "VALIDATION_FAILED",
                        "roomId"),
                c("befriend a bad id", "POST", "/api/users/me/friends/xyz", Token.VALID, null, 400,
                        "VALIDATION_FAILED", "userId"),
                c("unfriend a bad id", "DELETE", "/api/users/me/friends/xyz", Token.VALID, null, 400,
                        "VALIDATION_FAILED", "userId"),
                query("/api/rooms?limit=0", "limit"),
                query("/api/rooms/discover?limit=101", "limit"),
                query("/api/rooms/trending?page=0", "page"),
                query("/api/rooms/upcoming?page=abc", "page"),
                query("/api/rooms/friends?limit=1e2", "limit"),
                query("/api/rooms/category/tech?page=-1", "page"),
                query("/api/rooms?page=10001", "page"),
                query("/api/rooms?status=live", "status"),
                query("/api/rooms?category=jazz", "category"),
                query("/api/rooms?q=" + "q".repeat(101), "q"),
                query("/api/rooms/category/jazz", "category"),
                token("missing token", Token.NONE, "UNAUTHORIZED"),
                token("malformed token", Token.MALFORMED, "UNAUTHORIZED"),
                token("forged token", Token.FORGED, "UNAUTHORIZED"),
                token("expired token", Token.EXPIRED, "TOKEN_EXPIRED"),
                token("refresh token as bearer", Token.REFRESH, "UNAUTHORIZED"),
                token("token of an unknown user", Token.UNKNOWN_USER, "UNAUTHORIZED"),
                token("Basic credentials", Token.BASIC, "UNAUTHORIZED"),
                token("empty bearer", Token.EMPTY_BEARER, "UNAUTHORIZED"),
                c("no token beats a bad body", "POST", "/api/rooms", Token.NONE, "{oops", 401, "UNAUTHORIZED", null),
                c("expired token on a list", "GET", "/api/rooms", Token.EXPIRED, null, 401, "TOKEN_EXPIRED", null),
                method("PUT", "/api/rooms"),
                method("DELETE", "/api/rooms"),
                method("GET", "/api/auth/login"),
                method("PATCH", "/api/users/me"),
                method("POST", "/api/health"),
                method("GET", "/api/rooms/{room}/start"),
                c("unknown endpoint", "GET", "/api/nope", Token.VALID, null, 404, "NOT_FOUND", null),
                c("unknown nested endpoint", "GET", "/api/rooms/{room}/nope", Token.VALID, null, 404, "NOT_FOUND",
                        null),
                c("outside the API", "GET", "/index.html", Token.NONE, null, 404, "NOT_FOUND", null));
    }

    private static String authorization(Token token) {
        Instant now = server.clock().instant();
        return switch (token) {
            case NONE -> null;
            case VALID -> "Bearer " + user.token();
            case REFRESH -> "Bearer " + user.refreshToken();
            case MALFORMED -> "Bearer not-a-jwt";
            case FORGED -> "Bearer " + Tokens.forged(user.user().id(), now);
            case EXPIRED -> "Bearer " + Tokens.expired(user.user().id(), now);
            case UNKNOWN_USER -> "Bearer " + Tokens.access(TestServer.JWT_SECRET, ID, now, now.plusSeconds(600));
            case BASIC -> "Basic dXNlcjpwYXNzd29yZA==";
            case EMPTY_BEARER -> "Bearer ";
        };
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersOneTypedError(Case c) {
        Map<String, String> headers = new HashMap<>();
        String auth = authorization(c.token());
        if (auth != null) {
            headers.put("Authorization", auth);
        }
        if (c.contentType() != null && c.body() != null) {
            headers.put("Content-Type", c.contentType());
        }
        var response = api.send(c.method(), c.path().replace("{room}", roomId), headers, c.body());
        assertError(response, c.status(), c.code(), c.field());
    }

    @Order(2)
    @Test
    void theServerStillServesAfterAllThat() {
        HealthResponse health = api.get("/api/health", null).expect(200).as(HealthResponse.class);
        assertThat(health.status()).isEqualTo("ok");
        api.get("/api/users/me", user.token()).expect(200);
        api.createRoom(user.token(), Map.of("title", "Still here"));
        api.call("POST", "/api/rooms", user.token(), "{\"title\":\"charset\"}", "application/json; charset=utf-8")
                .expect(201);
        api.call("POST", "/api/rooms", user.token(), "{\"title\":\"case\"}", "Application/JSON").expect(201);
        assertThat(api.room(user.token(), roomId).room().title()).isEqualTo("Probe target");
    }
}
