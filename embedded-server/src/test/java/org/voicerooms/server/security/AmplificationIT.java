package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.testing.Api.assertError;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: one cheap request turned into many messages or much work (Medium 6): REST calls per user are
 * budgeted, a speaker's flips of voice activity reach the room a few times a second at most, and a room state
 * sent to thousands lists a bounded number of people.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AmplificationIT {

    @Test
    void restRequestsAreBudgetedPerUser() {
        try (TestServer server = TestServer.start(b -> b.requestsPerUserPerSecond(2))) {
            AuthResponse ann = server.api().guest("Ann");
            for (int i = 0; i < 4; i++) {
                server.api().get("/api/users/me", ann.token()).expect(200);
            }
            assertError(server.api().get("/api/users/me", ann.token()), 429, "RATE_LIMITED");
            server.api().get("/api/users/me", server.api().guest("Bob").token()).expect(200);
        }
    }

    @Test
    void speakingFlipsAreCoalescedAndTheLastOneArrives() throws Exception {
        try (TestServer server = TestServer.start(b -> b.speakingChangesPerSecond(2).eventsPerSecond(1_000))) {
            Api api = server.api();
            AuthResponse host = api.guest("Host");
            String roomId = api.createRoom(host.token(), Map.of("title", "Chatty")).room().id();
            try (LiveClient speaker = LiveClient.connect(server.baseUrl(), host.token());
                 LiveClient listener = LiveClient.connect(server.baseUrl(), api.guest("Ear").token())) {
                assertThat(speaker.call(Events.JOIN, new JoinRoom(roomId)).path("ok").asBoolean()).isTrue();
                assertThat(listener.call(Events.JOIN, new JoinRoom(roomId)).path("ok").asBoolean()).isTrue();
                speaker.call(Events.MUTE_TOGGLE, new MuteToggle(roomId, false));
                long flips = LiveClient.receipts(); // a coalesced flush may come before the last flip's answer
                for (int i = 0; i < 40; i++) {
                    speaker.call(Events.SPEAKING, new Speaking(roomId, i % 2 == 0));
                }
                speaker.call(Events.SPEAKING, new Speaking(roomId, true));
                JsonNode last = listener.awaitSince(flips, Events.SPEAKING_CHANGED,
                        e -> e.path("speaking").asBoolean());
                Thread.sleep(1_200); // a window and more: any flush still due arrives
                List<Boolean> heard = new ArrayList<>();
                listener.all(Events.SPEAKING_CHANGED).forEach(e -> heard.add(e.path("speaking").asBoolean()));
                assertThat(last).isNotNull();
                assertThat(heard).as("speaking changes the listener heard for 41 flips").hasSizeLessThan(8)
                        .last().isEqualTo(true);
            }
        }
    }

    @Test
    void roomStateListsTheStageAndABoundedAudienceAndPagesTheRest() {
        try (TestServer server = TestServer.start(b -> b.stateParticipantsMax(10))) {
            Api api = server.api();
            AuthResponse host = api.guest("Host");
            String roomId = api.createRoom(host.token(), Map.of("title", "Big")).room().id();
            api.post("/api/rooms/" + roomId + "/join", host.token(), null).expect(200);
            for (int i = 0; i < 20; i++) {
                api.post("/api/rooms/" + roomId + "/join", api.guest("L" + i).token(), null).expect(200);
            }
            AuthResponse late = api.guest("Late");
            try (LiveClient live = LiveClient.connect(server.baseUrl(), late.token())) {
                JsonNode state = live.call(Events.JOIN, new JoinRoom(roomId)).path("state");
                assertThat(state.path("participants").size()).as("people listed in the state").isLessThanOrEqualTo(11);
                assertThat(state.path("participants").findValuesAsText("userId")).contains(host.user().id(),
                        late.user().id());
                assertThat(state.path("participantCount").asInt()).isEqualTo(22);
            }
            JsonNode page2 = api.get("/api/rooms/" + roomId + "/participants?page=2&limit=10", host.token())
                    .expect(200).json();
            assertThat(page2.path("items").size()).isEqualTo(10);
            assertThat(page2.path("total").asInt()).isEqualTo(22);
        }
    }
}
