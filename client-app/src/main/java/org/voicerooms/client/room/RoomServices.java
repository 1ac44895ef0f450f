package org.voicerooms.client.room;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.voicerooms.client.audio.RoomVisit;

/** What the room screen needs from the app: visits to prepare, background work, and the UI thread. */
public interface RoomServices {

    /** A visit to {@code roomId} ready to join, its audio listening already. Blocking: call through {@link #async}. */
    RoomVisit prepareVisit(String roomId);

    /** Why there is no audio, or null. */
    String audioProblem();

    /** Runs {@code work} off the UI thread. */
    <T> CompletableFuture<T> async(Supplier<T> work);

    /** The UI thread, to bring results back to. */
    Executor ui();

    /** The signed-in server's REST API (room settings, friends, user names). */
    org.voicerooms.client.core.ApiClient api();

    /** Per-person listening choices (volume, local mute), remembered across visits. */
    PeopleAudio peopleAudio();
}
