package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.server.live.AuthorizationFixture.Actor;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Every client event and every participation endpoint, by every kind of actor: allowed (ok, and an effect someone
 * else observes) or the exact documented error code. The tables below are the permission rules of ARCHITECTURE §4
 * written out; each cell runs against a fresh room holding all the actors. Actors: host, moderator, speaker,
 * listener, a banned user, a kicked user, a signed-in non-member, and (REST only; a socket with a bad token never
 * opens) a bad token.
 */
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class AuthorizationMatrixIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(100_000).joinsPerMinute(100_000)
            .eventsPerSecond(10_000));

    private static final String SOCKET_ACTORS = "host moderator speaker listener banned kicked outsider";
    /**
     * Socket events: who may, and what everyone else gets. This server has no SFU configured, so every {@code sfu:*}
     * event is refused with CONFLICT before anything else (the SFU's own rules are in SfuSignalingIT and the SFU
     * end-to-end tests). {@code room:speak-answer} needs an invitation: the listener gets one first.
     */
    private static final String SOCKET_TABLE = """
            room:join              ok ok ok ok BANNED KICKED ok
            room:leave             ok ok ok ok ok ok ok
            room:speak-request     CONFLICT CONFLICT CONFLICT ok NOT_FOUND NOT_FOUND NOT_FOUND
            room:hand-raise        CONFLICT CONFLICT CONFLICT ok NOT_FOUND NOT_FOUND NOT_FOUND
            room:hand-lower        ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            room:mute-toggle       ok ok ok FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:speaking          ok ok ok FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:speak-invite      ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:speak-answer      CONFLICT CONFLICT CONFLICT ok NOT_FOUND NOT_FOUND NOT_FOUND
            room:promote           ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:demote            ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:mute              ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:kick              ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:ban               ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:unban             ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:make-moderator    ok FORBIDDEN FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:remove-moderator  ok FORBIDDEN FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:hand-deny         ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:join-approve      ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:join-deny         ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:invite            ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:end               ok FORBIDDEN FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:chat              ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            room:chat-delete       ok ok FORBIDDEN FORBIDDEN NOT_FOUND NOT_FOUND NOT_FOUND
            room:reaction          ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            webrtc:offer           ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            webrtc:answer          ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            webrtc:ice-candidate   ok ok ok ok NOT_FOUND NOT_FOUND NOT_FOUND
            sfu:publish            CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT
            sfu:unpublish          CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT
            sfu:subscribe          CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT
            sfu:answer             CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT
            sfu:candidate          CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT CONFLICT
            """;
    /** Moderation aimed at the host or at a moderator (ARCHITECTURE §4: nobody acts on the host, moderators not on moderators). */
    private static final String TARGET_TABLE = """
            room:kick     moderator host       FORBIDDEN
            room:ban      moderator host       FORBIDDEN
            room:mute     moderator host       FORBIDDEN
            room:demote   moderator host       FORBIDDEN
            room:kick     moderator moderator  FORBIDDEN
            room:demote   moderator moderator  FORBIDDEN
            room:mute     moderator moderator  FORBIDDEN
            room:kick     host      moderator  ok
            room:demote   host      moderator  ok
            room:mute     host      moderator  ok
            """;
    private static final String REST_ACTORS = "host moderator listener outsider bad-token";
    /** REST endpoints; {target} is a fresh listener (or speaker, knocker, moderator as the action needs). */
    private static final String REST_TABLE = """
            POST /join               ok        ok        ok        ok        UNAUTHORIZED
            POST /leave              ok        ok        ok        ok        UNAUTHORIZED
            POST /raise-hand         CONFLICT  CONFLICT  ok        NOT_FOUND UNAUTHORIZED
            POST /lower-hand         ok        ok        ok        NOT_FOUND UNAUTHORIZED
            GET /participants        ok        ok        ok        ok        UNAUTHORIZED
            POST /promote            ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /demote             ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /mute               ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /kick               ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /ban                ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /unban              ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /invite             ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /moderators         ok        FORBIDDEN FORBIDDEN NOT_FOUND UNAUTHORIZED
            DELETE /moderators       ok        FORBIDDEN FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /approve            ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            POST /deny               ok        ok        FORBIDDEN NOT_FOUND UNAUTHORIZED
            PATCH /                  ok        FORBIDDEN FORBIDDEN FORBIDDEN UNAUTHORIZED
            POST /start              CONFLICT  FORBIDDEN FORBIDDEN FORBIDDEN UNAUTHORIZED
            DELETE /                 ok        FORBIDDEN FORBIDDEN FORBIDDEN UNAUTHORIZED
            """;
    /** How long one cell may take: a fresh room, eight people, one action and what it causes. */
    private static final Duration CELL = Duration.ofSeconds(60);

    @TestFactory
    Stream<DynamicTest> socketEvents() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> actors = List.of(SOCKET_ACTORS.split(" "));
        for (String line : SOCKET_TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            assertThat(cells).hasSize(actors.size() + 1);
            for (int i = 0; i < actors.size(); i++) {
                Actor actor = Actor.valueOf(actors.get(i).toUpperCase());
                String expected = cells[i + 1];
                tests.add(DynamicTest.dynamicTest(actors.get(i) + " " + cells[0] + " → " + expected, () ->
                        assertTimeoutPreemptively(CELL, () -> {
                            try (AuthorizationFixture f = new AuthorizationFixture(server)) {
                                f.assertSocket(cells[0], actor, null, expected);
                            }
                        })));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> moderationOfTheHostAndModerators() {
        return Stream.of(TARGET_TABLE.strip().split("\n")).map(line -> {
            String[] c = line.trim().split("\\s+");
            return DynamicTest.dynamicTest(c[1] + " " + c[0] + " on " + c[2] + " → " + c[3], () ->
                    assertTimeoutPreemptively(CELL, () -> {
                        try (AuthorizationFixture f = new AuthorizationFixture(server)) {
                            f.assertSocket(c[0], Actor.valueOf(c[1].toUpperCase()), Actor.valueOf(c[2].toUpperCase()),
                                    c[3]);
                        }
                    }));
        });
    }

    @TestFactory
    Stream<DynamicTest> restEndpoints() {
        List<DynamicTest> tests = new ArrayList<>();
        List<String> actors = List.of(REST_ACTORS.split(" "));
        for (String line : REST_TABLE.strip().split("\n")) {
            String[] cells = line.trim().split("\\s+");
            for (int i = 0; i < actors.size(); i++) {
                String actor = actors.get(i);
                String expected = cells[i + 2];
                tests.add(DynamicTest.dynamicTest(actor + " " + cells[0] + " " + cells[1] + " → " + expected, () ->
                        assertTimeoutPreemptively(CELL, () -> {
                            try (AuthorizationFixture f = new AuthorizationFixture(server)) {
                                f.assertRest(cells[0], cells[1], actor, expected);
                            }
                        })));
            }
        }
        return tests.stream();
    }

    @Test
    void aBadTokenNeverOpensASocket() {
        for (String token : new String[] {null, "", "x.y.z"}) {
            JsonNode refusal = LiveClient.refused(server.baseUrl(), token);
            assertThat(refusal.path("code").asText()).isEqualTo("UNAUTHORIZED");
        }
    }

    @Test
    void everyClientEventHasARow() {
        Map<String, Boolean> rows = new LinkedHashMap<>();
        for (String line : SOCKET_TABLE.strip().split("\n")) {
            rows.put(line.trim().split("\\s+")[0], true);
        }
        List<String> clientEvents = Events.all().values().stream().filter(e -> e.fromClient())
                .map(e -> e.name()).toList();
        assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(clientEvents);
        assertThat(Api.class).isNotNull();
    }
}
