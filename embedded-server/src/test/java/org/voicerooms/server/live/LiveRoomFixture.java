package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.JoinRoom;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
import org.voicerooms.server.testing.TestServer;

/** People with live connections in one room, for the live-room integration tests; closes every connection. */
public final class LiveRoomFixture implements AutoCloseable {

    /** A signed-in person and their live connection. */
    public record Person(AuthResponse auth, LiveClient live) {
        public String id() {
            return auth.user().id();
        }

        public String token() {
            return auth.token();
        }
    }

    public final TestServer server;
    public final Api api;
    public final String roomId;
    public final Person host;
    private final List<LiveClient> clients = new ArrayList<>();

    /** A room created by a new host with {@code settings} (a map of RoomSettings fields); the host joined. */
    public LiveRoomFixture(TestServer server, Map<String, Object> settings) {
        this.server = server;
        this.api = server.api();
        AuthResponse hostAuth = api.newUser("host");
        this.roomId = api.createRoom(hostAuth.token(), settings).room().id();
        this.host = connect(hostAuth);
        ok(host.live().call(Events.JOIN, new JoinRoom(roomId)));
    }

    /** A new guest connected but not in the room. */
    public Person outsider(String name) {
        return connect(api.guest(name));
    }

    /** A new guest in the room as a listener. */
    public Person listener(String name) {
        Person p = outsider(name);
        JsonNode ack = p.live().call(Events.JOIN, new JoinRoom(roomId));
        ok(ack);
        assertThat(ack.at("/state/you/role").asText()).isEqualTo("listener");
        return p;
    }

    /** A new guest promoted to speaker by the host. */
    public Person speaker(String name) {
        Person p = listener(name);
        act(host, Events.PROMOTE, p);
        p.live().await(Events.PROMOTED, e -> roomId.equals(e.path("roomId").asText()));
        return p;
    }

    /** A new guest made moderator by the host. */
    public Person moderator(String name) {
        Person p = listener(name);
        act(host, Events.MAKE_MODERATOR, p);
        p.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(p.id())
                && e.path("role").asText().equals("moderator"));
        return p;
    }

    public Person connect(AuthResponse auth) {
        LiveClient client = LiveClient.connect(server.baseUrl(), auth.token());
        clients.add(client);
        return new Person(auth, client);
    }

    /** {@code actor} does {@code event} to {@code target}; the acknowledgement. */
    public JsonNode call(Person actor, Event<Target> event, Person target) {
        return actor.live().call(event, new Target(roomId, target.id()));
    }

    /** {@code actor} does {@code event} to {@code target}; fails unless acknowledged ok. */
    public void act(Person actor, Event<Target> event, Person target) {
        ok(call(actor, event, target));
    }

    /** {@code actor} does {@code event} (join, leave, hand-raise, …) on this room; the acknowledgement. */
    public JsonNode self(Person actor, Event<?> event) {
        return actor.live().call(event.name(), java.util.Map.of("roomId", roomId));
    }

    public static JsonNode ok(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isTrue();
        return ack;
    }

    public static String code(JsonNode ack) {
        assertThat(ack.path("ok").asBoolean()).as("ack %s", ack).isFalse();
        return ack.at("/error/code").asText();
    }

    @Override
    public void close() {
        clients.forEach(LiveClient::close);
    }
}
