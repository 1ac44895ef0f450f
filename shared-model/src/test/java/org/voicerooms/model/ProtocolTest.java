package org.voicerooms.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Role;

/** The event registry, the error codes and the audio topology rule. */
class ProtocolTest {

    @Test
    void everyClientEventIsRegisteredOnceWithAPayloadRecord() {
        List<Event<?>> client = Events.all().values().stream().filter(Event::fromClient).toList();
        assertThat(client).hasSize(26);
        for (Event<?> e : client) {
            assertThat(e.payload().isRecord()).as(e.name()).isTrue();
            assertThat(e.name()).matches("(room|webrtc):[a-z-]+");
            assertThat(Events.client(e.name())).contains(e);
        }
        assertThat(Events.client("room:state")).as("server → client events are not accepted from clients").isEmpty();
        assertThat(Events.client("room:nope")).isEmpty();
    }

    @Test
    void theSeedsEventsAreAllThere() {
        for (String name : List.of("room:join", "room:leave", "room:speak-request", "room:hand-raise",
                "room:hand-lower", "room:mute-toggle", "webrtc:offer", "webrtc:answer", "webrtc:ice-candidate",
                "room:state", "room:participant-joined", "room:participant-left", "room:role-changed",
                "room:hand-raised", "room:speaking-changed", "room:ended", "room:kicked", "room:muted",
                "room:promoted")) {
            assertThat(Events.all()).as(name).containsKey(name);
        }
    }

    @Test
    void onlyAuthFailuresEndAConnection() {
        List<ErrorCode> fatal = Arrays.stream(ErrorCode.values()).filter(ErrorCode::connectionFatal).toList();
        assertThat(fatal).containsExactlyInAnyOrder(ErrorCode.UNAUTHORIZED, ErrorCode.TOKEN_EXPIRED);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(code.httpStatus()).as(code.name()).isBetween(400, 599);
            assertThat(code.defaultMessage()).as(code.name()).isNotBlank();
        }
        assertThat(ErrorCode.ROOM_FULL.httpStatus()).isEqualTo(409);
        assertThat(ErrorCode.RATE_LIMITED.httpStatus()).isEqualTo(429);
    }

    @Test
    void listenersOnlyConnectToTheStage() {
        for (Role a : Role.values()) {
            for (Role b : Role.values()) {
                assertThat(Topology.connected(a, b)).as(a + "–" + b)
                        .isEqualTo(a != Role.LISTENER || b != Role.LISTENER);
            }
        }
    }

    @Test
    void exactlyOneSideOffers() {
        String a = "0123456789abcdef01234567";
        String b = "0123456789abcdef01234568";
        assertThat(Topology.offers(a, b)).isNotEqualTo(Topology.offers(b, a));
        assertThat(Topology.offers(a, b)).isTrue();
    }
}
