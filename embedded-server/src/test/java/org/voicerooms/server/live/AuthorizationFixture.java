package org.voicerooms.server.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.voicerooms.model.ErrorCode;
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
import org.voicerooms.model.live.Payloads.SpeakAnswer;
import org.voicerooms.model.live.Payloads.Target;
import org.voicerooms.model.live.SfuPayloads;
import org.voicerooms.server.live.LiveRoomFixture.Person;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.LiveClient;
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
        if ("ok".equals(expected)) {
            prepareSelf(event, me, actor);
        }
        Object payload = switch (event) {
            case "room:join", "room:leave", "room:speak-request", "room:hand-raise", "room:hand-lower", "room:end",
                    "sfu:unpublish", "sfu:subscribe" -> new RoomRef(id);
            case "room:speak-answer" -> new SpeakAnswer(id, true);
            case "sfu:publish", "sfu:answer" -> new SfuPayloads.SfuSdp(id, "v=0");
            case "sfu:candidate" -> new SfuPayloads.SfuCandidate(id, true, "candidate:1 1 udp 1 10.0.0.1 9 typ host",
                    "0", 0);
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
            assertThat(LiveRoomFixture.code(ack)).as("%s %s: %s", actor, event, ack).isEqualTo(expected);
            ErrorCode.valueOf(expected); // a documented code, not a typo in the table
            return;
        }
        LiveRoomFixture.ok(ack);
        if (!noticedSelf(event, me, actor, ack)) {
            noticed(event, me, target, peer);
        }
    }

    /** Who watches an actor's own actions: the host, or a moderator when the host acts (staff see everything). */
    private Person observer(Person me) {
        return me == room.host ? actors.get(Actor.MODERATOR) : room.host;
    }

    /** Puts the actor where its own action shows: a hand up to lower, muted to unmute, unmuted to speak. */
    private void prepareSelf(String event, Person me, Actor actor) {
        boolean onStage = actor == Actor.HOST || actor == Actor.MODERATOR || actor == Actor.SPEAKER;
        switch (event) {
            case "room:hand-lower" -> {
                if (actor == Actor.LISTENER) {
                    LiveRoomFixture.ok(room.self(me, Events.HAND_RAISE));
                }
            }
            case "room:speak-answer" -> LiveRoomFixture.ok(room.host.live().call(Events.SPEAK_INVITE,
                    new Target(room.roomId, me.id())));
            case "room:mute-toggle" -> {
                if (onStage) {
                    LiveRoomFixture.ok(me.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, true)));
                }
            }
            case "room:speaking" -> {
                if (onStage) {
                    LiveRoomFixture.ok(me.live().call(Events.MUTE_TOGGLE, new MuteToggle(room.roomId, false)));
                }
            }
            default -> {
            }
        }
    }

    /**
     * The effect of an allowed action on the actor itself, as someone else sees it; false for actions on others.
     * An action that changes nothing (a member joining again, a stage member lowering no hand) is checked to tell
     * nobody anything, after a round trip on the observer's connection.
     */
    private boolean noticedSelf(String event, Person me, Actor actor, JsonNode ack) {
        Person watcher = observer(me);
        // banned, kicked and outsider are not inside: their allowed leave changes nothing
        boolean member = actor == Actor.HOST || actor == Actor.MODERATOR || actor == Actor.SPEAKER
                || actor == Actor.LISTENER;
        switch (event) {
            case "room:join" -> {
                if (member) {
                    assertThat(ack.at("/state/you/userId").asText()).isEqualTo(me.id());
                    assertThat(ack.at("/state/you/role").asText()).as("joining again keeps the role")
                            .isEqualTo(roleOf(actor));
                    assertThat(watcher.live().receivedSinceLastCall(Events.PARTICIPANT_JOINED))
                            .noneMatch(e -> e.at("/participant/userId").asText().equals(me.id()));
                } else {
                    assertThat(ack.path("status").asText()).isEqualTo("pending");
                    room.host.live().await(Events.JOIN_REQUESTED, e -> e.path("userId").asText().equals(me.id()));
                }
            }
            case "room:leave" -> {
                if (member) {
                    watcher.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText().equals(me.id()));
                } else {
                    assertThat(watcher.live().receivedSinceLastCall(Events.PARTICIPANT_LEFT)).isEmpty();
                }
            }
            case "room:speak-request" -> {
                if (ack.path("status").asText().equals("granted")) {
                    watcher.live().await(Events.ROLE_CHANGED, e -> e.path("userId").asText().equals(me.id())
                            && e.path("role").asText().equals("speaker"));
                } else {
                    assertThat(ack.path("status").asText()).isEqualTo("hand-raised");
                    watcher.live().await(Events.HAND_RAISED, e -> e.path("userId").asText().equals(me.id()));
                }
            }
            case "room:hand-raise" -> watcher.live().await(Events.HAND_RAISED,
                    e -> e.path("userId").asText().equals(me.id()));
            case "room:hand-lower" -> {
                if (actor == Actor.LISTENER) {
                    watcher.live().await(Events.HAND_LOWERED, e -> e.path("userId").asText().equals(me.id()));
                } else {
                    assertThat(watcher.live().receivedSinceLastCall(Events.HAND_LOWERED)).as("no hand to lower")
                            .noneMatch(e -> e.path("userId").asText().equals(me.id()));
                }
            }
            case "room:mute-toggle" -> watcher.live().await(Events.MUTE_CHANGED,
                    e -> e.path("userId").asText().equals(me.id()) && !e.path("muted").asBoolean());
            case "room:speaking" -> watcher.live().await(Events.SPEAKING_CHANGED,
                    e -> e.path("userId").asText().equals(me.id()) && e.path("speaking").asBoolean());
            default -> {
                return false;
            }
        }
        return true;
    }

    private static String roleOf(Actor actor) {
        return switch (actor) {
            case HOST -> "host";
            case MODERATOR -> "moderator";
            case SPEAKER -> "speaker";
            default -> "listener";
        };
    }

    /** What the people concerned see after an allowed action. */
    private void noticed(String event, Person me, Person target, Person peer) {
        switch (event) {
            case "room:promote" -> target.live().await(Events.PROMOTED);
            case "room:speak-invite" -> assertThat(target.live().await(Events.SPEAK_INVITED).path("by").asText())
                    .isEqualTo(me.id());
            case "room:speak-answer" -> awaitRole(me, "speaker");
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

    /**
     * A REST call by {@code actor} (or with a bad token) answers {@code expected}: {@code ok} (200 and an effect
     * someone else sees) or the exact error code, with its documented HTTP status.
     */
    void assertRest(String method, String path, String actor, String expected) {
        int status = "ok".equals(expected) ? 200 : ErrorCode.valueOf(expected).httpStatus();
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
        Person me = actor.equals("bad-token") ? null : actors.get(Actor.valueOf(actor.toUpperCase()));
        if (me != null && status == 200 && path.equals("/lower-hand") && me == actors.get(Actor.LISTENER)) {
            LiveRoomFixture.ok(room.self(me, Events.HAND_RAISE));
        }
        LiveClient.mark(); // what the REST call causes arrives after this
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
            assertThat(r.json().at("/error/code").asText()).as("%s %s by %s", method, path, actor)
                    .isEqualTo(expected);
        } else if (target != null) {
            noticed(action, me, target, null);
        } else {
            restEffect(method + " " + path, me, r);
        }
    }

    /** What someone else sees after an allowed REST call without a target. */
    private void restEffect(String call, Person me, Api.Response r) {
        Person listener = actors.get(Actor.LISTENER);
        Person watcher = observer(me);
        boolean member = me != actors.get(Actor.OUTSIDER);
        switch (call) {
            case "POST /join" -> {
                if (member) {
                    assertThat(participants(room.host)).contains(me.id());
                } else {
                    room.host.live().await(Events.JOIN_REQUESTED, e -> e.path("userId").asText().equals(me.id()));
                }
            }
            case "POST /leave" -> {
                if (member) {
                    watcher.live().await(Events.PARTICIPANT_LEFT, e -> e.path("userId").asText().equals(me.id()));
                    assertThat(participants(room.host)).doesNotContain(me.id());
                } else {
                    assertThat(watcher.live().receivedSinceLastCall(Events.PARTICIPANT_LEFT)).isEmpty();
                }
            }
            case "POST /raise-hand" -> watcher.live().await(Events.HAND_RAISED,
                    e -> e.path("userId").asText().equals(me.id()));
            case "POST /lower-hand" -> {
                if (me == listener) {
                    watcher.live().await(Events.HAND_LOWERED, e -> e.path("userId").asText().equals(me.id()));
                } else {
                    assertThat(watcher.live().receivedSinceLastCall(Events.HAND_LOWERED)).isEmpty();
                }
            }
            case "GET /participants" -> assertThat(r.json().path("items").findValuesAsText("userId"))
                    .contains(room.host.id());
            case "PATCH /" -> listener.live().await(Events.UPDATED,
                    e -> e.at("/room/title").asText().equals("Renamed"));
            case "DELETE /" -> listener.live().await(Events.ENDED);
            default -> throw new AssertionError("no effect written down for an allowed " + call);
        }
    }

    private List<String> participants(Person viewer) {
        return room.api.get("/api/rooms/" + room.roomId + "/participants", viewer.token()).expect(200).json()
                .path("items").findValuesAsText("userId");
    }

    @Override
    public void close() {
        room.close();
    }
}
