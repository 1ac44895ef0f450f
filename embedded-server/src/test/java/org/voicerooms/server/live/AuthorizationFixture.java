package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.Map;
import org.voicerooms.model.live.Event;
import org.voicerooms.model.live.Events;
import org.voicerooms.model.live.Payloads.ChatDelete;
import org.voicerooms.model.live.Payloads.ChatSend;
import org.voicerooms.model.live.Payloads.IceCandidate;
import org.voicerooms.model.live.Payloads.MuteToggle;
import org.voicerooms.model.live.Payloads.ReactionSend;
import org.voicerooms.model.live.Payloads.RoomRef;
import org.voicerooms.model.live.Payloads.Sdp;
import org.voicerooms.model.live.Payloads.Speaking;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * A fresh knock-to-enter room holding one actor of each kind, and the means to make each action happen: fresh
 * targets in the state the action needs, and a check of the effect the target (or the room) notices.
 */
final class AuthorizationFixture implements AutoCloseable {

    enum Actor { HOST, MODERATOR, SPEAKER, LISTENER, BANNED, KICKED, OUTSIDER }

    private final LiveRoomFixture room;
    private final Map<Actor, Person> actors = new EnumMap<>(Actor.class);
    private final String hostMessageId;

    AuthorizationFixture(TestServer server) {
        room = new LiveRoomFixture(server, Map.of("title", "Matrix",
                "privacy", Map.of("requireApproval", true, "hideParticipants", false, "allowInvites", false)));
        actors.put(Actor.HOST, room.host);
        actors.put(Actor.MODERATOR, moderator("Mod"));
        actors.put(Actor.SPEAKER, speaker("Speaker"));
        actors.put(Actor.LISTENER, listener("Listener"));
        Person banned = listener("Banned");
        room.act(room.host, Events.BAN, banned);
        actors.put(Actor.BANNED, banned);
        Person kicked = listener("Kicked");
        room.act(room.host, Events.KICK, kicked);
        actors.put(Actor.KICKED, kicked);
        actors.put(Actor.OUTSIDER, room.outsider("Outsider"));
        hostMessageId = LiveRoomFixture.ok(room.host.live().call(Events.CHAT, new ChatSend(room.roomId, "welcome")))
                .at("/message/messageId").asText();
    }

    /** A new guest inside: knocks, the host lets them in, they join. */
    private Person listener(String name) {
        Person p = knocker(name);
        room.act(room.host, Events.JOIN_APPROVE, p);
        LiveRoomFixture.ok(room.self(p, Events.JOIN));
        return p;
    }

    private Person knocker(String name) {
        Person p = room.outsider(name);
        assertThat(LiveRoomFixture.ok(room.self(p, Events.JOIN)).path("status").asText()).isEqualTo("pending");
        return p;
    }

    private Person speaker(String name) {
        Person p = listener(name);
        room.act(room.host, Events.PROMOTE, p);
        return p;
    }

    private Person moderator(String name) {
        Person p = listener(name);
        room.act(room.host, Events.MAKE_MODERATOR, p);
        return p;
    }

    private Person bannedOutsider() {
        Person p = room.outsider("Was banned");
        room.act(room.host, Events.BAN, p);
        return p;
    }

    /** The fresh target {@code action} needs ("room:…" socket names; REST paths map onto them). */
    private Person targetFor(String action) {
        return switch (action) {
            case "room:demote" -> speaker("Target speaker");
            case "room:mute" -> {
                Person p = speaker("Target speaker"); // new speakers come up muted; unmuted, a mute shows
                LiveRoomFixture.ok(p.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
                yield p;
            }
            case "room:remove-moderator" -> moderator("Target moderator");
            case "room:unban" -> bannedOutsider();
            case "room:invite" -> room.outsider("Invitee");
            case "room:join-approve", "room:join-deny" -> knocker("Knocker");
            case "room:hand-deny" -> {
                Person p = listener("Hand");
                LiveRoomFixture.ok(room.self(p, Events.HAND_RAISE));
                yield p;
            }
            default -> listener("Target");
        };
    }

    /** {@code actor} sends {@code event} (at {@code on}, or at a fresh target); the ack is ok or {@code expected}. */
    void assertSocket(String event, Actor actor, Actor on, String expected) {
        Person me = actors.get(actor);
        Person target = on == null ? targetFor(event) : on == actor ? moderator("Other moderator") : actors.get(on);
        if (on != null && "room:mute".equals(event) && "ok".equals(expected)) {
            LiveRoomFixture.ok(target.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
        }
        Person peer = actor == Actor.HOST ? actors.get(Actor.LISTENER) : room.host;
        String id = room.roomId;
        Object payload = switch (event) {
            case "room:join", "room:leave", "room:speak-request", "room:hand-raise", "room:hand-lower", "room:end" ->
                    new RoomRef(id);
            case "room:mute-toggle" -> new MuteToggle(id, false);
            case "room:speaking" -> new Speaking(id, true);
            case "room:chat" -> new ChatSend(id, "hello");
            case "room:chat-delete" -> new ChatDelete(id, hostMessageId);
            case "room:reaction" -> new ReactionSend(id, "🎉");
            case "webrtc:offer", "webrtc:answer" -> new Sdp(id, peer.id(), "v=0");
            case "webrtc:ice-candidate" -> new IceCandidate(id, peer.id(), "candidate:1 1 udp 1 10.0.0.1 9 typ host",
                    "0", 0);
            default -> new Target(id, target.id());
        };
        JsonNode ack = me.live().call(event, payload);
        if (!"ok".equals(expected)) {
            assertThat(LiveRoomFixture.code(ack)).as("%s %s", actor, event).isEqualTo(expected);
            return;
        }
        LiveRoomFixture.ok(ack);
        noticed(event, me, target, peer);
    }

    /** What the people concerned see after an allowed action. */
    private void noticed(String event, Person me, Person target, Person peer) {
        switch (event) {
            case "room:promote" -> target.live().await(Events.PROMOTED);
            case "room:demote" -> awaitRole(target, "listener");
            case "room:mute" -> target.live().await(Events.MUTED, e -> e.path("by").asText().equals(me.id()));
            case "room:kick", "room:ban" -> target.live().await(Events.KICKED,
                    e -> e.path("banned").asBoolean() == event.equals("room:ban"));
            case "room:make-moderator" -> awaitRole(target, "moderator");
            case "room:remove-moderator" -> awaitRole(target, "speaker");
            case "room:hand-deny" -> target.live().await(Events.HAND_LOWERED);
            case "room:join-approve", "room:join-deny" -> assertThat(target.live().await(Events.JOIN_ANSWERED)
                    .path("approved").asBoolean()).isEqualTo(event.equals("room:join-approve"));
            case "room:invite" -> target.live().await(Events.INVITED);
            case "room:end" -> actors.get(Actor.LISTENER).live().await(Events.ENDED);
            case "room:chat" -> actors.get(Actor.LISTENER).live().await(Events.CHAT_MESSAGE,
                    e -> e.path("userId").asText().equals(me.id()));
            case "room:chat-delete" -> actors.get(Actor.LISTENER).live().await(Events.CHAT_DELETED);
            case "room:reaction" -> actors.get(Actor.LISTENER).live().await(Events.REACTION_SENT);
            case "webrtc:offer" -> relayed(peer, Events.RELAYED_OFFER, me);
            case "webrtc:answer" -> relayed(peer, Events.RELAYED_ANSWER, me);
            case "webrtc:ice-candidate" -> relayed(peer, Events.RELAYED_ICE_CANDIDATE, me);
            case "room:unban" -> LiveRoomFixture.ok(room.self(target, Events.JOIN));
            default -> {
            }
        }
    }

    private void awaitRole(Person target, String role) {
        actors.get(Actor.LISTENER).live().await(Events.ROLE_CHANGED,
                e -> e.path("userId").asText().equals(target.id()) && e.path("role").asText().equals(role));
    }

    private static void relayed(Person peer, Event<?> event, Person from) {
        peer.live().await(event, e -> e.path("peerId").asText().equals(from.id()));
    }

    /** A REST call by {@code actor} (or with a bad token) answers {@code status}. */
    void assertRest(String method, String path, String actor, int status) {
        String token = actor.equals("bad-token") ? "not-a-token"
                : actors.get(Actor.valueOf(actor.toUpperCase())).token();
        String action = switch (path) {
            case "/moderators" -> method.equals("POST") ? "room:make-moderator" : "room:remove-moderator";
            case "/approve" -> "room:join-approve";
            case "/deny" -> "room:join-deny";
            default -> "room:" + path.substring(1);
        };
        boolean targeted = Map.of("/promote", 1, "/demote", 1, "/mute", 1, "/kick", 1, "/ban", 1, "/unban", 1,
                "/invite", 1, "/moderators", 1, "/approve", 1, "/deny", 1).containsKey(path);
        Person target = targeted ? targetFor(action) : null;
        String url = "/api/rooms/" + room.roomId + (path.equals("/") ? "" : path);
        Api api = room.api;
        Api.Response r;
        if (method.equals("DELETE") && path.equals("/moderators")) {
            r = api.delete(url + "/" + target.id(), token);
        } else if (method.equals("DELETE")) {
            r = api.delete(url, token);
        } else if (method.equals("GET")) {
            r = api.get(url, token);
        } else if (method.equals("PATCH")) {
            r = api.patch(url, token, Map.of("title", "Renamed"));
        } else {
            r = api.post(url, token, targeted ? Map.of("userId", target.id()) : null);
        }
        assertThat(r.status()).as("%s %s by %s: %s", method, path, actor, r.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(r.json().at("/error/code").asText()).isNotBlank();
        } else if (target != null && !method.equals("DELETE")) {
            noticed(action, actors.get(Actor.valueOf(actor.toUpperCase())), target, null);
        }
    }

    @Override
    public void close() {
        room.close();
    }
}
