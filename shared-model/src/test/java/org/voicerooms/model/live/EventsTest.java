package org.voicerooms.model.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.voicerooms.model.ErrorBody;
import org.voicerooms.model.Samples;

/** The event registry: every Socket.IO event declared once, with its direction and payload. */
class EventsTest {

    /** The client → server events of docs/REALTIME.md. */
    private static final List<String> CLIENT_EVENTS = List.of("room:join", "room:leave", "room:speak-request",
            "room:speak-invite", "room:speak-answer", "room:hand-raise", "room:hand-lower", "room:mute-toggle", "room:speaking", "room:promote", "room:demote",
            "room:mute", "room:kick", "room:ban", "room:unban", "room:make-moderator", "room:remove-moderator",
            "room:hand-deny", "room:join-approve", "room:join-deny", "room:invite", "room:end", "room:chat",
            "room:chat-delete", "room:reaction", "webrtc:offer", "webrtc:answer", "webrtc:ice-candidate",
            "sfu:publish", "sfu:unpublish", "sfu:subscribe", "sfu:answer", "sfu:candidate");

    /** The server → client events of docs/REALTIME.md. */
    private static final List<String> SERVER_EVENTS = List.of("room:state", "room:participant-joined",
            "room:participant-left", "room:role-changed", "room:hand-raised", "room:hand-lowered",
            "room:speaking-changed", "room:mute-changed", "room:muted", "room:promoted", "room:speak-invited",
            "room:speak-declined", "room:kicked", "room:ended",
            "room:updated", "room:media", "room:chat-message", "room:chat-deleted", "room:reaction-sent", "room:join-requested",
            "room:join-answered", "room:invited", "user:friend-changed", "webrtc:offer", "webrtc:answer",
            "webrtc:ice-candidate", "sfu:offer", "error");

    private static final Set<String> RELAYED = Set.of("webrtc:offer", "webrtc:answer", "webrtc:ice-candidate");

    @Test
    void clientEventsAreTheDocumentedOnesEachDeclaredOnce() throws Exception {
        assertThat(names(declared(true))).containsExactlyInAnyOrderElementsOf(CLIENT_EVENTS);
    }

    @Test
    void serverEventsAreTheDocumentedOnesEachDeclaredOnce() throws Exception {
        assertThat(names(declared(false))).containsExactlyInAnyOrderElementsOf(SERVER_EVENTS);
    }

    @Test
    void onlyRelayedSignalingUsesOneNameBothWaysWithOnePayload() throws Exception {
        Set<String> shared = names(declared(true)).stream().filter(names(declared(false))::contains)
                .collect(Collectors.toSet());

        assertThat(shared).isEqualTo(RELAYED);
        for (String name : shared) {
            Event<?> fromClient = find(declared(true), name);
            Event<?> toClient = find(declared(false), name);
            assertThat(toClient.payload()).as(name).isEqualTo(fromClient.payload());
        }
    }

    @Test
    void namesFollowTheNamespaceColonKebabCaseConvention() throws Exception {
        for (Event<?> e : declared(null)) {
            assertThat(e.name()).matches("(room|webrtc|user|sfu):[a-z]+(-[a-z]+)*|error");
        }
    }

    @Test
    void everyPayloadIsAWireRecordWithASample() throws Exception {
        Set<Class<?>> sampled = Samples.all().map(Object::getClass).collect(Collectors.toSet());

        for (Event<?> e : declared(null)) {
            assertThat(e.payload()).as(e.name()).isNotNull().matches(Class::isRecord, "is a record");
            assertThat(e.payload().getEnclosingClass() == Payloads.class
                    || e.payload().getEnclosingClass() == SfuPayloads.class
                    || e.payload().getEnclosingClass() == MediaPayloads.class || e.payload() == ErrorBody.class)
                    .as("%s payload %s is declared in Payloads, SfuPayloads or MediaPayloads", e.name(), e.payload())
                    .isTrue();
            assertThat(sampled).as("samples").contains(e.payload());
        }
    }

    @Test
    void everyClientEventNamesTheRoomItActsOn() throws Exception {
        for (Event<?> e : declared(true)) {
            assertThat(Arrays.stream(e.payload().getRecordComponents()))
                    .as(e.name()).anySatisfy(c -> {
                        assertThat(c.getName()).isEqualTo("roomId");
                        assertThat(c.getType()).isEqualTo(String.class);
                    });
        }
    }

    @Test
    void theRegistryHoldsEveryNameWithTheClientFormWinning() throws Exception {
        assertThat(Events.all().keySet()).containsExactlyInAnyOrderElementsOf(
                names(declared(null)).stream().distinct().toList());
        for (Event<?> e : declared(true)) {
            assertThat(Events.all().get(e.name())).isSameAs(e);
        }
        for (Event<?> e : declared(false)) {
            if (!RELAYED.contains(e.name())) {
                assertThat(Events.all().get(e.name())).isSameAs(e);
            }
        }
        assertThat(Events.all().get("webrtc:offer")).isSameAs(Events.OFFER);
    }

    @Test
    void theRegistryCannotBeChanged() {
        assertThatThrownBy(() -> Events.all().put("room:hack", Events.JOIN))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Events.all().remove("room:join")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void clientLookupFindsOnlyWhatClientsMaySend() throws Exception {
        for (Event<?> e : declared(true)) {
            assertThat(Events.client(e.name())).as(e.name()).containsSame(e);
        }
        assertThat(Events.client("room:state")).isEmpty();
        assertThat(Events.client("room:kicked")).isEmpty();
        assertThat(Events.client("error")).isEmpty();
        assertThat(Events.client("room:JOIN")).isEmpty();
        assertThat(Events.client("room:nope")).isEmpty();
        assertThat(Events.client("")).isEmpty();
    }

    @Test
    void joinAcknowledgementStatusesAreTheDocumentedOnes() {
        assertThat(List.of(Payloads.JoinResult.JOINED, Payloads.JoinResult.PENDING))
                .containsExactly("joined", "pending");
    }

    /** The public static Event constants of {@link Events}: client ones, server ones, or all when null. */
    private static List<Event<?>> declared(Boolean fromClient) throws IllegalAccessException {
        List<Event<?>> events = new ArrayList<>();
        for (Field f : Events.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Event.class) {
                assertThat(Modifier.isPublic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()))
                        .as(f.getName() + " is public final").isTrue();
                Event<?> e = (Event<?>) f.get(null);
                if (fromClient == null || e.fromClient() == fromClient) {
                    events.add(e);
                }
            }
        }
        return events;
    }

    private static List<String> names(List<Event<?>> events) {
        return events.stream().map(Event::name).toList();
    }

    private static Event<?> find(List<Event<?>> events, String name) {
        return events.stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow();
    }
}
