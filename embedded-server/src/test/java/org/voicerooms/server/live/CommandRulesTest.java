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
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;

/** The live rules as pure functions: a snapshot and a command in, the next snapshot and its events out. */
class CommandRulesTest {

    private static final String HOST = Rooms.id("host");
    private static final String MOD2 = Rooms.id("mod2");
    private static final String MOD = Rooms.id("mod");
    private static final String BOB = Rooms.id("bob");
    private static final String ANN = Rooms.id("ann");
    private static final String A = Rooms.id("a");
    private static final String B = Rooms.id("b");
    private static final String C = Rooms.id("c");
    private static final String EARLY = Rooms.id("early");
    private static final String LATE = Rooms.id("late");
    private static final String NOBODY = Rooms.id("nobody");
    private static final String STRANGER = Rooms.id("stranger");

    private static final Room ROOM = room(100, 3);
    private static final Instant NOW = T0.plusSeconds(60);

    private static ErrorCode refusal(Command command, RoomSnapshot snapshot, Room room) {
        try {
            command.decide(snapshot, ctx(room, NOW));
        } catch (ApiException e) {
            return e.error().code();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void promotingAListenerWithARaisedHandBringsThemUpMutedAndTellsWhoNeedsToKnow() {
        RoomSnapshot before = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1)
                .withHand(T0.plusSeconds(5)));
        Decision d = new Moderation.Promote(HOST, BOB).decide(before, ctx(ROOM, NOW));

        MemberState bob = d.next().member(BOB).orElseThrow();
        assertThat(bob.role()).isEqualTo(Role.SPEAKER);
        assertThat(bob.muted()).isTrue();
        assertThat(bob.handRaised()).isFalse();
        assertThat(d.next().version()).isEqualTo(4);
        assertThat(before.member(BOB).orElseThrow().role()).as("the old snapshot is untouched")
                .isEqualTo(Role.LISTENER);
        assertThat(d.events()).hasSize(4);
        assertThat(d.events().get(0)).isEqualTo(new LiveEvent.HandLowered("r1",
                LiveEvent.Audience.users(List.of(HOST, BOB)), BOB));
        assertThat(d.events().get(1)).isEqualTo(new LiveEvent.RoleChanged("r1", BOB, Role.LISTENER, Role.SPEAKER,
                HOST, true, false, BOB.toUpperCase()));
        assertThat(d.events().get(2)).isEqualTo(new LiveEvent.Promoted("r1", BOB, Role.SPEAKER, HOST));
        LiveEvent.StateOf state = (LiveEvent.StateOf) d.events().get(3);
        assertThat(state.userId()).isEqualTo(BOB);
        assertThat(state.state().you().role()).isEqualTo(Role.SPEAKER);
        assertThat(state.state().peers()).extracting(p -> p.peerId()).containsExactly(HOST);
    }

    @Test
    void promotionIsRefusedWithItsDocumentedCode() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(MOD, Role.MODERATOR, 1),
                member(MOD2, Role.MODERATOR, 2), member(BOB, Role.LISTENER, 3), member(ANN, Role.LISTENER, 4));
        assertThat(refusal(new Moderation.Promote(BOB, ANN), s, ROOM)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(new Moderation.Promote(MOD, MOD2), s, ROOM)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(new Moderation.Promote(MOD, HOST), s, ROOM)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(new Moderation.Promote(HOST, HOST), s, ROOM)).isEqualTo(ErrorCode.FORBIDDEN);
        assertThat(refusal(new Moderation.Promote(HOST, NOBODY), s, ROOM)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(new Moderation.Promote(STRANGER, BOB), s, ROOM)).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(refusal(new Moderation.Promote(HOST, MOD), s, ROOM)).isEqualTo(ErrorCode.CONFLICT);
        assertThat(refusal(new Moderation.Promote(HOST, BOB), s, room(100, 3)))
                .as("three on stage already").isEqualTo(ErrorCode.SPEAKERS_FULL);
        assertThat(new Moderation.Promote(HOST, BOB).decide(s, ctx(room(100, 4), NOW)).next()
                .member(BOB).orElseThrow().role()).isEqualTo(Role.SPEAKER);
    }

    @Test
    void handsRaisedAtDistinctInstantsAreServedOldestFirst() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(A, Role.LISTENER, 1),
                member(B, Role.LISTENER, 2), member(C, Role.LISTENER, 3));
        // raised in the order c, a, b: neither join order nor id order
        s = new MemberActions.RaiseHand(C).decide(s, ctx(ROOM, T0.plusSeconds(10))).next();
        s = new MemberActions.RaiseHand(A).decide(s, ctx(ROOM, T0.plusSeconds(11))).next();
        s = new MemberActions.RaiseHand(B).decide(s, ctx(ROOM, T0.plusSeconds(12))).next();
        assertThat(s.handQueue()).extracting(MemberState::userId).containsExactly(C, A, B);

        Decision joinAgain = new Attendance.Join(HOST, "Host", true, false, false, false, Rooms.NODE, "v9")
                .decide(s, ctx(ROOM, NOW));
        JoinResult result = (JoinResult) joinAgain.reply();
        assertThat(result.state().handQueue()).extracting(h -> h.userId()).containsExactly(C, A, B);
        assertThat(result.state().handQueue().get(0).raisedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void aMemberBackInsideTheGraceIsNotRemovedWhenItEnds() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1).withHand(T0));
        Instant dropAt = T0.plusSeconds(100);
        Decision drop = new Attendance.Drop(BOB, Rooms.NODE).decide(s, ctx(ROOM, dropAt));
        assertThat(drop.reply()).isEqualTo(dropAt);
        MemberState dropped = drop.next().member(BOB).orElseThrow();
        assertThat(dropped.inGrace()).isTrue();
        assertThat(dropped.graceUntil()).isEqualTo(dropAt.plusSeconds(30));
        assertThat(drop.next().presentCounts().participants()).as("not counted while away").isEqualTo(1);

        RoomSnapshot back = new Attendance.Join(BOB, "Bob", false, false, false, false, Rooms.NODE, "v-new")
                .decide(drop.next(), ctx(ROOM, dropAt.plusSeconds(10))).next();
        Decision expiry = new Attendance.Lose(BOB, dropAt).decide(back, ctx(ROOM, dropAt.plusSeconds(30)));
        assertThat(expiry.next()).as("nothing changes").isSameAs(back);
        MemberState bob = back.member(BOB).orElseThrow();
        assertThat(bob.handRaised()).as("keeps the hand").isTrue();
        assertThat(bob.visitId()).as("the same visit").isEqualTo("v-" + BOB);

        Decision lost = new Attendance.Lose(BOB, dropAt).decide(drop.next(), ctx(ROOM, dropAt.plusSeconds(30)));
        assertThat(lost.next().member(BOB)).isEmpty();
        assertThat(lost.events()).contains(new LiveEvent.Left("r1", LiveEvent.Audience.ROOM, BOB, "disconnected"));
    }

    @Test
    void aDropSeenByAnotherNodeThanTheMembersIsIgnored() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1));
        Decision d = new Attendance.Drop(BOB, "node-b").decide(s, ctx(ROOM, NOW));
        assertThat(d.next()).isSameAs(s);
        assertThat(d.reply()).isNull();
    }

    @Test
    void aLeavingHostHandsTheRoomToTheLongestPresentModeratorOrEndsIt() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(LATE, Role.MODERATOR, 9),
                member(EARLY, Role.MODERATOR, 2), member(BOB, Role.LISTENER, 1));
        Decision handover = new Attendance.Leave(HOST).decide(s, ctx(ROOM, NOW));
        assertThat(handover.next().member(EARLY).orElseThrow().role()).isEqualTo(Role.HOST);
        assertThat(handover.next().member(LATE).orElseThrow().role()).isEqualTo(Role.MODERATOR);
        assertThat(handover.events()).contains(new LiveEvent.RoleChanged("r1", EARLY, Role.MODERATOR, Role.HOST,
                null, false, false, EARLY.toUpperCase()));

        Decision end = new Attendance.Leave(HOST).decide(snapshot(member(HOST, Role.HOST, 0),
                member(BOB, Role.LISTENER, 1)), ctx(ROOM, NOW));
        assertThat(end.next().ended()).isTrue();
        assertThat(end.next().members()).isEmpty();
        assertThat(end.events()).contains(new LiveEvent.Ended("r1", "no-host", List.of(BOB)));
        assertThat(end.events()).filteredOn(LiveEvent.VisitClosed.class::isInstance).hasSize(2);
    }

    @Test
    void joiningAFullRoomAKickedUserAndAKnock() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(MOD, Role.MODERATOR, 1));
        assertThat(refusal(new Attendance.Join(BOB, "Bob", false, false, false, false, null, "v"), s, room(2, 3)))
                .isEqualTo(ErrorCode.ROOM_FULL);
        assertThat(refusal(new Attendance.Join(BOB, "Bob", false, false, false, true, null, "v"), s, ROOM))
                .isEqualTo(ErrorCode.KICKED);

        Decision join = new Attendance.Join(BOB, "Bob", false, false, false, false, null, "v7")
                .decide(s, ctx(ROOM, NOW));
        assertThat(join.events()).contains(new LiveEvent.VisitOpened("r1", BOB, "v7", Role.LISTENER, NOW, 3));
        assertThat(join.next().member(BOB).orElseThrow().muted()).isTrue();

        Room approval = new Room("r1", "T", "", HOST, ROOM.type(), ROOM.category(), 100, 3, ROOM.permissions(),
                new org.voicerooms.model.rooms.RoomPrivacy(true, false, true), List.of(MOD), List.of(),
                ROOM.status(), T0, null, null, 0, 0, 0, List.of(), "en", false, null, T0, T0);
        Decision knock = new Attendance.Join(BOB, "Bob", false, false, false, false, null, "v8")
                .decide(s, ctx(approval, NOW));
        assertThat(((JoinResult) knock.reply()).status()).isEqualTo(JoinResult.PENDING);
        assertThat(knock.next().knocking(BOB)).isTrue();
        assertThat(knock.events()).containsExactly(new LiveEvent.Knocked("r1",
                LiveEvent.Audience.users(List.of(HOST, MOD)), BOB, "Bob", NOW));
        Decision again = new Attendance.Join(BOB, "Bob", false, false, false, false, null, "v9")
                .decide(knock.next(), ctx(approval, NOW));
        assertThat(again.next()).as("knocking twice changes nothing").isSameAs(knock.next());
    }

    @Test
    void speakingTimeIsCountedFromStartToStop() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0).withMuted(false));
        s = new MemberActions.Speaking(HOST, true).decide(s, ctx(ROOM, T0.plusSeconds(10))).next();
        Decision stop = new MemberActions.Speaking(HOST, false).decide(s, ctx(ROOM, T0.plusMillis(12_500)));
        assertThat(stop.next().member(HOST).orElseThrow().speakMillis()).isEqualTo(2_500);
        assertThat(stop.events()).containsExactly(new LiveEvent.SpokeFor("r1", HOST, 2_500),
                new LiveEvent.SpeakingChanged("r1", HOST, false, true));
    }

    @Test
    void theRoomsOwnerBackFromADropTakesTheHostRoleBack() {
        RoomSnapshot s = snapshot(member(EARLY, Role.HOST, 2), member(BOB, Role.LISTENER, 3));
        Decision d = new Attendance.Join(HOST, "Host", true, false, false, false, Rooms.NODE, "v1")
                .decide(s, ctx(ROOM, NOW));
        assertThat(d.next().member(HOST).orElseThrow().role()).isEqualTo(Role.HOST);
        assertThat(d.next().member(EARLY).orElseThrow().role()).isEqualTo(Role.MODERATOR);
        assertThat(d.events()).contains(new LiveEvent.RoleChanged("r1", EARLY, Role.HOST, Role.MODERATOR, HOST,
                false, false, EARLY.toUpperCase()));
    }

    @Test
    void aRuleThatChangesNothingKeepsTheSnapshotInstance() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1));
        assertThat(new MemberActions.LowerHand(BOB).decide(s, ctx(null, NOW)).next()).isSameAs(s);
        assertThatThrownBy(() -> new MemberActions.Speaking(BOB, true).decide(s, ctx(null, NOW)))
                .isInstanceOf(ApiException.class);
    }
}
