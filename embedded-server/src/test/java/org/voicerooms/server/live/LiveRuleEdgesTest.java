package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.voicerooms.server.live.Rooms.T0;
import static org.voicerooms.server.live.Rooms.ctx;
import static org.voicerooms.server.live.Rooms.member;
import static org.voicerooms.server.live.Rooms.room;
import static org.voicerooms.server.live.Rooms.snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;

/** Limits and edges of the live rules that random sequences rarely reach: bounds, leases, counts, drops. */
class LiveRuleEdgesTest {

    private static final String HOST = Rooms.id("host");
    private static final String BOB = Rooms.id("bob");
    private static final String ANN = Rooms.id("ann");
    private static final Instant NOW = T0.plusSeconds(60);

    @Test
    void theFiftyFirstKnockIsRateLimitedAndAKnockIsNotRepeated() {
        Room approval = room(100, 3, HOST, RoomPermissions.DEFAULT, new RoomPrivacy(true, false, true));
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0));
        for (int i = 0; i < RoomSnapshot.MAX_KNOCKS; i++) {
            String who = Rooms.id("k" + i);
            s = new Attendance.Join(who, who, false, false, false, false, Rooms.NODE, "v" + i)
                    .decide(s, ctx(approval, NOW)).next();
        }
        assertThat(s.knocks()).hasSize(50);
        RoomSnapshot full = s;
        assertThatThrownBy(() -> new Attendance.Join(BOB, "Bob", false, false, false, false, Rooms.NODE, "vb")
                .decide(full, ctx(approval, NOW))).isInstanceOfSatisfying(ApiException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        String first = Rooms.id("k0");
        Decision again = new Attendance.Join(first, first, false, false, false, false, Rooms.NODE, "v0")
                .decide(full, ctx(approval, NOW.plusSeconds(1)));
        assertThat(again.next()).as("knocking twice changes nothing").isSameAs(full);
        assertThat(again.events()).isEmpty();
        assertThat(full.knocks().get(0).at()).isEqualTo(NOW);
    }

    @Test
    void chatKeepsTheLastHundredLinesOldestFirst() {
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0));
        for (int i = 0; i < LiveRules.CHAT_HISTORY + 5; i++) {
            s = new MemberActions.Chat(HOST, Rooms.id("m" + i), "line " + i).decide(s, ctx(room(10, 3), NOW))
                    .next();
        }
        assertThat(s.chat()).hasSize(100);
        assertThat(s.chat().get(0).text()).isEqualTo("line 5");
        assertThat(s.chat().get(99).text()).isEqualTo("line 104");
        assertThat(s.chatMessage(Rooms.id("m4"))).isEmpty();
    }

    @Test
    void settingsReachAStoredRoomOnlyAndChangeNoSnapshot() {
        Room shown = room(10, 3);
        RoomSnapshot none = RoomSnapshot.empty("r1");
        Decision unstored = new Attendance.Update(shown).decide(none, ctx(shown, NOW));
        assertThat(unstored.next()).isSameAs(none);
        assertThat(unstored.events()).isEmpty();
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1));
        Decision d = new Attendance.Update(shown).decide(s, ctx(shown, NOW));
        assertThat(d.next()).isSameAs(s);
        assertThat(d.events()).hasSize(2).first().isEqualTo(new LiveEvent.Updated("r1", shown));
        // staff get a new state, since what they may do follows the settings; listeners do not
        assertThat(d.events().get(1)).isInstanceOfSatisfying(LiveEvent.StateOf.class, st -> {
            assertThat(st.userId()).isEqualTo(HOST);
            assertThat(st.state().allowedActions().get("listener")).contains("room:promote");
        });
    }

    @Test
    void leasesExpireOnlyForIdleMembersWithoutAConnection() {
        MemberState restIdle = MemberState.joined(BOB, "Bob", Role.LISTENER, T0, null, "vb");
        MemberState restActive = MemberState.joined(ANN, "Ann", Role.LISTENER, T0.plusSeconds(30), null, "va");
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), restIdle, restActive);
        Decision d = new Attendance.ExpireLeases(T0.plusSeconds(10)).decide(s, ctx(room(10, 3), NOW));
        assertThat(d.next().members()).extracting(MemberState::userId).containsExactly(HOST, ANN);
        assertThat(d.events()).contains(new LiveEvent.Left("r1", LiveEvent.Audience.ROOM, BOB, "lease-expired"));
        Decision idle = new Attendance.ExpireLeases(T0.plusSeconds(10)).decide(d.next(), ctx(room(10, 3), NOW));
        assertThat(idle.next()).as("nobody else is idle").isSameAs(d.next());
    }

    @Test
    void aDroppedSpeakerStopsSpeakingAndIsNotCountedOnTheCard() {
        MemberState bob = member(BOB, Role.SPEAKER, 1).withMuted(false).startSpeaking(NOW.minusSeconds(4));
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), bob, member(ANN, Role.LISTENER, 2));
        assertThat(s.presentCounts()).isEqualTo(new RoomPresence.Counts(3, 2));
        Decision d = new Attendance.Drop(BOB, Rooms.NODE).decide(s, ctx(room(10, 3), NOW));
        MemberState after = d.next().member(BOB).orElseThrow();
        assertThat(d.reply()).isEqualTo(NOW);
        assertThat(after.graceUntil()).isEqualTo(NOW.plusSeconds(30));
        assertThat(after.speaking()).isFalse();
        assertThat(after.speakMillis()).isEqualTo(4000);
        assertThat(d.events()).containsExactly(new LiveEvent.SpokeFor("r1", BOB, 4000),
                new LiveEvent.SpeakingChanged("r1", BOB, false, false));
        assertThat(d.next().presentCounts()).isEqualTo(new RoomPresence.Counts(2, 1));
        Decision twice = new Attendance.Drop(BOB, Rooms.NODE).decide(d.next(), ctx(room(10, 3), NOW));
        assertThat(twice.next()).isSameAs(d.next());
        assertThat(twice.reply()).isNull();
    }

    @Test
    void endingClosesEveryVisitWithItsSpeakingTimeAndNamesWhoWasInside() {
        MemberState bob = member(BOB, Role.SPEAKER, 1).withMuted(false).startSpeaking(NOW.minusSeconds(2));
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), bob);
        Decision d = new Moderation.End(HOST).decide(s, ctx(room(10, 3), NOW));
        assertThat(d.next().ended()).isTrue();
        assertThat(d.next().members()).isEmpty();
        List<LiveEvent> closed = new ArrayList<>(d.events());
        assertThat(closed).contains(new LiveEvent.VisitClosed("r1", BOB, "v-" + BOB, Role.SPEAKER,
                T0.plusSeconds(1), NOW, 2000));
        assertThat(closed.get(closed.size() - 1)).isEqualTo(new LiveEvent.Ended("r1", "host-ended",
                List.of(HOST, BOB)));
        Decision again = new Attendance.End("time-limit").decide(d.next(), ctx(room(10, 3), NOW));
        assertThat(again.events()).as("an ended room ends once").isEmpty();
    }
    @Test
    void aHiddenAudienceSeesTheStageAndItselfAndTheStageSeesEveryoneUpToTheCap() {
        Room hidden = room(100, 3, HOST, RoomPermissions.DEFAULT, new RoomPrivacy(false, true, true));
        String cat = Rooms.id("cat");
        RoomSnapshot s = snapshot(member(HOST, Role.HOST, 0), member(BOB, Role.LISTENER, 1),
                member(ANN, Role.LISTENER, 2).withHand(T0.plusSeconds(9)), member(cat, Role.LISTENER, 3));
        RuleContext capTwo = new RuleContext(hidden, NOW, Rooms.NODE, java.time.Duration.ofSeconds(30), 2);
        String dan = Rooms.id("dan");
        Decision joined = new Attendance.Join(dan, "Dan", false, false, false, false, Rooms.NODE, "vd")
                .decide(s, capTwo);
        var listenerView = ((org.voicerooms.model.live.Payloads.JoinResult) joined.reply()).state();
        assertThat(listenerView.participants()).extracting(p -> p.userId()).containsExactly(HOST, dan);
        assertThat(listenerView.audienceCount()).isEqualTo(4);
        assertThat(listenerView.participantCount()).isEqualTo(2);
        assertThat(listenerView.handQueue()).as("hands are the stage's to see").isEmpty();
        assertThat(listenerView.room().bannedUsers()).isEmpty();

        Decision back = new Attendance.Join(HOST, "Host", true, false, false, false, Rooms.NODE, "vh")
                .decide(joined.next(), capTwo);
        var hostView = ((org.voicerooms.model.live.Payloads.JoinResult) back.reply()).state();
        assertThat(hostView.participants()).as("stage, then listeners in join order under the cap")
                .extracting(p -> p.userId()).containsExactly(HOST, BOB);
        assertThat(hostView.participantCount()).isEqualTo(5);
        assertThat(hostView.audienceCount()).isEqualTo(4);
        assertThat(hostView.handQueue()).extracting(h -> h.userId()).containsExactly(ANN);
        assertThat(hostView.peers()).extracting(p -> p.peerId()).containsExactly(BOB, ANN, cat, dan);
    }
}
