package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: seats held forever by REST joins that never connect (High 3): a script could fill any room to its
 * maxParticipants. A REST member keeps the seat only while renewing it within member-lease.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SeatLeaseIT {

    @Test
    void restMembersWhoDoNotRenewAreSweptAndConnectedOnesStay() {
        try (TestServer server = TestServer.start(b -> b.memberLease(Duration.ofMinutes(2)))) {
            Api api = server.api();
            AuthResponse host = api.guest("Host");
            String roomId = api.createRoom(host.token(), Map.of("title", "Leased")).room().id();
            AuthResponse squatter = api.guest("Squatter");
            AuthResponse renewer = api.guest("Renewer");
            AuthResponse listener = api.guest("Listener");
            try (LiveClient hostLive = LiveClient.connect(server.baseUrl(), host.token());
                 LiveClient live = LiveClient.connect(server.baseUrl(), listener.token())) {
                assertThat(hostLive.call(Events.JOIN, new JoinRoom(roomId)).path("ok").asBoolean()).isTrue();
                assertThat(live.call(Events.JOIN, new JoinRoom(roomId)).path("ok").asBoolean()).isTrue();
                api.post("/api/rooms/" + roomId + "/join", squatter.token(), null).expect(200);
                api.post("/api/rooms/" + roomId + "/join", renewer.token(), null).expect(200);
                assertThat(members(api, host, roomId)).hasSize(4);

                server.clock().advance(Duration.ofSeconds(90));
                api.post("/api/rooms/" + roomId + "/join", renewer.token(), null).expect(200);
                server.clock().advance(Duration.ofSeconds(60));
                server.housekeeping();

                assertThat(members(api, host, roomId)).as("members after the squatter's lease ran out")
                        .containsExactlyInAnyOrder(host.user().id(), renewer.user().id(), listener.user().id());
                assertThat(hostLive.await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText()
                        .equals(squatter.user().id())).path("reason").asText()).isEqualTo("lease-expired");
            }
        }
    }

    private static List<String> members(Api api, AuthResponse viewer, String roomId) {
        return api.get("/api/rooms/" + roomId + "/participants", viewer.token()).expect(200).json().path("items")
                .findValuesAsText("userId");
    }
}
