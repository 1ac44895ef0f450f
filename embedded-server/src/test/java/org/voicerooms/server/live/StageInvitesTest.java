package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voicerooms.server.live.Rooms.T0;
import static org.voicerooms.server.live.Rooms.ctx;
import static org.voicerooms.server.live.Rooms.member;
import static org.voicerooms.server.live.Rooms.room;
import static org.voicerooms.server.live.Rooms.snapshot;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomPermissions;

/** Consent-first stage as pure rules: invite, accept or decline, and the room setting for direct moves. */
class StageInvitesTest {

    private static final String HOST = Rooms.id("host");
    private static final String BOB = Rooms.id("bob");
    private static final String ANN = Rooms.id("ann");
    private static final Room ROOM = room(100, 2);
    private static final Instant NOW = T0.plusSeconds(60);

    private static RoomSnapshot inviteBob(RoomSnapshot before) {
        Decision d = new StageInvites.Invite(HOST, BOB).decide(before, ctx(ROOM, NOW));
        assertThat(d.events()).containsExactly(new LiveEvent.SpeakInvited("r1", BOB, HOST, HOST.toUpperCase()));
        assertThat(d.next().member(BOB).orElseThrow().role()).as("asked, not moved").isEqualTo(Role.LISTENER);
        return d.next();
    }

    @Test
    void acceptingPutsTheListenerOnStageMutedAndUsesTheInvitationUp() {
        RoomSnapshot invited = inviteBob(snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1)));
        Decision d = new StageInvites.Answer(BOB, true).decide(invited, ctx(ROOM, NOW));

        MemberState bob = d.next().member(BOB).orElseThrow();
        assertThat(bob.role()).isEqualTo(Role.SPEAKER);
        assertThat(bob.muted()).isTrue();
        assertThat(d.events()).anySatisfy(e -> assertThat(e).isEqualTo(new LiveEvent.Promoted("r1", BOB,
                Role.SPEAKER, HOST)));
        assertThat(d.next().speakInvites()).isEmpty();
        assertThatThrownBy(() -> new StageInvites.Answer(BOB, true).decide(d.next(), ctx(ROOM, NOW)))
                .isInstanceOf(ApiException.class).extracting(e -> ((ApiException) e).error().code())
                .isEqualTo(ErrorCode.CONFLICT);
    }

    @Test
    void decliningTellsTheStaffAndLeavesTheListenerWhereTheyAre() {
        RoomSnapshot invited = inviteBob(snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1),
                member(ANN, Role.LISTENER, 2)));
        Decision d = new StageInvites.Answer(BOB, false).decide(invited, ctx(ROOM, NOW));

        assertThat(d.next().member(BOB).orElseThrow().role()).isEqualTo(Role.LISTENER);
        assertThat(d.events()).containsExactly(new LiveEvent.SpeakDeclined("r1",
                LiveEvent.Audience.users(List.of(HOST)), BOB));
    }

    @Test
    void onlyStaffInviteNobodyAcceptsWithoutAnInvitationAndAFullStageWaits() {
        RoomSnapshot room = snapshot(member(HOST, Role.HOST, 0), member(ANN, Role.SPEAKER, 1),
                member(BOB, Role.LISTENER, 2));
        assertThatThrownBy(() -> new StageInvites.Invite(BOB, ANN).decide(room, ctx(ROOM, NOW)))
                .extracting(e -> ((ApiException) e).error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        assertThatThrownBy(() -> new StageInvites.Answer(BOB, true).decide(room, ctx(ROOM, NOW)))
                .extracting(e -> ((ApiException) e).error().code()).isEqualTo(ErrorCode.CONFLICT);
        RoomSnapshot invited = inviteBob(room);
        assertThatThrownBy(() -> new StageInvites.Answer(BOB, true).decide(invited, ctx(ROOM, NOW)))
                .as("two seats, both taken").extracting(e -> ((ApiException) e).error().code())
                .isEqualTo(ErrorCode.SPEAKERS_FULL);
    }

    @Test
    void aRoomThatAsksFirstRefusesDirectMovesButGrantsRaisedHands() {
        Room asks = new Room("r1", "Title", "", HOST, ROOM.type(), ROOM.category(), 100, 3,
                new RoomPermissions(false, false, true, false), ROOM.privacy(), ROOM.moderators(), List.of(),
                ROOM.status(), T0, null, null, 0, 0, 0, List.of(), "en", false, null, T0, T0);
        RoomSnapshot room = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1),
                member(ANN, Role.LISTENER, 2).withHand(T0.plusSeconds(5)));
        assertThatThrownBy(() -> new Moderation.Promote(HOST, BOB).decide(room, ctx(asks, NOW)))
                .extracting(e -> ((ApiException) e).error().code()).isEqualTo(ErrorCode.FORBIDDEN);
        Decision granted = new Moderation.Promote(HOST, ANN).decide(room, ctx(asks, NOW));
        assertThat(granted.next().member(ANN).orElseThrow().role()).isEqualTo(Role.SPEAKER);
        assertThat(new Moderation.Promote(HOST, BOB).decide(room, ctx(ROOM, NOW)).next().member(BOB)
                .orElseThrow().role()).as("allowed by default").isEqualTo(Role.SPEAKER);
    }

    @Test
    void theRoomStateSaysWhoMayDoWhatToWhomOnceFromTheServersRule() {
        Room asks = new Room("r1", "Title", "", HOST, ROOM.type(), ROOM.category(), 100, 3,
                new RoomPermissions(false, false, true, false), ROOM.privacy(), ROOM.moderators(), List.of(),
                ROOM.status(), T0, null, null, 0, 0, 0, List.of(), "en", false, null, T0, T0);
        MemberState host = member(HOST, Role.HOST, 0);
        MemberState mod = member(ANN, Role.MODERATOR, 1);
        var forHost = RoomChange.allowedActions(host, ROOM);
        assertThat(forHost.get("listener")).containsExactly("room:speak-invite", "room:promote", "room:kick",
                "room:ban", "room:make-moderator");
        assertThat(forHost.get("speaker")).containsExactly("room:demote", "room:mute", "room:kick", "room:ban",
                "room:make-moderator");
        assertThat(forHost.get("moderator")).contains("room:remove-moderator");
        assertThat(forHost.get("host")).isEmpty();
        assertThat(RoomChange.allowedActions(host, asks).get("listener")).as("the room asks first")
                .doesNotContain("room:promote").contains("room:speak-invite");
        var forMod = RoomChange.allowedActions(mod, ROOM);
        assertThat(forMod.get("moderator")).isEmpty();
        assertThat(forMod.get("speaker")).doesNotContain("room:make-moderator").contains("room:mute");
        assertThat(RoomChange.allowedActions(member(BOB, Role.LISTENER, 2), ROOM).values())
                .allSatisfy(list -> assertThat(list).isEmpty());
    }
}
