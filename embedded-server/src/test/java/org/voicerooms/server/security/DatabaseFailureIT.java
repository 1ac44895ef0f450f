package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Map;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.server.live.LiveRoomFixture;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a database failure halfway through a join or a kick leaves the room in a state nobody chose (a joiner
 * told "no" but inside and announced; a kick stored but the kicked still in the room). The server talks to a
 * MongoDB-wire database of this test's own, which fails the one command named in {@code failing}. A join or a
 * kick now makes its one decisive write first (the visit, the kick): when that fails nothing changed; what follows
 * (join statistics, the invitation's revocation) never blocks or half-undoes it.
 */
class DatabaseFailureIT {

    /**
     * The database, in a class of its own: its threads read {@code failing} while this test class is still being
     * initialized (the server starts in a static field), which would wait for that initialization forever.
     */
    private static final class Faulty {
        /** "command collection" that fails, e.g. "findAndModify rooms"; null: none. */
        static volatile String failing;
        static final MongoServer DATABASE = new MongoServer(new H2Backend(new MVStore.Builder().open()) {
            @Override
            public Document handleCommand(Channel channel, String database, String command, Document query) {
                String what = command + " " + query.get(command);
                if (what.equalsIgnoreCase(failing)) {
                    throw new MongoServerError(91, "ShutdownInProgress", "the test failed " + what);
                }
                return super.handleCommand(channel, database, command, query);
            }
        });
        static final InetSocketAddress ADDRESS;

        static {
            DATABASE.bind(new InetSocketAddress("127.0.0.1", 0));
            ADDRESS = DATABASE.getLocalAddress();
        }

        static void fail(String what) {
            failing = what;
        }
    }

    @RegisterExtension
    static final TestServer server = TestServer.start(b -> b.mongoUri("mongodb://127.0.0.1:" + Faulty.ADDRESS.getPort()));

    @AfterEach
    void heal() {
        Faulty.fail(null);
    }

    @AfterAll
    static void stopDatabase() {
        Faulty.DATABASE.shutdownNow();
    }

    private static LiveRoomFixture room() {
        return new LiveRoomFixture(server, Map.of("title", "Fragile"));
    }

    private static boolean inRoom(Person viewer, String roomId, String userId) {
        JsonNode state = LiveRoomFixture.ok(viewer.live().call(Events.JOIN, new JoinRoom(roomId))).path("state");
        for (JsonNode p : state.path("participants")) {
            if (p.path("userId").asText().equals(userId)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aJoinWhoseVisitCannotBeWrittenChangesNothing() {
        try (LiveRoomFixture room = room()) {
            Person joiner = room.outsider("Joiner");
            Faulty.fail("insert participations");
            JsonNode ack = joiner.live().call(Events.JOIN, new JoinRoom(room.roomId));
            Faulty.fail(null);
            assertThat(LiveRoomFixture.code(ack)).as("the joiner hears a typed error").isNotEmpty();
            assertThat(inRoom(room.host, room.roomId, joiner.id())).as("a refused joiner is not inside").isFalse();
            room.host.live().barrier();
            assertThat(room.host.live().all(Events.PARTICIPANT_JOINED)).as("nobody was told of them").noneMatch(
                    e -> e.path("participant").path("userId").asText().equals(joiner.id()));
        }
    }

    @Test
    void aJoinWhoseStatisticsCannotBeWrittenIsAWholeJoin() {
        try (LiveRoomFixture room = room()) {
            Person joiner = room.outsider("Joiner");
            Faulty.fail("findAndModify rooms"); // totalJoins and peakParticipants, after the visit
            JsonNode ack = joiner.live().call(Events.JOIN, new JoinRoom(room.roomId));
            Faulty.fail(null);
            assertThat(ack.path("ok").asBoolean()).as("the joiner is told they are in: " + ack).isTrue();
            assertThat(inRoom(room.host, room.roomId, joiner.id())).as("and they are").isTrue();
        }
    }

    /** The host kicks {@code target} while the database fails {@code what}; the kicker's answer. */
    private static JsonNode kickFailing(LiveRoomFixture room, Person target, String what) {
        Faulty.fail(what);
        try {
            return room.call(room.host, Events.KICK, target);
        } finally {
            Faulty.fail(null);
        }
    }

    @Test
    void aKickThatCannotBeStoredChangesNothing() {
        try (LiveRoomFixture room = room()) {
            Person target = room.listener("Target");
            JsonNode ack = kickFailing(room, target, "findAndModify rooms");
            assertThat(LiveRoomFixture.code(ack)).as("the kicker hears a typed error: " + ack).isNotEmpty();
            assertThat(inRoom(room.host, room.roomId, target.id())).as("the target is still inside").isTrue();
            target.live().barrier();
            assertThat(target.live().all(Events.KICKED)).as("the target was not told of a kick").isEmpty();
            LiveRoomFixture.ok(target.live().call(Events.JOIN, new JoinRoom(room.roomId)));
        }
    }

    @Test
    void aStoredKickWhoseInvitationCannotBeRevokedIsAWholeKick() {
        try (LiveRoomFixture room = room()) {
            Person target = room.listener("Target");
            JsonNode ack = kickFailing(room, target, "delete invites");
            LiveRoomFixture.ok(ack);
            target.live().await(Events.KICKED);
            assertThat(inRoom(room.host, room.roomId, target.id())).as("the kicked is out").isFalse();
            assertThat(LiveRoomFixture.code(target.live().call(Events.JOIN, new JoinRoom(room.roomId))))
                    .isEqualTo("KICKED");
        }
    }
}
