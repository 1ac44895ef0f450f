package org.voicerooms.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.voicerooms.client.core.RoomSession.Change;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatDeleted;
import org.voicerooms.model.live.Payloads.ChatMessage;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.JoinRequested;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.MuteChanged;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.Muted;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.Promoted;
import org.voicerooms.model.live.Payloads.Reaction;
import org.voicerooms.model.live.Payloads.ReactionSend;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Payloads.RoomUpdated;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.live.Payloads.SpeakingChanged;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;

/** What a live session keeps of the room from each event, and what each action sends. */
class RoomSessionEventsTest {

    private static final String ROOM = "665f1c2ab3d4e5f60718293a";
    private static final String OTHER = "665f1c2ab3d4e5f60718293b";
    private static final Instant T0 = Instant.parse("2026-05-01T18:00:00Z");
    private static final String ME = "aaaaaaaaaaaaaaaaaaaaaaa5";
    private static final String HOST = "aaaaaaaaaaaaaaaaaaaaaaa2";
    private static final String ANN = "aaaaaaaaaaaaaaaaaaaaaaa7";
    private static final String HIDDEN = "aaaaaaaaaaaaaaaaaaaaaaa9";

    private final FakeRoomChannel channel = new FakeRoomChannel();
    private final List<Change> changes = new ArrayList<>();
    private RoomSession session;

    private static Room room(String title) {
        return new Room(ROOM, title, "", HOST, RoomType.PUBLIC, RoomCategory.GAMING, 50, 5,
                new RoomPermissions(true, true, false), new RoomPrivacy(false, true, false), List.of(), List.of(),
                RoomStatus.ACTIVE, T0, null, null, 2, 2, 0, List.of(), null, false, null, T0, T0);
    }

    private static Participant person(String id, Role role, boolean muted) {
        return new Participant(id, "P" + id.substring(23), role, muted, false, false, null, T0);
    }

    /** Live as a speaker with the host; the server also linked us to a listener we cannot see (hidden audience). */
    @BeforeEach
    void live() {
        session = new RoomSession(channel, ROOM);
        session.addListener(changes::add);
        session.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, new RoomState(room("Games"),
                List.of(person(HOST, Role.HOST, false)), List.of(), person(ME, Role.SPEAKER, false),
                List.of(new PeerLink(HOST, false), new PeerLink(HIDDEN, true)), 3, 2, List.of(), java.util.Map.of())));
        changes.clear();
    }

    private Participant get(String id) {
        return session.participants().stream().filter(p -> p.userId().equals(id)).findFirst().orElse(null);
    }

    @Test
    void peopleComeAndGoWithTheirLinks() {
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(ANN, Role.LISTENER, true)));
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(OTHER, person("aaaaaaaaaaaaaaaaaaaaaaab",
                Role.LISTENER, true)));
        assertThat(session.participants()).extracting(Participant::userId).containsExactly(HOST, ME, ANN);
        // a speaker links to every listener; the hidden listener the server gave us stays
        assertThat(session.peers()).containsExactlyInAnyOrder(new PeerLink(HOST, false), new PeerLink(ANN, true),
                new PeerLink(HIDDEN, true));
        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, ANN, T0.plusSeconds(5)));
        assertThat(session.handQueue()).singleElement().satisfies(h -> assertThat(h.displayName()).isEqualTo("P7"));

        channel.push(Events.PARTICIPANT_LEFT, new ParticipantLeft(ROOM, ANN, "left"));
        assertThat(get(ANN)).isNull();
        assertThat(session.handQueue()).isEmpty();
        assertThat(session.peers()).extracting(PeerLink::peerId).containsExactlyInAnyOrder(HOST, HIDDEN);
        assertThat(changes).extracting(Change::kind).containsExactly("joined", "hand-raised", "left");
        assertThat(changes.get(2)).isEqualTo(new Change("left", ANN, "left"));
    }

    @Test
    void aPageListsWhoIsStillHereAndCountsFollowTheRoom() {
        // the state: 3 listeners, 2 visible people listed (host, me): the hidden listener and one more unlisted
        assertThat(session.unlisted()).isZero();
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(ANN, Role.LISTENER, true)));
        assertThat(session.audienceCount()).isEqualTo(4);
        String gone = "aaaaaaaaaaaaaaaaaaaaaaac";
        String stays = "aaaaaaaaaaaaaaaaaaaaaaad";
        channel.push(Events.PARTICIPANT_LEFT, new ParticipantLeft(ROOM, gone, "left"));
        assertThat(session.audienceCount()).as("someone unlisted left the audience").isEqualTo(3);

        // a page read before the leave arrives after it: the one who left does not come back
        session.addListed(List.of(person(gone, Role.LISTENER, true), person(stays, Role.LISTENER, true),
                person(ANN, Role.LISTENER, false)));
        assertThat(get(gone)).isNull();
        assertThat(get(stays)).isNotNull();
        assertThat(get(ANN).muted()).as("what the events said stays").isTrue();
        assertThat(changes).last().isEqualTo(new Change("listed", null, "1"));

        // someone never listed is moved on stage: listed there by the name the event carries, muted
        String late = "aaaaaaaaaaaaaaaaaaaaaaae";
        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, late, Role.SPEAKER, HOST, "Late Lee", true));
        assertThat(get(late)).satisfies(p -> {
            assertThat(p.displayName()).isEqualTo("Late Lee");
            assertThat(p.role()).isEqualTo(Role.SPEAKER);
            assertThat(p.muted()).isTrue();
        });
        assertThat(session.audienceCount()).isEqualTo(2);
        assertThat(session.peers()).as("a speaker links to the new speaker").extracting(PeerLink::peerId)
                .contains(late);
    }

    @Test
    void goingDownToTheAudienceDropsListenerLinksAndMutes() {
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(ANN, Role.LISTENER, true)));
        channel.push(Events.SPEAKING_CHANGED, new SpeakingChanged(ROOM, ME, true));
        assertThat(session.you().speaking()).isTrue();
        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, ME, Role.LISTENER, HOST));
        assertThat(session.you().role()).isEqualTo(Role.LISTENER);
        assertThat(session.you().muted()).as("off stage means muted").isTrue();
        assertThat(session.you().speaking()).isFalse();
        assertThat(session.peers()).as("listeners link to the stage only, hidden listeners dropped")
                .containsExactly(new PeerLink(HOST, false));
        assertThat(changes).last().isEqualTo(new Change("role", ME, "listener"));
    }

    @Test
    void muteSpeakingAndModerationNoticesAreKept() {
        channel.push(Events.MUTE_CHANGED, new MuteChanged(ROOM, HOST, true, HOST));
        assertThat(get(HOST).muted()).isTrue();
        channel.push(Events.SPEAKING_CHANGED, new SpeakingChanged(ROOM, HOST, true));
        assertThat(get(HOST).speaking()).isTrue();
        channel.push(Events.MUTE_CHANGED, new MuteChanged(OTHER, HOST, false, HOST));
        assertThat(get(HOST).muted()).isTrue();
        channel.push(Events.MUTED, new Muted(ROOM, HOST, "muted"));
        channel.push(Events.PROMOTED, new Promoted(ROOM, Role.MODERATOR, HOST));
        channel.push(Events.HAND_LOWERED, new HandLowered(ROOM, ME));
        assertThat(changes).containsExactly(new Change("mute", HOST, "true"), new Change("speaking", HOST, "true"),
                new Change("muted-by", HOST, null), new Change("promoted", HOST, "moderator"),
                new Change("hand-lowered", ME, null));
    }

    @Test
    void knocksListWhoWaitsUntilTheyAreInOrAnswered() {
        channel.push(Events.JOIN_REQUESTED, new JoinRequested(ROOM, ANN, "Ann", T0));
        channel.push(Events.JOIN_REQUESTED, new JoinRequested(ROOM, HIDDEN, "Hid", T0.plusSeconds(1)));
        assertThat(session.knocks()).extracting(JoinRequested::userId).containsExactly(ANN, HIDDEN);
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(ANN, Role.LISTENER, true)));
        assertThat(session.knocks()).extracting(JoinRequested::userId).containsExactly(HIDDEN);
        session.answerKnock(HIDDEN, false);
        assertThat(channel.last(Events.JOIN_DENY).payload()).isEqualTo(new Target(ROOM, HIDDEN));
        assertThat(session.knocks()).isEmpty();
        session.answerKnock(ANN, true);
        assertThat(channel.last(Events.JOIN_APPROVE).payload()).isEqualTo(new Target(ROOM, ANN));
        assertThat(changes.get(0)).isEqualTo(new Change("knock", ANN, "Ann"));
    }

    @Test
    void chatKeepsTheLatestTwoHundredAndForgetsDeletedLines() {
        for (int i = 0; i < 205; i++) {
            channel.push(Events.CHAT_MESSAGE, new ChatMessage(ROOM, "m" + i, HOST, "Host", "line " + i,
                    T0.plusSeconds(i)));
        }
        assertThat(session.chatMessages()).hasSize(200);
        assertThat(session.chatMessages().get(0).messageId()).isEqualTo("m5");
        channel.push(Events.CHAT_DELETED, new ChatDeleted(ROOM, "m7", HOST));
        channel.push(Events.CHAT_DELETED, new ChatDeleted(OTHER, "m8", HOST));
        assertThat(session.chatMessages()).hasSize(199).extracting(ChatMessage::messageId).doesNotContain("m7")
                .contains("m8");
        channel.push(Events.REACTION_SENT, new Reaction(ROOM, HOST, "🎉", T0));
        assertThat(changes).contains(new Change("chat", HOST, "line 0"), new Change("chat-deleted", null, "m7"))
                .last().isEqualTo(new Change("reaction", HOST, "🎉"));
        channel.push(Events.UPDATED, new RoomUpdated(room("Renamed")));
        assertThat(session.room().title()).isEqualTo("Renamed");
        assertThat(changes).last().isEqualTo(new Change("room", null, null));
    }

    @Test
    void eachActionSendsItsEventForThisRoomAndAnswersWithTheServersAnswer() {
        assertThat(session.raiseHand()).isSameAs(channel.last(Events.HAND_RAISE).answer());
        assertThat(channel.last(Events.HAND_RAISE).payload()).isEqualTo(new RoomRef(ROOM));
        assertThat(session.lowerHand()).isSameAs(channel.last(Events.HAND_LOWER).answer());
        assertThat(channel.last(Events.HAND_LOWER).payload()).isEqualTo(new RoomRef(ROOM));
        assertThat(session.setMuted(true)).isSameAs(channel.last(Events.MUTE_TOGGLE).answer());
        assertThat(channel.last(Events.MUTE_TOGGLE).payload()).isEqualTo(new MuteToggle(ROOM, true));
        assertThat(session.speaking(true)).isSameAs(channel.last(Events.SPEAKING).answer());
        assertThat(channel.last(Events.SPEAKING).payload()).isEqualTo(new Speaking(ROOM, true));
        assertThat(session.promote(ANN)).isSameAs(channel.last(Events.PROMOTE).answer());
        assertThat(channel.last(Events.PROMOTE).payload()).isEqualTo(new Target(ROOM, ANN));
        assertThat(session.demote(ANN)).isSameAs(channel.last(Events.DEMOTE).answer());
        assertThat(channel.last(Events.DEMOTE).payload()).isEqualTo(new Target(ROOM, ANN));
        assertThat(session.kick(ANN)).isSameAs(channel.last(Events.KICK).answer());
        assertThat(channel.last(Events.KICK).payload()).isEqualTo(new Target(ROOM, ANN));
        assertThat(session.moderate(Events.BAN, ANN)).isSameAs(channel.last(Events.BAN).answer());
        assertThat(channel.last(Events.BAN).payload()).isEqualTo(new Target(ROOM, ANN));
        assertThat(session.chat("hi")).isSameAs(channel.last(Events.CHAT).answer());
        assertThat(channel.last(Events.CHAT).payload()).isEqualTo(new ChatSend(ROOM, "hi"));
        assertThat(session.react("👍")).isSameAs(channel.last(Events.REACTION).answer());
        assertThat(channel.last(Events.REACTION).payload()).isEqualTo(new ReactionSend(ROOM, "👍"));
        assertThat(session.answerKnock(ANN, true)).isSameAs(channel.last(Events.JOIN_APPROVE).answer());
        assertThat(session.end()).isSameAs(channel.last(Events.END).answer());
        assertThat(channel.last(Events.END).payload()).isEqualTo(new RoomRef(ROOM));
        assertThat(session.roomId()).isEqualTo(ROOM);
        assertThat(session.status()).isEqualTo(RoomSession.Status.LIVE);
        assertThat(session.leave()).isSameAs(channel.last(Events.LEAVE).answer());
    }

    @Test
    void closingLeavesOnceAndRemovesEveryHandler() {
        session.close();
        assertThat(channel.last(Events.LEAVE).payload()).isEqualTo(new RoomRef(ROOM));
        int sent = channel.calls.size();
        assertThat(session.status()).isEqualTo(RoomSession.Status.LEFT);
        assertThat(channel.attached()).isZero();
        session.close();
        assertThat(channel.calls).hasSize(sent);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersAndARemovedOneHearsNothing() {
        List<Change> second = new ArrayList<>();
        List<Change> removed = new ArrayList<>();
        java.util.function.Consumer<Change> gone = removed::add;
        RoomSession s = new RoomSession(channel, OTHER);
        s.addListener(c -> {
            throw new IllegalStateException("a broken screen");
        });
        s.addListener(second::add);
        s.addListener(gone);
        s.removeListener(gone);
        s.join();
        channel.refuse(channel.last(Events.JOIN), ErrorCode.FORBIDDEN);
        assertThat(second).containsExactly(new Change("status", null, "LEFT"));
        assertThat(removed).isEmpty();
    }

    @Test
    void errorOfFindsTheTypedErrorUnderWrappers() {
        ApiError denied = new ApiError(ErrorCode.FORBIDDEN, "no", null);
        Throwable wrapped = new java.util.concurrent.CompletionException(new RuntimeException(
                new ApiException(denied)));
        assertThat(RoomSession.errorOf(wrapped)).isEqualTo(denied);
        ApiError other = RoomSession.errorOf(new IllegalStateException("boom"));
        assertThat(other.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(other.message()).contains("boom");
        CompletableFuture<?> f = CompletableFuture.failedFuture(new ApiException(ErrorCode.ROOM_FULL, "full"));
        assertThat(RoomSession.errorOf(f.handle((v, e) -> e).join()).code()).isEqualTo(ErrorCode.ROOM_FULL);
    }
}
