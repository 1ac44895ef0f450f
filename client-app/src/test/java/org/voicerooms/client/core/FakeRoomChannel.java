package org.voicerooms.client.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.voicerooms.model.ApiError;
import org.voicerooms.model.ApiException;
import org.voicerooms.model.ErrorCode;
import org.voicerooms.model.Json;
import org.voicerooms.model.live.Event;

/**
 * A realtime connection the test plays the server of: it sees every call the session sends and answers it when it
 * chooses, pushes events, and drops or restores the connection. Single-threaded: everything runs on the test's
 * thread, in the order the test says, so a transition cannot depend on timing.
 */
final class FakeRoomChannel implements RoomChannel {

    /** One call the session sent and the future the test completes as the server's acknowledgement. */
    record Call(Event<?> event, Object payload, CompletableFuture<JsonNode> answer) {
    }

    private final ObjectMapper mapper = Json.newMapper();
    private final Map<String, List<Consumer<Object>>> handlers = new LinkedHashMap<>();
    private final List<RealtimeClient.ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    final List<Call> calls = new ArrayList<>();

    @Override
    @SuppressWarnings("unchecked")
    public <T> RealtimeClient.Subscription on(Event<T> event, Consumer<T> handler) {
        Consumer<Object> h = o -> handler.accept((T) o);
        handlers.computeIfAbsent(event.name(), k -> new CopyOnWriteArrayList<>()).add(h);
        return () -> handlers.get(event.name()).remove(h);
    }

    @Override
    public <P> CompletableFuture<JsonNode> call(Event<P> event, P payload) {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        calls.add(new Call(event, payload, answer));
        return answer;
    }

    @Override
    public void addListener(RealtimeClient.ConnectionListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(RealtimeClient.ConnectionListener listener) {
        listeners.remove(listener);
    }

    @Override
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The server pushes {@code payload} as {@code event} (through a JSON round trip, as on the wire). */
    <T> void push(Event<T> event, T payload) {
        T parsed;
        try {
            parsed = mapper.readValue(mapper.writeValueAsString(payload), event.payload());
        } catch (Exception e) {
            throw new AssertionError("payload does not survive the wire: " + payload, e);
        }
        for (Consumer<Object> h : List.copyOf(handlers.getOrDefault(event.name(), List.of()))) {
            h.accept(parsed);
        }
    }

    /** The most recent call, which must be {@code event}. */
    Call last(Event<?> event) {
        if (calls.isEmpty()) {
            throw new AssertionError("no call sent; expected " + event.name());
        }
        Call c = calls.get(calls.size() - 1);
        if (!c.event().equals(event)) {
            throw new AssertionError("last call was " + c.event().name() + ", expected " + event.name());
        }
        return c;
    }

    /** Answers {@code call} with {@code ok: true} and {@code body}'s fields. */
    void ok(Call call, Object body) {
        ObjectNode ack = body == null ? mapper.createObjectNode() : mapper.valueToTree(body);
        ack.put("ok", true);
        call.answer().complete(ack);
    }

    /** Answers {@code call} with the typed error {@code code}. */
    void refuse(Call call, ErrorCode code) {
        call.answer().completeExceptionally(new ApiException(new ApiError(code, code.name().toLowerCase(), null)));
    }

    void disconnect(String reason, boolean willRetry) {
        listeners.forEach(l -> l.disconnected(reason, willRetry));
    }

    void reconnect() {
        listeners.forEach(RealtimeClient.ConnectionListener::connected);
    }

    /** How many event handlers and connection listeners are attached now. */
    int attached() {
        return handlers.values().stream().mapToInt(List::size).sum() + listeners.size();
    }
}
