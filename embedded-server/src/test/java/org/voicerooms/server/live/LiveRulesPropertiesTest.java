package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.voicerooms.server.live.Rooms.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.live.LiveRules;
import org.voicerooms.model.live.Payloads.JoinResult;

/**
 * Properties of the live rules over random command sequences from random actors, applied through the pure
 * {@link Command#decide} functions (no server): each case is a seed, so a failure names the seed that reproduces
 * it. After every step the room keeps its invariants (one host while it lives, hands oldest first and only in the
 * audience, seat limits, kicked and banned people out), and every refusal carries one of the codes documented for
 * that command and leaves the snapshot as it was.
 */
class LiveRulesPropertiesTest {

    private static final String HOST = Rooms.id("host");
    private static final String MOD = Rooms.id("mod");
    private static final int STEPS = 120;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 50);
    }

    /** One generated step: the command, the codes it may be refused with, and who it is about. */
    private record Step(Command command, Set<ErrorCode> refusals, String subject) {
    }

    private static Set<ErrorCode> codes(ErrorCode... codes) {
        EnumSet<ErrorCode> set = EnumSet.of(ErrorCode.NOT_FOUND, ErrorCode.ROOM_ENDED);
        set.addAll(List.of(codes));
        return set;
    }

    private static Room room(Random r) {
        RoomPermissions permissions = new RoomPermissions(r.nextInt(4) == 0, false, r.nextInt(5) != 0,
                r.nextBoolean());
        RoomPrivacy privacy = new RoomPrivacy(r.nextInt(3) == 0, r.nextInt(3) == 0, r.nextBoolean());
        return Rooms.room(2 + r.nextInt(6), 1 + r.nextInt(4), HOST, permissions, privacy);
    }

    /** Mostly someone inside (a moderator when {@code staff}), now and then anyone, so refusals stay in the mix. */
    private static String pick(Random r, List<String> users, RoomSnapshot room, boolean staff, String not) {
        List<String> inside = (staff ? room.moderatorIds() : room.members().stream().map(MemberState::userId)
                .toList()).stream().filter(id -> !id.equals(not)).toList();
        return r.nextInt(4) == 0 || inside.isEmpty() ? users.get(r.nextInt(users.size()))
                : inside.get(r.nextInt(inside.size()));
    }

    private static Step generate(Random r, List<String> users, RoomSnapshot room, Room doc, Map<String, Instant> drops,
                                 int step) {
        int kind = r.nextInt(26);
        String actor = pick(r, users, room, kind >= 9 && kind != 12 && kind < 17 || kind == 19 || kind == 23,
                null);
        String target = pick(r, users, room, false, actor);
        if (kind == 12 && !room.speakInvites().isEmpty() && r.nextInt(4) != 0) {
            actor = room.speakInvites().get(r.nextInt(room.speakInvites().size())).userId();
        }
        if (kind <= 3) {
            List<String> outside = users.stream().filter(id -> room.member(id).isEmpty()).toList();
            actor = outside.isEmpty() ? actor : outside.get(r.nextInt(outside.size()));
        }
        boolean staff = actor.equals(HOST) || actor.equals(MOD);
        return switch (kind) {
            case 0, 1, 2, 3 -> new Step(new Attendance.Join(actor, actor, staff, false, false, false,
                    r.nextInt(5) == 0 ? null : Rooms.NODE,
                    "v-" + actor + "-" + step), codes(ErrorCode.KICKED, ErrorCode.ROOM_FULL), actor);
            case 4 -> r.nextBoolean() ? new Step(new Attendance.Leave(actor), codes(), actor)
                    : new Step(new Attendance.Drop(actor, Rooms.NODE), codes(), actor);
            case 5 -> new Step(new Attendance.Lose(actor, drops.getOrDefault(actor, T0)), codes(), actor);
            case 6, 7 -> new Step(new MemberActions.RaiseHand(actor), codes(ErrorCode.CONFLICT, ErrorCode.FORBIDDEN),
                    actor);
            case 8 -> new Step(new MemberActions.LowerHand(actor), codes(), actor);
            case 9 -> new Step(new Moderation.Promote(actor, target),
                    codes(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT, ErrorCode.SPEAKERS_FULL), target);
            case 10 -> new Step(new Moderation.Demote(actor, target), codes(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT),
                    target);
            case 11 -> new Step(new StageInvites.Invite(actor, target), codes(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT),
                    target);
            case 12 -> new Step(new StageInvites.Answer(actor, r.nextInt(3) != 0),
                    codes(ErrorCode.CONFLICT, ErrorCode.SPEAKERS_FULL), actor);
            case 13 -> new Step(new Moderation.Mute(actor, target), codes(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT),
                    target);
            case 14 -> new Step(new Moderation.Kick(actor, target), codes(ErrorCode.FORBIDDEN), target);
            case 15 -> new Step(new Moderation.Ban(actor, target, true), codes(ErrorCode.FORBIDDEN), target);
            case 16 -> new Step(r.nextBoolean() ? new Moderation.MakeModerator(actor, target)
                    : new Moderation.RemoveModerator(actor, target),
                    codes(ErrorCode.FORBIDDEN, ErrorCode.CONFLICT, ErrorCode.SPEAKERS_FULL), target);
            case 17 -> new Step(new MemberActions.SpeakRequest(actor),
                    codes(ErrorCode.CONFLICT, ErrorCode.FORBIDDEN, ErrorCode.SPEAKERS_FULL), actor);
            case 18 -> new Step(r.nextBoolean() ? new MemberActions.MuteSelf(actor, r.nextBoolean())
                    : new MemberActions.Speaking(actor, r.nextBoolean()), codes(ErrorCode.FORBIDDEN), actor);
            case 20 -> new Step(new MemberActions.Chat(actor, Rooms.id("m" + step), "hello " + step), codes(), actor);
            case 21 -> new Step(new MemberActions.DeleteChat(actor, room.chat().isEmpty() || r.nextInt(4) == 0
                    ? Rooms.id("m" + r.nextInt(step + 1))
                    : room.chat().get(r.nextInt(room.chat().size())).messageId()), codes(ErrorCode.FORBIDDEN), actor);
            case 22 -> r.nextBoolean() ? new Step(new MemberActions.React(actor, "\uD83D\uDC4F"), codes(), actor)
                    : new Step(new MemberActions.Relay(actor, target, new LiveEvent.Reacted("r1", null)),
                    codes(ErrorCode.FORBIDDEN, ErrorCode.VALIDATION_FAILED), target);
            case 23 -> {
                if (r.nextBoolean() && !room.kicked().isEmpty()) {
                    yield new Step(new Moderation.Unban(actor, room.kicked().get(r.nextInt(room.kicked().size()))),
                            codes(ErrorCode.FORBIDDEN), null);
                }
                String knocker = room.knocks().isEmpty() ? target
                        : room.knocks().get(r.nextInt(room.knocks().size())).userId();
                yield new Step(new Moderation.AnswerKnock(actor, knocker, r.nextBoolean()),
                        codes(ErrorCode.FORBIDDEN), knocker);
            }
            case 24 -> new Step(new Moderation.Invite(actor, target, "Title", r.nextBoolean()),
                    codes(ErrorCode.FORBIDDEN, ErrorCode.BANNED, ErrorCode.KICKED), target);
            case 25 -> r.nextBoolean() ? new Step(new Attendance.Update(doc.withoutBanList()), codes(), null)
                    : new Step(new Attendance.ExpireLeases(T0.plusSeconds(step * 2L)), codes(), null);
            default -> r.nextInt(40) == 0 ? new Step(new Moderation.End(actor), codes(ErrorCode.FORBIDDEN), actor)
                    : new Step(new Moderation.DenyHand(actor, target), codes(ErrorCode.FORBIDDEN), target);
        };
    }

    /** Marks a command the reference model below does not predict. */
    private static final ErrorCode UNMODELED = ErrorCode.INTERNAL_ERROR;

    /**
     * The outcome the rules should give, written from docs/REALTIME.md's table rather than from the rule code:
     * the refusal code, null for allowed, {@link #UNMODELED} for commands only the invariants check.
     */
    private static ErrorCode expected(Command command, RoomSnapshot room, Room doc) {
        if (command instanceof Moderation.Promote p) {
            return onTarget(room, p.by(), p.userId(), false, t -> t.role().onStage()
                    ? ErrorCode.CONFLICT : !doc.permissions().mayPromoteDirectly() && !t.handRaised()
                    ? ErrorCode.FORBIDDEN : room.stageCount() >= doc.maxSpeakers() ? ErrorCode.SPEAKERS_FULL : null);
        }
        if (command instanceof Moderation.Demote d) {
            return onTarget(room, d.by(), d.userId(), false,
                    t -> t.role().onStage() ? null : ErrorCode.CONFLICT);
        }
        if (command instanceof Moderation.Mute m) {
            return onTarget(room, m.by(), m.userId(), false,
                    t -> t.role().onStage() ? null : ErrorCode.CONFLICT);
        }
        if (command instanceof Moderation.Kick k) {
            return onTarget(room, k.by(), k.userId(), false, t -> null);
        }
        if (command instanceof Moderation.DenyHand h) {
            return onTarget(room, h.by(), h.userId(), false, t -> null);
        }
        if (command instanceof StageInvites.Invite i) {
            return onTarget(room, i.by(), i.userId(), false,
                    t -> t.role().onStage() ? ErrorCode.CONFLICT : null);
        }
        if (command instanceof Moderation.MakeModerator m) {
            return onTarget(room, m.by(), m.userId(), true,
                    t -> t.role() == Role.MODERATOR || t.role().onStage() || room.stageCount() < doc.maxSpeakers()
                            ? null : ErrorCode.SPEAKERS_FULL);
        }
        if (command instanceof Moderation.RemoveModerator m) {
            return onTarget(room, m.by(), m.userId(), true,
                    t -> t.role() == Role.MODERATOR ? null : ErrorCode.CONFLICT);
        }
        if (command instanceof MemberActions.RaiseHand h) {
            return self(room, h.userId(), me -> me.role().onStage() ? ErrorCode.CONFLICT
                    : doc.permissions().allowHandRaise() ? null : ErrorCode.FORBIDDEN);
        }
        if (command instanceof MemberActions.MuteSelf m) {
            return self(room, m.userId(),
                    me -> me.role().onStage() ? null : ErrorCode.FORBIDDEN);
        }
        if (command instanceof MemberActions.Speaking m) {
            return self(room, m.userId(),
                    me -> me.role().onStage() ? null : ErrorCode.FORBIDDEN);
        }
        if (command instanceof MemberActions.DeleteChat d) {
            return self(room, d.userId(), me -> room.chatMessage(d.messageId()).isEmpty() ? ErrorCode.NOT_FOUND
                    : room.chatMessage(d.messageId()).orElseThrow().userId().equals(me.userId())
                    || me.role().canModerate() ? null : ErrorCode.FORBIDDEN);
        }
        if (command instanceof Moderation.End e) {
            return self(room, e.by(), me -> me.userId().equals(doc.createdBy())
                    && me.role() == Role.HOST ? null : ErrorCode.FORBIDDEN);
        }
        if (command instanceof Moderation.Invite i) {
            return self(room, i.by(), me -> !me.role().canModerate()
                    && !doc.privacy().allowInvites() ? ErrorCode.FORBIDDEN
                    : room.isKicked(i.userId()) ? ErrorCode.KICKED : null);
        }
        return UNMODELED;
    }

    private static ErrorCode self(RoomSnapshot room, String actor,
                                  java.util.function.Function<MemberState, ErrorCode> rule) {
        MemberState me = room.member(actor).orElse(null);
        return me == null ? ErrorCode.NOT_FOUND : rule.apply(me);
    }

    /** Acting on someone: a moderator (the host when {@code hostOnly}) on another, never on the host or a peer. */
    private static ErrorCode onTarget(RoomSnapshot room, String actor, String target, boolean hostOnly,
                                      java.util.function.Function<MemberState, ErrorCode> rule) {
        MemberState me = room.member(actor).orElse(null);
        if (me == null) {
            return ErrorCode.NOT_FOUND;
        }
        if (hostOnly ? me.role() != Role.HOST : me.role() != Role.HOST && me.role() != Role.MODERATOR) {
            return ErrorCode.FORBIDDEN;
        }
        MemberState them = room.member(target).orElse(null);
        if (them == null) {
            return ErrorCode.NOT_FOUND;
        }
        if (actor.equals(target) || them.role() == Role.HOST
                || me.role() == Role.MODERATOR && them.role() == Role.MODERATOR) {
            return ErrorCode.FORBIDDEN;
        }
        return rule.apply(them);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomCommandSequencesKeepTheRoomInvariants(long seed) {
        Random r = new Random(seed);
        Room room = room(r);
        List<String> users = new ArrayList<>(List.of(HOST, MOD));
        for (int i = 0; i < 5; i++) {
            users.add(Rooms.id("u" + i));
        }
        Instant now = T0;
        RoomSnapshot snapshot = RoomSnapshot.empty("r1");
        Map<String, Instant> drops = new HashMap<>();
        Set<String> removed = new LinkedHashSet<>();
        List<String> raisedOrder = new ArrayList<>();
        for (int step = 0; step < STEPS; step++) {
            if (snapshot.version() == 0 || snapshot.ended()) {
                // The store forgets an ended room: the creator opens it again with nobody kicked.
                snapshot = new Attendance.Join(HOST, HOST, true, false, false, false, Rooms.NODE, "v-host-" + step)
                        .decide(RoomSnapshot.empty("r1"), Rooms.ctx(room, now)).next();
                drops.clear();
                removed.clear();
                raisedOrder.clear();
            }
            now = now.plusMillis(1 + r.nextInt(5_000)); // distinct instants: the hand queue has one right order
            Step s = generate(r, users, snapshot, room, drops, step);
            String where = "seed " + seed + " step " + step + " " + s.command();
            RuleContext ctx = new RuleContext(room, now, Rooms.NODE, Duration.ofSeconds(30), 500);
            RoomSnapshot before = snapshot;
            RoomSnapshot copy = new RoomSnapshot(before.roomId(), before.version(), before.ended(), before.members(),
                    before.kicked(), before.approved(), before.knocks(), before.chat(), before.speakInvites(), before.media());
            ErrorCode expected = expected(s.command(), before, room);
            Decision d;
            try {
                d = s.command().decide(before, ctx);
            } catch (ApiException e) {
                assertThat(s.refusals()).as(where + " refused with " + e.code()).contains(e.code());
                if (expected != UNMODELED) {
                    assertThat(e.code()).as(where + ": the refusal the rules document").isEqualTo(expected);
                }
                assertThat(before).as(where + ": a refusal leaves the snapshot as it was").isEqualTo(copy);
                continue;
            }
            assertThat(before).as(where + ": the old snapshot is untouched").isEqualTo(copy);
            if (expected != UNMODELED) {
                assertThat(expected).as(where + ": allowed, but the rules say it is refused").isNull();
            }
            snapshot = d.next();
            if (snapshot != before) {
                assertThat(snapshot.version()).as(where).isEqualTo(before.version() + 1);
            }
            checkEvents(where, s.command(), before, d);
            if (s.command() instanceof Attendance.Drop && d.reply() != null) {
                drops.put(s.subject(), (Instant) d.reply());
            }
            if (s.command() instanceof Moderation.Unban u) {
                removed.remove(u.userId());
            }
            if (s.command() instanceof Moderation.Kick || s.command() instanceof Moderation.Ban) {
                removed.add(s.subject());
                assertThat(snapshot.member(s.subject())).as(where + ": the target is out").isEmpty();
            }
            if (s.command() instanceof Attendance.Join) {
                boolean in = ((JoinResult) d.reply()).status().equals(JoinResult.JOINED);
                assertThat(snapshot.member(s.subject()).isPresent()).as(where + ": in when joined").isEqualTo(in);
                assertThat(snapshot.knocking(s.subject())).as(where + ": knocking when pending").isEqualTo(!in);
            }
            if (s.command() instanceof MemberActions.Chat chat) {
                assertThat(snapshot.chatMessage(chat.messageId())).as(where + ": the line is kept").isPresent();
            }
            if (s.command() instanceof MemberActions.DeleteChat delete) {
                assertThat(snapshot.chatMessage(delete.messageId())).as(where + ": the line is gone").isEmpty();
            }
            if (s.command() instanceof Moderation.Promote) {
                assertThat(snapshot.member(s.subject()).orElseThrow().role()).as(where).isEqualTo(Role.SPEAKER);
            }
            checkInvariants(where, room, before, snapshot, s, removed, raisedOrder);
        }
    }

    /** Whoever must hear of a change hears of it: the event that says it comes with the decision. */
    private static void checkEvents(String where, Command command, RoomSnapshot before, Decision d) {
        List<Class<?>> kinds = d.events().stream().<Class<?>>map(Object::getClass).toList();
        RoomSnapshot after = d.next();
        if (command instanceof Moderation.Kick || command instanceof Moderation.Ban ban && ban.stored()) {
            assertThat(kinds).as(where).contains(LiveEvent.Kicked.class);
        }
        if (command instanceof Attendance.Join j && after.member(j.userId()).isPresent()
                && before.member(j.userId()).isEmpty()) {
            assertThat(kinds).as(where).contains(LiveEvent.Joined.class, LiveEvent.VisitOpened.class);
        }
        if (command instanceof Attendance.Join j && after.knocking(j.userId()) && !before.knocking(j.userId())) {
            assertThat(kinds).as(where).contains(LiveEvent.Knocked.class);
        }
        if (before.size() > after.size() && !after.ended()) {
            assertThat(kinds).as(where + ": someone left").contains(LiveEvent.Left.class, LiveEvent.VisitClosed.class);
        }
        if (after.ended() && !before.ended()) {
            assertThat(kinds).as(where).contains(LiveEvent.Ended.class);
        }
        for (MemberState m : after.members()) {
            MemberState was = before.member(m.userId()).orElse(null);
            if (was != null && was.role() != m.role()) {
                assertThat(d.events()).as(where + ": " + m.userId() + " changed role")
                        .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(LiveEvent.RoleChanged.class,
                                rc -> assertThat(rc.role()).isEqualTo(m.role())));
            }
            if (was != null && was.muted() != m.muted() && was.role() == m.role()) {
                assertThat(kinds).as(where + ": " + m.userId() + " mute changed").contains(LiveEvent.MuteChanged.class);
            }
            if (was != null && was.handRaised() != m.handRaised()) {
                assertThat(kinds).as(where + ": " + m.userId() + " hand moved")
                        .contains(m.handRaised() ? LiveEvent.HandRaised.class : LiveEvent.HandLowered.class);
            }
        }
        if (command instanceof MemberActions.Chat) {
            assertThat(kinds).as(where).contains(LiveEvent.ChatPosted.class);
        }
        if (command instanceof MemberActions.DeleteChat) {
            assertThat(kinds).as(where).contains(LiveEvent.ChatRemoved.class);
        }
        if (command instanceof MemberActions.React) {
            assertThat(kinds).as(where).contains(LiveEvent.Reacted.class);
        }
        if (command instanceof MemberActions.Relay relay) {
            assertThat(d.events()).as(where).containsExactly(relay.relayed());
        }
        if (command instanceof Moderation.AnswerKnock) {
            assertThat(kinds).as(where).contains(LiveEvent.KnockAnswered.class);
        }
        if (command instanceof StageInvites.Invite) {
            assertThat(kinds).as(where).contains(LiveEvent.SpeakInvited.class);
        }
        if (command instanceof Moderation.Invite invite) {
            assertThat(kinds.contains(LiveEvent.Invited.class)).as(where).isEqualTo(!invite.checkOnly());
        }
    }

    private static void checkInvariants(String where, Room room, RoomSnapshot before, RoomSnapshot after, Step s,
                                        Set<String> removed, List<String> raisedOrder) {
        if (after.ended()) {
            assertThat(after.members()).as(where + ": an ended room is empty").isEmpty();
            return;
        }
        assertThat(after.members()).as(where + ": exactly one host while the room lives")
                .filteredOn(m -> m.role() == Role.HOST).hasSize(1);
        assertThat(after.members()).extracting(MemberState::userId).as(where + ": each member once")
                .doesNotHaveDuplicates();
        // Hands: only the audience raises them, and the queue keeps the order they went up in.
        List<String> queue = after.handQueue().stream().map(MemberState::userId).toList();
        assertThat(after.handQueue()).as(where + ": only listeners in the hand queue")
                .allSatisfy(m -> assertThat(m.role()).isEqualTo(Role.LISTENER));
        List<String> expected = new ArrayList<>(raisedOrder);
        expected.retainAll(queue);
        List<String> fresh = queue.stream().filter(id -> !raisedOrder.contains(id)).toList();
        assertThat(fresh).as(where + ": one step raises one hand at most").hasSizeLessThanOrEqualTo(1);
        expected.addAll(fresh);
        assertThat(queue).as(where + ": hands are served oldest first").isEqualTo(expected);
        raisedOrder.clear();
        raisedOrder.addAll(expected);
        for (int i = 1; i < after.handQueue().size(); i++) {
            assertThat(after.handQueue().get(i).handRaisedAt()).as(where)
                    .isAfter(after.handQueue().get(i - 1).handRaisedAt());
        }
        // Seats: only a staff member's (re)join may take the room or the stage past its limit.
        boolean staffJoin = s.command() instanceof Attendance.Join j && j.staff();
        if (after.stageCount() > room.maxSpeakers() && after.stageCount() > before.stageCount()) {
            assertThat(staffJoin).as(where + ": the stage grew past maxSpeakers").isTrue();
        }
        if (after.size() > room.maxParticipants() && after.size() > before.size()) {
            assertThat(s.command() instanceof Attendance.Join j && room.isHost(j.userId()))
                    .as(where + ": the room grew past maxParticipants").isTrue();
        }
        // Kicked and banned people are out and stay out.
        assertThat(after.kicked()).as(where).containsExactlyInAnyOrderElementsOf(removed);
        assertThat(after.members()).extracting(MemberState::userId).as(where + ": nobody kicked or banned inside")
                .allSatisfy(id -> assertThat(removed).doesNotContain(id));
        // The audience has no microphone; a muted member does not speak.
        assertThat(after.members()).as(where).allSatisfy(m -> {
            if (!m.role().onStage()) {
                assertThat(m.muted()).as(m.userId() + " listener muted").isTrue();
            }
            if (m.muted()) {
                assertThat(m.speaking()).as(m.userId() + " muted and speaking").isFalse();
            }
        });
        assertThat(after.chat()).as(where + ": chat is bounded").hasSizeLessThanOrEqualTo(LiveRules.CHAT_HISTORY);
        assertThat(after.knocks()).as(where + ": nobody inside is knocking")
                .allSatisfy(k -> assertThat(after.member(k.userId())).isEmpty());
        assertThat(after.speakInvites()).as(where + ": invitations are for present members")
                .allSatisfy(i -> assertThat(after.member(i.userId())).isPresent());
    }
}
