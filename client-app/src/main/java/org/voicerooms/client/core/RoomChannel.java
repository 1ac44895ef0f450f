package org.voicerooms.client.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.voicerooms.model.live.Event;

/**
 * The part of a realtime connection a {@link RoomSession} uses: typed events in, acknowledged calls out, and word of
 * the connection coming and going. {@link RealtimeClient} is the real one; tests drive a session through a fake.
 */
public interface RoomChannel {

    /** Handles a server → client event until the returned subscription is closed. */
    <T> RealtimeClient.Subscription on(Event<T> event, Consumer<T> handler);

    /** Sends a client → server event; completes with the acknowledgement's body or fails with a typed error. */
    <P> CompletableFuture<JsonNode> call(Event<P> event, P payload);

    void addListener(RealtimeClient.ConnectionListener listener);

    void removeListener(RealtimeClient.ConnectionListener listener);

    /** The mapper acknowledgements are read with. */
    ObjectMapper mapper();
}
