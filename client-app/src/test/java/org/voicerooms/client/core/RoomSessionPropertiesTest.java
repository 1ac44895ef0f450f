package org.voicerooms.client.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.Hand;
import org.voicerooms.model.live.Payloads.HandLowered;
import org.voicerooms.model.live.Payloads.HandRaised;
import org.voicerooms.model.live.Payloads.JoinResult;
import org.voicerooms.model.live.Payloads.ParticipantJoined;
import org.voicerooms.model.live.Payloads.ParticipantLeft;
import org.voicerooms.model.live.Payloads.PeerLink;
import org.voicerooms.model.live.Payloads.RoleChanged;
import org.voicerooms.model.live.Payloads.RoomState;
import org.voicerooms.model.live.Topology;
import org.voicerooms.model.rooms.Participant;
import org.voicerooms.model.rooms.Role;
import org.voicerooms.model.rooms.Room;
import org.voicerooms.model.rooms.RoomCategory;
import org.voicerooms.model.rooms.RoomPermissions;
import org.voicerooms.model.rooms.RoomPrivacy;
import org.voicerooms.model.rooms.RoomStatus;
import org.voicerooms.model.rooms.RoomType;

/**
 * The room as a session sees it, over generated event sequences (each case a seed that reproduces it): people
 * come and go, raise and lower hands at random instants, go on and off stage. After every event the hand queue is
 * oldest first and holds only listeners who are present with their hand up, and the peers are exactly the people
 * the mesh rules connect this client to, each with the side that offers.
 */
class RoomSessionPropertiesTest {

    private static final String ROOM = "665f1c2ab3d4e5f60718293a";
    private static final Instant T0 = Instant.parse("2026-05-01T18:00:00Z");
    private static final String HOST = "a00000000000000000000000";

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 100);
    }

    private static Participant person(String id, Role role) {
        return new Participant(id, "P" + id, role, true, false, false, null, T0);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void handQueueAndPeersFollowTheRulesAfterEveryEvent(long seed) {
        Random r = new Random(seed);
        FakeRoomChannel channel = new FakeRoomChannel();
        RoomSession session = new RoomSession(channel, ROOM);
        String me = String.format("%024x", r.nextInt(1 << 20));
        Role myRole = Role.values()[1 + r.nextInt(3)]; // moderator, speaker or listener: the host is someone else
        Room room = new Room(ROOM, "Props", "", HOST, RoomType.PUBLIC, RoomCategory.CASUAL, 100, 10,
                new RoomPermissions(true, true, false), new RoomPrivacy(false, false, false), List.of(), List.of(),
                RoomStatus.ACTIVE, T0, null, null, 1, 1, 0, List.of(), null, false, null, T0, T0);
        session.join();
        channel.ok(channel.last(Events.JOIN), new JoinResult(JoinResult.JOINED, new RoomState(room,
                List.of(person(HOST, Role.HOST)), List.of(), person(me, myRole),
                List.of(new PeerLink(HOST, Topology.offers(me, HOST))), 0, 2, List.of(), java.util.Map.of())));

        // the server's side of the story, so that only sequences a server could send are generated (it takes
        // hands from listeners only)
        Map<String, Role> roles = new HashMap<>(Map.of(HOST, Role.HOST, me, myRole));
        List<String> people = new ArrayList<>(List.of(HOST));
        for (int step = 0; step < 60; step++) {
            String who = people.get(r.nextInt(people.size()));
            switch (r.nextInt(6)) {
                case 0 -> {
                    String id = String.format("%024x", 0x100000 + r.nextInt(1 << 20));
                    if (!people.contains(id) && !id.equals(me)) {
                        people.add(id);
                        roles.put(id, Role.LISTENER);
                        channel.push(Events.PARTICIPANT_JOINED, new ParticipantJoined(ROOM, person(id, Role.LISTENER)));
                    }
                }
                case 1 -> {
                    if (roles.get(who) == Role.LISTENER) {
                        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, who, T0.plusMillis(r.nextInt(100_000))));
                    }
                }
                case 2 -> channel.push(Events.HAND_LOWERED, new HandLowered(ROOM, who));
                case 3 -> {
                    if (!who.equals(HOST)) {
                        Role to = Role.values()[1 + r.nextInt(3)];
                        roles.put(who, to);
                        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, who, to, HOST));
                    }
                }
                case 4 -> {
                    if (!who.equals(HOST)) {
                        people.remove(who);
                        roles.remove(who);
                        channel.push(Events.PARTICIPANT_LEFT, new ParticipantLeft(ROOM, who, "left"));
                    }
                }
                default -> {
                    if (r.nextBoolean()) {
                        Role to = Role.values()[1 + r.nextInt(3)];
                        roles.put(me, to);
                        channel.push(Events.ROLE_CHANGED, new RoleChanged(ROOM, me, to, HOST));
                    } else if (roles.get(me) == Role.LISTENER) {
                        channel.push(Events.HAND_RAISED, new HandRaised(ROOM, me, T0.plusMillis(r.nextInt(100_000))));
                    }
                }
            }
            checkInvariants(session, me, "seed " + seed + " step " + step);
        }
    }

    private static void checkInvariants(RoomSession session, String me, String where) {
        List<Hand> queue = session.handQueue();
        assertThat(queue).as(where + ": oldest first").isSortedAccordingTo(
                Comparator.comparing(Hand::raisedAt).thenComparing(Hand::userId));
        assertThat(queue).extracting(Hand::userId).as(where + ": one hand each").doesNotHaveDuplicates();
        List<Participant> participants = session.participants();
        for (Hand h : queue) {
            Participant p = participants.stream().filter(q -> q.userId().equals(h.userId())).findFirst().orElse(null);
            if (p != null) {
                assertThat(p.role()).as(where + ": a hand in the queue belongs to a listener").isEqualTo(Role.LISTENER);
                assertThat(p.handRaised()).as(where + ": and is up").isTrue();
                assertThat(p.handRaisedAt()).isEqualTo(h.raisedAt());
            }
        }
        Participant self = session.you();
        List<PeerLink> expected = participants.stream()
                .filter(p -> !p.userId().equals(me) && Topology.connected(self.role(), p.role()))
                .map(p -> new PeerLink(p.userId(), Topology.offers(me, p.userId()))).toList();
        assertThat(session.peers()).as(where + ": peers").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(participants).extracting(Participant::userId).as(where).doesNotHaveDuplicates().contains(me);
    }
}
