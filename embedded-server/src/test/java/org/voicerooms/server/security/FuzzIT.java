package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.rooms.RoomSettings;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.model.users.FriendRequest;
import org.voicerooms.model.users.GuestRequest;
import org.voicerooms.model.users.LoginRequest;
import org.voicerooms.model.users.RefreshRequest;
import org.voicerooms.model.users.RegisterRequest;
import org.voicerooms.model.users.UserRef;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a client crashing handlers or sessions with malformed input. Every REST body and every client → server
 * event's payload, generated from the shared-model records by {@link PayloadFuzzer}, is sent to a real server;
 * every answer must be the typed error shape with a known code and no server failure (no 5xx, no
 * INTERNAL_ERROR), and the one realtime session must survive every case. Prints the run's size and time.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class FuzzIT {

    private static final ObjectMapper MAPPER = Json.newMapper();
    private static final Set<String> CODES = Arrays.stream(ErrorCode.values()).map(Enum::name)
            .collect(Collectors.toSet());
    private static final long SEED = 14;
    private static final int MIXTURES = 60;

    private record RestTarget(String method, String path, Class<? extends Record> body, boolean signedIn) {
    }

    @Test
    void everyHostileBodyAndPayloadGetsATypedAnswerAndNoSessionDies() throws Exception {
        try (TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1_000_000).joinsPerMinute(1_000_000)
                .eventsPerSecond(1_000_000))) {
            Api api = server.api();
            AuthResponse host = api.guest("Fuzz host");
            AuthResponse other = api.guest("Fuzz other");
            String roomId = api.createRoom(host.token(), Map.of("title", "Fuzzed")).room().id();
            Map<String, String> known = Map.of("roomId", roomId, "userId", other.user().id(), "peerId",
                    other.user().id(), "refreshToken", host.refreshToken());
            PayloadFuzzer fuzzer = new PayloadFuzzer(SEED, known);
            List<String> failures = new ArrayList<>();
            long start = System.nanoTime();

            int restCases = 0;
            for (RestTarget target : restTargets(roomId)) {
                for (String body : fuzzer.cases(target.body(), MIXTURES)) {
                    restCases++;
                    Api.Response r;
                    try {
                        r = api.call(target.method(), target.path(), target.signedIn() ? host.token() : null, body);
                    } catch (java.io.UncheckedIOException e) {
                        // A body over max-body-bytes is refused (413) before it is read, and the connection closed;
                        // the client may still be writing it and see a broken pipe instead of the answer.
                        if (body.length() > server.config().maxBodyBytes()) {
                            continue;
                        }
                        throw e;
                    }
                    String problem = restProblem(r);
                    if (problem != null) {
                        failures.add(target.method() + " " + target.path() + " " + abbreviate(body) + ": " + problem);
                    }
                }
            }
            long restNanos = System.nanoTime() - start;

            int socketCases = 0;
            int deaths = 0;
            RawEngineSocket raw = connected(server, host.token(), roomId);
            int ackId = 100;
            try {
                for (Event<?> event : clientEventsEndLast()) {
                    ack(raw, ackId++, Events.JOIN.name(), "{\"roomId\":\"" + roomId + "\"}");
                    for (String payload : fuzzer.cases(event.payload().asSubclass(Record.class), MIXTURES / 2)) {
                        socketCases++;
                        int id = ackId++;
                        String answer;
                        try {
                            answer = ack(raw, id, event.name(), payload);
                        } catch (AssertionError e) {
                            deaths++;
                            failures.add(event.name() + " " + abbreviate(payload) + ": " + e.getMessage());
                            raw.close();
                            raw = connected(server, host.token(), roomId);
                            continue;
                        }
                        String problem = ackProblem(answer);
                        if (problem != null) {
                            failures.add(event.name() + " " + abbreviate(payload) + ": " + problem);
                        }
                    }
                }
                assertThat(raw.isOpen()).as("the fuzzed session is still open").isTrue();
            } finally {
                raw.close();
            }
            long totalNanos = System.nanoTime() - start;
            System.out.printf("Fuzz run: %d REST cases in %.1f s, %d socket cases in %.1f s, %d in all in %.1f s;"
                            + " %d failures, %d dead sessions%n", restCases, restNanos / 1e9, socketCases,
                    (totalNanos - restNanos) / 1e9, restCases + socketCases, totalNanos / 1e9, failures.size(),
                    deaths);
            assertThat(restCases + socketCases).as("cases run").isGreaterThan(3_000);
            assertThat(failures).as("untyped or failed answers").isEmpty();
            assertThat(deaths).as("sessions that died").isZero();
        }
    }

    private static List<RestTarget> restTargets(String roomId) {
        return List.of(
                new RestTarget("POST", "/api/auth/register", RegisterRequest.class, false),
                new RestTarget("POST", "/api/auth/login", LoginRequest.class, false),
                new RestTarget("POST", "/api/auth/guest", GuestRequest.class, false),
                new RestTarget("POST", "/api/auth/refresh", RefreshRequest.class, false),
                new RestTarget("POST", "/api/rooms", RoomSettings.class, true),
                new RestTarget("PATCH", "/api/rooms/" + roomId, RoomSettings.class, true),
                new RestTarget("POST", "/api/users/me/friends", FriendRequest.class, true),
                new RestTarget("POST", "/api/rooms/" + roomId + "/mute", UserRef.class, true),
                new RestTarget("POST", "/api/rooms/" + roomId + "/invite", UserRef.class, true));
    }

    /** Every client event, the ones that end or leave the room last so the others run inside it. */
    private static List<Event<?>> clientEventsEndLast() {
        List<Event<?>> events = new ArrayList<>(Events.all().values().stream().filter(Event::fromClient).toList());
        events.sort((a, b) -> Boolean.compare(endsPresence(a), endsPresence(b)));
        return events;
    }

    private static boolean endsPresence(Event<?> e) {
        return e == Events.END || e == Events.LEAVE || e == Events.KICK || e == Events.BAN;
    }

    private static RawEngineSocket connected(TestServer server, String token, String roomId) {
        RawEngineSocket raw = RawEngineSocket.open(server.baseUrl());
        raw.send("0{\"token\":\"" + token + "\"}");
        raw.await("the accepted CONNECT", p -> p.startsWith("0") || p.startsWith("4"));
        ack(raw, 1, Events.JOIN.name(), "{\"roomId\":\"" + roomId + "\"}");
        return raw;
    }

    private static String ack(RawEngineSocket raw, int id, String event, String payload) {
        raw.send("2" + id + "[\"" + event + "\"," + payload + "]");
        String prefix = "3" + id + "[";
        return raw.await("the acknowledgement " + id, p -> p.startsWith(prefix)).substring(prefix.length() - 1);
    }

    private static String restProblem(Api.Response r) {
        if (r.status() >= 500) {
            return "status " + r.status() + " " + abbreviate(r.body());
        }
        if (r.status() >= 400) {
            return typedError(r.json() == null ? null : r.json().path("error"));
        }
        return null;
    }

    private static String ackProblem(String answer) {
        JsonNode args;
        try {
            args = MAPPER.readTree(answer);
        } catch (Exception e) {
            return "unreadable acknowledgement " + abbreviate(answer);
        }
        JsonNode ack = args.path(0);
        if (!ack.path("ok").isBoolean()) {
            return "acknowledgement without ok: " + abbreviate(answer);
        }
        return ack.path("ok").asBoolean() ? null : typedError(ack.path("error"));
    }

    private static String typedError(JsonNode error) {
        if (error == null || !error.isObject()) {
            return "no error object";
        }
        String code = error.path("code").asText("");
        if (!CODES.contains(code)) {
            return "unknown code '" + code + "'";
        }
        if (code.equals(ErrorCode.INTERNAL_ERROR.name())) {
            return "INTERNAL_ERROR: " + error.path("message").asText();
        }
        if (error.path("message").asText("").isBlank()) {
            return code + " without a message";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s == null ? "null" : s.length() <= 160 ? s : s.substring(0, 160) + "…(" + s.length() + ")";
    }
}
