package org.voicerooms.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.voicerooms.model.Json;
import org.voicerooms.model.Page;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendsView;

/**
 * A tiny client of the REST API over {@link HttpClient}, reading and writing with the shared strict mapper. Bodies
 * that are {@code String}s or {@code byte[]}s go out verbatim; anything else is written as JSON.
 */
public final class Api {

    /** The password of users made by {@link #newUser}. */
    public static final String PASSWORD = "correct-horse-battery";
    public static final String JSON = "application/json";
    static final ObjectMapper MAPPER = Json.newMapper();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final TypeReference<Page<RoomListing>> ROOM_PAGE = new TypeReference<>() { };

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Supplier<String> baseUrl;

    public Api(Supplier<String> baseUrl) {
        this.baseUrl = baseUrl;
    }

    /**
     * An answer.
     *
     * @param request "METHOD /path", for assertion messages
     * @param json    the parsed body, or null when it is empty or not JSON
     */
    public record Response(String request, int status, String body, JsonNode json, String contentType) {

        public <T> T as(Class<T> type) {
            return convert(type, null);
        }

        public <T> T as(TypeReference<T> type) {
            return convert(null, type);
        }

        private <T> T convert(Class<T> type, TypeReference<T> ref) {
            try {
                return type != null ? MAPPER.readValue(body, type) : MAPPER.readValue(body, ref);
            } catch (JsonProcessingException e) {
                throw new AssertionError(request + " answered a body that is not a " + (type != null
                        ? type.getSimpleName() : ref.getType()) + ": " + body, e);
            }
        }

        /** Asserts the status and returns this answer. */
        public Response expect(int expected) {
            assertThat(status).as("%s answered %s", request, body).isEqualTo(expected);
            return this;
        }

        @Override
        public String toString() {
            return request + " → " + status + " " + body;
        }
    }

    // ---- raw calls ----

    /** Sends {@code body} as application/json with {@code token} as bearer (both may be null). */
    public Response call(String method, String path, String token, Object body) {
        return call(method, path, token, body, JSON);
    }

    /** Like {@link #call(String, String, String, Object)} with the given Content-Type (null sends none). */
    public Response call(String method, String path, String token, Object body, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        if (contentType != null && body != null) {
            headers.put("Content-Type", contentType);
        }
        return send(method, path, headers, body);
    }

    /** Sends exactly these headers and body. */
    public Response send(String method, String path, Map<String, String> headers, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        JsonNode json = null;
        try {
            json = response.body().isEmpty() ? null : MAPPER.readTree(response.body());
        } catch (JsonProcessingException e) {
            json = null;
        }
        return new Response(method + " " + path, response.statusCode(), response.body(), json,
                response.headers().firstValue("Content-Type").orElse(null));
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof String raw) {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
    }

    public Response get(String path, String token) {
        return call("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return call("PATCH", path, token, body);
    }

    public Response delete(String path, String token) {
        return call("DELETE", path, token, null);
    }

    // ---- users ----

    /** A username no other test in this JVM uses: {@code prefix-N}, lower case. */
    public static String uniqueName(String prefix) {
        String p = prefix.toLowerCase(Locale.ROOT);
        return (p.length() > 20 ? p.substring(0, 20) : p) + "-" + SEQUENCE.incrementAndGet();
    }

    public AuthResponse register(String username, String password) {
        return post("/api/auth/register", null, Map.of("username", username, "password", password))
                .expect(201).as(AuthResponse.class);
    }

    public AuthResponse login(String username, String password) {
        return post("/api/auth/login", null, Map.of("username", username, "password", password))
                .expect(200).as(AuthResponse.class);
    }

    public AuthResponse guest(String displayName) {
        return post("/api/auth/guest", null, Map.of("displayName", displayName)).expect(201).as(AuthResponse.class);
    }

    /** Registers a fresh account named after {@code prefix} with {@link #PASSWORD}. */
    public AuthResponse newUser(String prefix) {
        return register(uniqueName(prefix), PASSWORD);
    }

    /** Makes {@code a} and {@code b} mutual friends: a asks, b accepts. */
    public void befriend(AuthResponse a, AuthResponse b) {
        post("/api/users/me/friends/" + b.user().id(), a.token(), null).expect(200);
        Response accepted = post("/api/users/me/friends/" + a.user().id(), b.token(), null).expect(200);
        assertThat(accepted.json().path("status").asText()).isEqualTo("friends");
    }

    public FriendsView friends(String token) {
        return get("/api/users/me/friends", token).expect(200).as(FriendsView.class);
    }

    // ---- rooms ----

    /** Creates a room from a {@code RoomSettings}, a {@code Map} or raw JSON; expects 201. */
    public RoomListing createRoom(String token, Object settings) {
        return post("/api/rooms", token, settings).expect(201).as(RoomListing.class);
    }

    public RoomListing room(String token, String roomId) {
        return get("/api/rooms/" + roomId, token).expect(200).as(RoomListing.class);
    }

    /** A page of a room list, e.g. {@code rooms(token, "/api/rooms/discover?limit=5")}; expects 200. */
    public Page<RoomListing> rooms(String token, String pathAndQuery) {
        return get(pathAndQuery, token).expect(200).as(ROOM_PAGE);
    }

    /** The room ids of a page, in order. */
    public static List<String> ids(Page<RoomListing> page) {
        List<String> ids = new ArrayList<>();
        page.items().forEach(l -> ids.add(l.room().id()));
        return ids;
    }

    // ---- errors ----

    /** Asserts an error answer: this status, this code, and exactly {@code {"error":{"code","message"[,"field"]}}}. */
    public static void assertError(Response r, int status, String code) {
        assertThat(r.status()).as("status of %s", r).isEqualTo(status);
        assertThat(r.contentType()).as("content type of %s", r).startsWith(JSON);
        assertThat(r.json()).as("body of %s", r).isNotNull();
        assertThat(r.json().isObject() && r.json().size() == 1 && r.json().has("error"))
                .as("%s must be {\"error\":{...}} alone", r).isTrue();
        JsonNode error = r.json().get("error");
        List<String> keys = new ArrayList<>();
        error.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("error keys of %s", r).contains("code", "message").isSubsetOf("code", "message", "field");
        assertThat(error.get("code").asText()).as("code of %s", r).isEqualTo(code);
        assertThat(error.get("message").isTextual() && !error.get("message").asText().isBlank())
                .as("message of %s", r).isTrue();
        if (error.has("field")) {
            assertThat(error.get("field").isTextual()).as("field of %s", r).isTrue();
        }
    }

    /** {@link #assertError(Response, int, String)} plus the offending field ({@code null}: no field at all). */
    public static void assertError(Response r, int status, String code, String field) {
        assertError(r, status, code);
        JsonNode actual = r.json().get("error").get("field");
        assertThat(actual == null ? null : actual.asText()).as("field of %s", r).isEqualTo(field);
    }
}
