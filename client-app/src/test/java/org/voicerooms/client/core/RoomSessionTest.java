package org.voicerooms.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.voicerooms.client.core.RoomSession.Status;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.MediaPayloads;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.JoinAnswered;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.Kicked;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomEnded;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;

/**
 * RoomSession's state machine against a fake connection the test answers step by step: which answer or event
 * takes a visit to which status, and that a finished visit stays finished.
 */
class RoomSessionTest {

    private static final String ROOM = "665f1c2ab3d4e5f60718293a";
    private static final String OTHER_ROOM = "665f1c2ab3d4e5f60718293b";
    private static final Instant T0 = Instant.parse("2026-05-01T18:00:00Z");
    private static final String ME = "aaaaaaaaaaaaaaaaaaaaaaa1";
    private static final String HOST = "aaaaaaaaaaaaaaaaaaaaaaa2";

    private final FakeRoomChannel channel = new FakeRoomChannel();
    private RoomSession session;
    private final List<String> statuses = new ArrayList<>();

    @BeforeEach
    void open() {
        session = new RoomSession(channel, ROOM);
        session.addListener(c -> {
            if (c.kind().equals("status")) {
                statuses.add(c.detail());
            }
        });
    }

    private static Room room(String id) {
        return new Room(id, "Board games", "", HOST, RoomType.PUBLIC, RoomCategory.GAMING, 50, 5,
                new RoomPermissions(true, true, false), new RoomPrivacy(false, false, false), List.of(), List.of(),
                RoomStatus.ACTIVE, T0, null, null, 2, 2, 0, List.of(), null, false, null, T0, T0);
    }

    private static Participant person(String id, Role role) {
        return new Participant(id, "P" + id.substring(23), role, true, false, false, null, T0);
    }

    private static RoomState state(String roomId, Role myRole) {
        return new RoomState(room(roomId), List.of(person(HOST, Role.HOST)), List.of(), person(ME, myRole),
                List.of(new PeerLink(HOST, false)), 1, 2, List.of(), java.util.Map.of());
    }

    private CompletableFuture<Status> joinLive() {
        CompletableFuture<Status> joined = session.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(ROOM, Role.LISTENER)));
        assertThat(joined).isCompletedWithValue(Status.LIVE);
        return joined;
    }

    @Test
    void theMediaPlanComesFromTheStateAndFollowsRoomMedia() {
        joinLive();
        assertThat(session.media().onSfu()).as("a state without a descriptor is a mesh").isFalse();
        List<String> kinds = new java.util.ArrayList<>();
        session.addListener(c -> kinds.add(c.kind() + ":" + c.detail()));

        channel.push(Events.MEDIA, new MediaPayloads.MediaChanged(ROOM,
                MediaPayloads.MediaDescriptor.sfu(MediaPayloads.MediaDescriptor.LARGE_ROOM)));
        assertThat(session.media().onSfu()).isTrue();
        assertThat(kinds).containsExactly("media:sfu");
        channel.push(Events.PARTICIPANT_JOINED, new org.voicerooms.model.live.Payloads.ParticipantJoined(ROOM,
                person("0000000000000000000000c1", Role.SPEAKER)));
        assertThat(session.peers()).as("on the SFU nobody new is linked; the old links stay for the move")
                .containsExactly(new PeerLink(HOST, false));

        channel.push(Events.MEDIA, new MediaPayloads.MediaChanged(ROOM,
                MediaPayloads.MediaDescriptor.mesh(MediaPayloads.MediaDescriptor.SFU_UNAVAILABLE)));
        assertThat(session.media().reason()).isEqualTo("sfu-unavailable");
        assertThat(session.peers()).extracting(PeerLink::peerId).as("back to a mesh: links follow the people")
                .containsExactlyInAnyOrder(HOST, "0000000000000000000000c1");
        channel.push(Events.MEDIA, new MediaPayloads.MediaChanged(OTHER_ROOM,
                MediaPayloads.MediaDescriptor.sfu(MediaPayloads.MediaDescriptor.LARGE_ROOM)));
        assertThat(session.media().onSfu()).as("another room's plan").isFalse();
    }

    @Test
    void aJoinAnsweredWithTheStateIsLive() {
        CompletableFuture<Status> joined = session.join();
        assertThat(session.status()).isEqualTo(Status.JOINING);
        assertThat(channel.last(Events.JOIN).payload()).isEqualTo(new JoinRoom(ROOM));
        assertThat(joined).isNotDone();

        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(ROOM, Role.LISTENER)));

        assertThat(joined).isCompletedWithValue(Status.LIVE);
        assertThat(session.you().userId()).isEqualTo(ME);
        assertThat(session.participants()).extracting(Participant::userId).containsExactly(HOST, ME);
        assertThat(session.peers()).containsExactly(new PeerLink(HOST, false));
        assertThat(session.audienceCount()).isEqualTo(1);
        assertThat(statuses).containsExactly("LIVE");
    }

    @Test
    void aKnockWaitsThenAnApprovalJoinsAndADenialLeaves() {
        session.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.PENDING, null));
        assertThat(session.status()).isEqualTo(Status.WAITING);
        assertThat(session.reason()).isEqualTo("knocked");

        channel.push(Events.JOIN_ANSWERED, new JoinAnswered(OTHER_ROOM, false)); // someone else's door
        assertThat(session.status()).isEqualTo(Status.WAITING);

        int sent = channel.calls.size();
        channel.push(Events.JOIN_ANSWERED, new JoinAnswered(ROOM, true));
        assertThat(channel.calls).hasSize(sent + 1);
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(ROOM, Role.LISTENER)));
        assertThat(session.status()).isEqualTo(Status.LIVE);

        RoomSession denied = new RoomSession(channel, OTHER_ROOM);
        denied.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.PENDING, null));
        channel.push(Events.JOIN_ANSWERED, new JoinAnswered(OTHER_ROOM, false));
        assertThat(denied.status()).isEqualTo(Status.LEFT);
        assertThat(denied.reason()).isEqualTo("denied");
        assertThat(session.status()).isEqualTo(Status.LIVE);
    }

    /** A rejoin after a dropped connection that the server refuses: the code decides where the visit ends. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "NOT_FOUND, LEFT",
            "FORBIDDEN, LEFT",
            "ROOM_FULL, LEFT",
            "KICKED, KICKED",
            "BANNED, KICKED",
            "ROOM_ENDED, ENDED"})
    void aRejoinRefusedAfterADisconnectEndsTheVisit(ErrorCode refusal, Status end) {
        joinLive();
        channel.disconnect("transport close", true);
        assertThat(session.status()).isEqualTo(Status.RECONNECTING);
        assertThat(session.reason()).isEqualTo("transport close");

        channel.reconnect();
        CompletableFuture<?> rejoin = channel.last(Events.JOIN).answer();
        channel.refuse(channel.last(Events.JOIN), refusal);

        assertThat(rejoin).isCompletedExceptionally();
        assertThat(session.status()).isEqualTo(end);
        assertThat(session.reason()).isEqualTo(refusal.name());
        assertThat(session.peers()).isEmpty();
        assertThat(statuses).containsExactly("LIVE", "RECONNECTING", end.name());
        assertThat(channel.attached()).as("a finished visit leaves no handler behind").isZero();
    }

    @Test
    void aRejoinThatGetsNoAnswerKeepsReconnectingAndTheNextConnectTriesAgain() {
        joinLive();
        channel.disconnect("ping timeout", true);
        channel.reconnect();
        channel.refuse(channel.last(Events.JOIN), ErrorCode.SERVICE_UNAVAILABLE);
        assertThat(session.status()).isEqualTo(Status.RECONNECTING);

        channel.reconnect();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(ROOM, Role.SPEAKER)));
        assertThat(session.status()).isEqualTo(Status.LIVE);
        assertThat(session.you().role()).isEqualTo(Role.SPEAKER);
        assertThat(statuses).containsExactly("LIVE", "RECONNECTING", "LIVE");
    }

    @Test
    void aDisconnectWithoutRetryLeaves() {
        joinLive();
        channel.disconnect("io client disconnect", false);
        assertThat(session.status()).isEqualTo(Status.LEFT);
        assertThat(session.reason()).isEqualTo("io client disconnect");
        channel.reconnect();
        assertThat(channel.calls).as("no rejoin after leaving").hasSize(1);
    }

    @Test
    void beingKickedOrBannedIsKickedAndARoomEndingIsEnded() {
        joinLive();
        channel.push(Events.KICKED, new Kicked(OTHER_ROOM, HOST, true, "banned"));
        assertThat(session.status()).isEqualTo(Status.LIVE);
        channel.push(Events.KICKED, new Kicked(ROOM, HOST, true, "banned"));
        assertThat(session.status()).isEqualTo(Status.KICKED);
        assertThat(session.reason()).isEqualTo("banned");

        RoomSession kicked = new RoomSession(channel, OTHER_ROOM);
        kicked.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(OTHER_ROOM, Role.SPEAKER)));
        channel.push(Events.KICKED, new Kicked(OTHER_ROOM, HOST, false, "kicked"));
        assertThat(kicked.status()).isEqualTo(Status.KICKED);
        assertThat(kicked.reason()).isEqualTo("kicked");

        RoomSession ended = new RoomSession(channel, OTHER_ROOM);
        ended.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, state(OTHER_ROOM, Role.SPEAKER)));
        channel.push(Events.ENDED, new RoomEnded(OTHER_ROOM, "host-ended"));
        assertThat(ended.status()).isEqualTo(Status.ENDED);
        assertThat(ended.reason()).isEqualTo("host-ended");
    }

    @Test
    void aFinishedVisitStaysFinished() {
        joinLive();
        channel.push(Events.ENDED, new RoomEnded(ROOM, "time-limit"));
        assertThat(session.status()).isEqualTo(Status.ENDED);

        channel.push(Events.STATE, state(ROOM, Role.HOST)); // a late state
        channel.reconnect();
        assertThat(session.status()).isEqualTo(Status.ENDED);
        assertThat(session.you().role()).isEqualTo(Role.LISTENER);

        CompletableFuture<Status> again = session.join();
        assertThat(again).isCompletedExceptionally();
        assertThat(RoomSession.errorOf(again.handle((s, e) -> e).join()).code()).isEqualTo(ErrorCode.CONFLICT);
        assertThat(statuses).containsExactly("LIVE", "ENDED");
    }

    @Test
    void aJoinAnsweredAfterLeavingIsIgnored() {
        CompletableFuture<Status> joined = session.join();
        FakeRoomChannel.Call join = channel.last(Events.JOIN);
        session.leave();
        assertThat(channel.last(Events.LEAVE).payload()).isEqualTo(new RoomRef(ROOM));
        channel.ok(join, new JoinResult(JoinResult.JOINED, state(ROOM, Role.LISTENER)));
        assertThat(joined).isCompletedWithValue(Status.LEFT);
        assertThat(session.you()).isNull();
        assertThat(session.participants()).isEmpty();
    }

    @Test
    void handsQueueOldestFirstWhateverOrderTheyArrive() {
        joinLive();
        String a = "aaaaaaaaaaaaaaaaaaaaaaa3";
        String b = "aaaaaaaaaaaaaaaaaaaaaaa4";
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(a, Role.LISTENER)));
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(b, Role.LISTENER)));
        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, b, T0.plusSeconds(20)));
        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, ME, T0.plusSeconds(30)));
        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, a, T0.plusSeconds(10)));
        assertThat(session.handQueue()).extracting(Hand::userId).containsExactly(a, b, ME);
        assertThat(session.you().handRaised()).isTrue();

        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, a, Role.SPEAKER, HOST));
        assertThat(session.handQueue()).extracting(Hand::userId).containsExactly(b, ME);
        Participant promoted = session.participants().stream().filter(p -> p.userId().equals(a)).findFirst()
                .orElseThrow();
        assertThat(promoted.role()).isEqualTo(Role.SPEAKER);
        assertThat(promoted.handRaised()).isFalse();
        // a listener connects to the stage only: the new speaker, not the other listener
        assertThat(session.peers()).extracting(PeerLink::peerId).containsExactlyInAnyOrder(HOST, a);
    }

    @Test
    void aStatePushedMidVisitReplacesPeopleAndHandsAndOtherRoomsStatesAreIgnored() {
        joinLive();
        String a = "aaaaaaaaaaaaaaaaaaaaaaa3";
        String b = "aaaaaaaaaaaaaaaaaaaaaaa4";
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(a, Role.LISTENER)));
        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, a, T0.plusSeconds(10)));
        List<String> seen = new ArrayList<>();
        session.addListener(change -> seen.add(change.kind()));

        RoomState fresh = new RoomState(room(ROOM), List.of(person(HOST, Role.HOST), person(b, Role.LISTENER)),
                List.of(new Hand(b, "Pb", T0.plusSeconds(40))), person(ME, Role.LISTENER),
                List.of(new PeerLink(HOST, false)), 2, 3, List.of(), java.util.Map.of());
        channel.push(Events.STATE, fresh);
        assertThat(session.participants()).extracting(Participant::userId).containsExactlyInAnyOrder(HOST, b, ME);
        assertThat(session.handQueue()).extracting(Hand::userId).containsExactly(b);
        assertThat(seen).contains("state");

        seen.clear();
        channel.push(Events.STATE, state("665f1c2ab3d4e5f60718299f", Role.LISTENER));
        assertThat(session.participants()).extracting(Participant::userId).containsExactlyInAnyOrder(HOST, b, ME);
        assertThat(seen).as("another room's state changes nothing").isEmpty();
    }

    @Test
    void aSpeakerMovedToTheAudienceIsMutedSilentAndHandless() {
        joinLive();
        String a = "aaaaaaaaaaaaaaaaaaaaaaa3";
        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM,
                new Participant(a, "Pa", Role.SPEAKER, false, true, false, null, T0)));
        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, a, Role.LISTENER, HOST));
        Participant down = session.participants().stream().filter(p -> p.userId().equals(a)).findFirst()
                .orElseThrow();
        assertThat(down.role()).isEqualTo(Role.LISTENER);
        assertThat(down.muted()).isTrue();
        assertThat(down.speaking()).isFalse();
        assertThat(down.handRaised()).isFalse();
    }
}
