package org.voicerooms.client.core;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorBody;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Json;
import org.voicerooms.model.Page;
import org.voicerooms.model.rooms.RoomListing;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.server.IceServers;
import org.voicerooms.model.server.ServerInfo;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendInRoom;
import org.voicerooms.model.users.FriendRequest;
import org.voicerooms.model.users.FriendsView;
import org.voicerooms.model.users.FriendshipView;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.LoginRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.model.users.UserView;

/**
 * The room server's REST API over OkHttp with the shared strict mapper. Every failure is an {@link ApiException}:
 * the server's own typed error, or {@link ErrorCode#SERVICE_UNAVAILABLE} when the server cannot be reached.
 * Thread-safe; calls block, so UIs call from a background thread.
 *
 * <p>It keeps the sign-in alive: the access token is renewed with the refresh token shortly before it expires
 * (by this machine's clock), and once more when the server says TOKEN_EXPIRED anyway (the clocks disagree). The
 * server spends each refresh token on use and ends the sign-in if one is used twice, so renewals are serialized.
 */
public final class ApiClient {

    private static final MediaType JSON = MediaType.get("application/json");
    /** How long before its expiry an access token is renewed. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(2);

    private final HttpUrl base;
    private final OkHttpClient http;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile AuthResponse session;

    public ApiClient(URI server, OkHttpClient http, ObjectMapper mapper) {
        this(server, http, mapper, Clock.systemUTC());
    }

    /** A client that judges token expiry by {@code clock}. */
    public ApiClient(URI server, OkHttpClient http, ObjectMapper mapper, Clock clock) {
        this.base = HttpUrl.get(server);
        this.http = http;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A client with its own connection pool and the shared mapper. */
    public static ApiClient create(URI server) {
        OkHttpClient http = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ofSeconds(20)).build();
        return new ApiClient(server, http, Json.newMapper());
    }

    /**
     * A client of a LAN server that trusts exactly the certificate whose SHA-256 {@code fingerprint} (hex) the
     * server announced, none other; see {@link PinnedCertificate}.
     */
    public static ApiClient pinned(URI server, String fingerprint) {
        ApiClient plain = create(server);
        return new ApiClient(server, PinnedCertificate.pin(plain.http, fingerprint), plain.mapper);
    }

    public URI server() {
        return base.uri();
    }

    public OkHttpClient http() {
        return http;
    }

    public ObjectMapper mapper() {
        return mapper;
    }

    /** The signed-in session; null before sign-in. */
    public AuthResponse session() {
        return session;
    }

    /** The current access token as it is; null before sign-in. */
    public String token() {
        AuthResponse s = session;
        return s == null ? null : s.token();
    }

    /**
     * An access token good for a while: the current one, renewed first when it expires within
     * {@link #RENEW_BEFORE}. Null before sign-in. If the renewal fails for want of the server, the current token.
     */
    public String freshToken() {
        AuthResponse s = session;
        if (s != null && s.expiresAt() != null && clock.instant().plus(RENEW_BEFORE).isAfter(s.expiresAt())) {
            renew(s);
        }
        return token();
    }

    /**
     * Renews the access token because the server refused {@code refused}; the current one if another thread
     * already renewed it. Null before sign-in.
     */
    public String renewedToken(String refused) {
        AuthResponse s = session;
        if (s != null && s.token().equals(refused)) {
            renew(s);
        }
        return token();
    }

    /** Refreshes unless someone else did since {@code seen}; a network failure leaves the session as it is. */
    private synchronized void renew(AuthResponse seen) {
        if (session != seen) {
            return;
        }
        try {
            refresh();
        } catch (ApiException e) {
            if (e.code() != ErrorCode.SERVICE_UNAVAILABLE) {
                throw e;
            }
        }
    }

    // ---- auth ----

    public AuthResponse signInAsGuest(String displayName) {
        return remember(post("/api/auth/guest", new GuestRequest(displayName), AuthResponse.class));
    }

    public AuthResponse register(String username, String password, String displayName) {
        return remember(post("/api/auth/register", new RegisterRequest(username, password, displayName),
                AuthResponse.class));
    }

    public AuthResponse login(String username, String password) {
        return remember(post("/api/auth/login", new LoginRequest(username, password), AuthResponse.class));
    }

    /** Swaps the refresh token for a new session (the server spends the old refresh token). */
    public synchronized AuthResponse refresh() {
        AuthResponse s = session;
        if (s == null) {
            throw new ApiException(ErrorCode.UNAUTHORIZED, "not signed in");
        }
        return remember(post("/api/auth/refresh", new RefreshRequest(s.refreshToken()), AuthResponse.class));
    }

    private AuthResponse remember(AuthResponse response) {
        session = response;
        return response;
    }

    /** Ends this sign-in on the server (its tokens stop working, its sockets close) and forgets it here. */
    public void logout() {
        try {
            send("POST", "/api/auth/logout", Map.of(), null);
        } finally {
            session = null;
        }
    }

    public UserView me() {
        return get("/api/users/me", UserView.class);
    }

    // ---- server ----

    public ServerInfo serverInfo() {
        return get("/api/server", ServerInfo.class);
    }

    /** STUN/TURN servers for this user, with short-lived TURN credentials. */
    public IceServers iceServers() {
        return get("/api/ice-servers", IceServers.class);
    }

    // ---- rooms ----

    public RoomListing createRoom(RoomSettings settings) {
        return post("/api/rooms", settings, RoomListing.class);
    }

    public RoomListing room(String roomId) {
        return get("/api/rooms/" + roomId, RoomListing.class);
    }

    /** Starts a scheduled room (its host only); it is then live and can be joined. */
    public RoomListing startRoom(String roomId) {
        return post("/api/rooms/" + roomId + "/start", null, RoomListing.class);
    }

    public RoomListing endRoom(String roomId) {
        return send("DELETE", "/api/rooms/" + roomId, null, mapper.constructType(RoomListing.class));
    }

    /** Changes a room's settings (its creator only); null fields stay as they are. */
    public RoomListing updateRoom(String roomId, RoomSettings patch) {
        return send("PATCH", "/api/rooms/" + roomId, patch, mapper.constructType(RoomListing.class));
    }

    // ---- people ----

    /** A user by id. */
    public UserView user(String userId) {
        return get("/api/users/" + userId, UserView.class);
    }

    /** The caller's friends and pending requests both ways. */
    public FriendsView friends() {
        return get("/api/users/me/friends", FriendsView.class);
    }

    /** Asks {@code username} to be friends, or accepts their request. */
    public FriendshipView askFriend(String username) {
        return post("/api/users/me/friends", new FriendRequest(username),
                FriendshipView.class);
    }

    /** Asks (or accepts) by id. */
    public FriendshipView askFriendById(String userId) {
        return post("/api/users/me/friends/" + userId, null, FriendshipView.class);
    }

    /** Unfriends, declines or withdraws. */
    public FriendshipView removeFriend(String userId) {
        return send("DELETE", "/api/users/me/friends/" + userId, null,
                mapper.constructType(FriendshipView.class));
    }

    /** Friends in live rooms the caller may open. */
    public List<FriendInRoom> friendsInRooms() {
        return send("GET", "/api/users/me/friends/rooms", null, mapper.getTypeFactory()
                .constructCollectionType(List.class, FriendInRoom.class));
    }

    /** A page of a live room's participants in join order (1-based pages; the server caps {@code limit}). */
    public Page<org.voicerooms.model.rooms.Participant> participants(String roomId, int page, int limit) {
        return send("GET", "/api/rooms/" + roomId + "/participants?page=" + page + "&limit=" + limit, null,
                mapper.getTypeFactory().constructType(
                        new TypeReference<Page<org.voicerooms.model.rooms.Participant>>() { }));
    }

    /** A page of a room list: {@code discover}, {@code trending}, {@code friends}, {@code upcoming}. */
    public Page<RoomListing> rooms(String list, int page, int limit) {
        return send("GET", "/api/rooms/" + list + "?page=" + page + "&limit=" + limit, null,
                mapper.getTypeFactory().constructType(new TypeReference<Page<RoomListing>>() { }));
    }

    /** Live rooms matching a search text and/or a category (either may be null). */
    public Page<RoomListing> search(String query, org.voicerooms.model.rooms.RoomCategory category, int page,
                                    int limit) {
        HttpUrl.Builder url = base.resolve("/api/rooms").newBuilder().addQueryParameter("page", String.valueOf(page))
                .addQueryParameter("limit", String.valueOf(limit));
        if (query != null && !query.isBlank()) {
            url.addQueryParameter("q", query.strip());
        }
        if (category != null) {
            url.addQueryParameter("category", category.wire());
        }
        String pathAndQuery = url.build().encodedPath() + "?" + url.build().encodedQuery();
        return send("GET", pathAndQuery, null,
                mapper.getTypeFactory().constructType(new TypeReference<Page<RoomListing>>() { }));
    }

    /**
     * Lets go of this client's connections after signing out: calls in flight are cancelled and idle pooled
     * connections closed (left in the pool they sit in CLOSE-WAIT once the server closes its side, until the pool
     * evicts them minutes later). The client must not be used afterwards.
     */
    public void release() {
        http.dispatcher().cancelAll();
        http.connectionPool().evictAll();
    }

    // ---- plumbing ----

    public <T> T get(String path, Class<T> type) {
        return send("GET", path, null, mapper.constructType(type));
    }

    public <T> T post(String path, Object body, Class<T> type) {
        return send("POST", path, body == null ? Map.of() : body, mapper.constructType(type));
    }

    private <T> T send(String method, String path, Object body, JavaType type) {
        boolean signedCall = !path.startsWith("/api/auth/") || path.startsWith("/api/auth/logout");
        String token = signedCall ? freshToken() : null;
        try {
            return sendWith(token, method, path, body, type);
        } catch (ApiException e) {
            if (token == null || e.code() != ErrorCode.TOKEN_EXPIRED) {
                throw e;
            }
            return sendWith(renewedToken(token), method, path, body, type);
        }
    }

    private <T> T sendWith(String token, String method, String path, Object body, JavaType type) {
        HttpUrl url = base.resolve(path);
        if (url == null) {
            throw new IllegalArgumentException("bad path " + path);
        }
        Request.Builder request = new Request.Builder().url(url);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            RequestBody payload = body == null ? null : RequestBody.create(mapper.writeValueAsBytes(body), JSON);
            request.method(method, payload);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + body, e);
        }
        try (Response response = http.newCall(request.build()).execute()) {
            ResponseBody responseBody = response.body();
            byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
            if (!response.isSuccessful()) {
                throw error(response.code(), bytes);
            }
            return type == null || bytes.length == 0 ? null : mapper.readValue(bytes, type);
        } catch (ApiException e) {
            throw e;
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PinnedCertificate.Mismatch refused) {
                    throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, refused.getMessage(),
                            PinnedCertificate.FIELD);
                }
            }
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "cannot reach " + base + ": " + e.getMessage());
        }
    }

    private ApiException error(int status, byte[] bytes) {
        try {
            ErrorBody body = mapper.readValue(bytes, ErrorBody.class);
            if (body.error() != null) {
                return new ApiException(body.error());
            }
        } catch (IOException | RuntimeException e) {
            // not one of ours (a proxy's page, say): fall through to the status
        }
        ErrorCode code = status >= 500 ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.BAD_REQUEST;
        return new ApiException(code, "the server answered HTTP " + status);
    }
}
