package org.voicerooms.client.audio;

import java.util.concurrent.CompletableFuture;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;

/**
 * One visit to a room: its session and, when there is audio, its audio (following the room's media plan), both
 * listening before the join is sent. A
 * peer offers its audio link as soon as the server announces the newcomer, so whatever is not listening by then
 * misses the offer; preparing first and joining second is what gives audio within the first second. Closing leaves
 * the room and takes every handler off the connection, so a finished visit can never come back.
 */
public final class RoomVisit implements AutoCloseable {

    private final RoomSession session;
    private final RoomAudio mesh;

    private RoomVisit(RoomSession session, RoomAudio mesh) {
        this.session = session;
        this.mesh = mesh;
    }

    /**
     * Sets up a visit to {@code roomId} without joining yet. Blocking (it asks the server for ICE servers): call it
     * off the UI thread. {@code engine} null: a visit without audio.
     */
    public static RoomVisit prepare(String roomId, RealtimeClient realtime, ApiClient api, AudioEngine engine) {
        return prepare(roomId, realtime, api, engine, null);
    }

    /**
     * As {@link #prepare(String, RealtimeClient, ApiClient, AudioEngine)}, with the audio flowing by {@code plan}
     * whatever the room says, or by the room's media plan when {@code plan} is null (what the app does).
     */
    public static RoomVisit prepare(String roomId, RealtimeClient realtime, ApiClient api, AudioEngine engine,
                                    MediaPlan plan) {
        RoomSession session = new RoomSession(realtime, roomId);
        return new RoomVisit(session, engine == null ? null : engine.join(session, realtime, api, plan));
    }

    /** Sends the join; completes with the status reached (see {@link RoomSession#join}). */
    public CompletableFuture<RoomSession.Status> join() {
        return session.join();
    }

    public RoomSession session() {
        return session;
    }

    /** The visit's audio, or null without audio. */
    public RoomAudio mesh() {
        return mesh;
    }

    /** Leaves (if still inside) and releases the audio; the mesh goes first, as it uses the session. */
    @Override
    public void close() {
        if (mesh != null) {
            mesh.close();
        }
        session.close();
    }
}
