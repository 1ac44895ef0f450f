package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.LiveRoomFixture.code;
import static org.voicerooms.server.live.LiveRoomFixture.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.SpeakAnswer;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/** Invite to speak over real Socket.IO clients: the listener is asked, and only their yes brings them up. */
@Timeout(60)
class StageInviteIT {

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.roomCreationsPerDay(1000));

    @Test
    void aListenerAcceptsAndComesOnStageMutedAnotherDeclinesAndTheHostHears() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Ask first", "permissions",
                Map.of("anyoneCanSpeak", false, "allowRecording", false, "allowHandRaise", true,
                        "directPromote", false)))) {
            Person ann = room.listener("Ann");
            Person bob = room.listener("Bob");
            assertThat(code(room.call(room.host, Events.PROMOTE, ann))).as("this room asks first")
                    .isEqualTo("FORBIDDEN");
            assertThat(code(room.call(ann, Events.SPEAK_INVITE, bob))).isEqualTo("FORBIDDEN");

            room.act(room.host, Events.SPEAK_INVITE, ann);
            JsonNode invited = ann.live().await(Events.SPEAK_INVITED);
            assertThat(invited.path("by").asText()).isEqualTo(room.host.id());
            assertThat(invited.path("byName").asText()).isNotBlank();
            assertThat(room.host.live().all(Events.ROLE_CHANGED)).as("nobody moved yet").isEmpty();

            ok(ann.live().call(Events.SPEAK_ANSWER, new SpeakAnswer(room.roomId, true)));
            ann.live().await(Events.PROMOTED);
            JsonNode state = ann.live().await(Events.STATE, s -> s.at("/you/role").asText().equals("speaker"));
            assertThat(state.at("/you/muted").asBoolean()).as("on stage muted").isTrue();
            bob.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(ann.id()));

            room.act(room.host, Events.SPEAK_INVITE, bob);
            bob.live().await(Events.SPEAK_INVITED);
            ok(bob.live().call(Events.SPEAK_ANSWER, new SpeakAnswer(room.roomId, false)));
            JsonNode declined = room.host.live().await(Events.SPEAK_DECLINED);
            assertThat(declined.path("userId").asText()).isEqualTo(bob.id());
            assertThat(code(bob.live().call(Events.SPEAK_ANSWER, new SpeakAnswer(room.roomId, true))))
                    .as("the invitation is used up").isEqualTo("CONFLICT");
        }
    }

    @Test
    void turningDirectMovesOffTakesMoveToStageOutOfTheStaffsActionsAtOnce() {
        try (LiveRoomFixture room = new LiveRoomFixture(server, Map.of("title", "Settings change live"))) {
            Person mod = room.moderator("Mia");
            Person ann = room.listener("Ann");
            int hostStates = room.host.live().all(Events.STATE).size();
            int annStates = ann.live().all(Events.STATE).size();

            assertThat(room.api.patch("/api/rooms/" + room.roomId, room.host.token(), Map.of("permissions",
                    Map.of("anyoneCanSpeak", false, "allowRecording", false, "allowHandRaise", true,
                            "directPromote", false))).status()).isEqualTo(200);

            for (Person staff : java.util.List.of(room.host, mod)) {
                JsonNode state = staff.live().await(Events.STATE, s -> !s.at("/allowedActions/listener")
                        .toString().contains(Events.PROMOTE.name()));
                assertThat(state.at("/allowedActions/listener").toString()).as(staff.auth().user().displayName()
                        + " may still invite").contains(Events.SPEAK_INVITE.name());
                assertThat(state.at("/room/permissions/directPromote").asBoolean()).isFalse();
            }
            assertThat(room.host.live().all(Events.STATE)).hasSizeGreaterThan(hostStates);
            ann.live().await(Events.UPDATED);
            assertThat(ann.live().all(Events.STATE)).as("a listener's actions did not change").hasSize(annStates);
            assertThat(code(room.call(room.host, Events.PROMOTE, ann))).isEqualTo("FORBIDDEN");
        }
    }
}
