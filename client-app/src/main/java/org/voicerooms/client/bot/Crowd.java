package org.voicerooms.client.bot;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.voicerooms.client.audio.AudioEngine;
import org.voicerooms.client.audio.AudioSettings;
import org.voicerooms.client.audio.MeshAudio;
import org.voicerooms.client.core.ApiClient;
import org.voicerooms.client.core.RealtimeClient;
import org.voicerooms.client.core.RoomSession;
import org.voicerooms.model.rooms.Participant;

/**
 * Many speakers in one process, each with its own sign-in, socket and audio engine, each linked only to one
 * participant under test: that participant carries the load of a big mesh (a link to every other speaker) while
 * this machine does not have to run the whole mesh. They unmute when brought on stage. Prints
 * {@code crowd-ready} with their user ids; ends on {@code quit} or when stdin closes.
 */
final class Crowd {

    private Crowd() {
    }

    static int run(URI server, String roomId, int size, String linkOnly, AudioSettings settings,
                   Consumer<Map<String, Object>> print) throws Exception {
        Deque<AutoCloseable> open = new ArrayDeque<>();
        List<String> ids = new ArrayList<>();
        try {
            for (int i = 1; i <= size; i++) {
                ApiClient api = ApiClient.create(server);
                String id = api.signInAsGuest("Crowd " + i).user().id();
                RealtimeClient realtime = RealtimeClient.of(api);
                open.push(realtime::close);
                if (!realtime.connectAndWait(Duration.ofSeconds(15))) {
                    throw new IllegalStateException("crowd member " + i + " could not connect");
                }
                AudioEngine engine = new AudioEngine(settings);
                open.push(engine);
                RoomSession session = new RoomSession(realtime, roomId);
                open.push(session::close);
                MeshAudio mesh = engine.join(session, realtime, api);
                open.push(mesh);
                mesh.linkOnly(linkOnly::equals);
                AtomicBoolean unmuting = new AtomicBoolean();
                session.addListener(c -> {
                    Participant you = session.you();
                    if (you != null && you.role().onStage() && you.muted() && unmuting.compareAndSet(false, true)) {
                        mesh.setSelfMuted(false);
                        session.setMuted(false).whenComplete((r, e) -> unmuting.set(false));
                    }
                });
                session.join().get(15, TimeUnit.SECONDS);
                ids.add(id);
            }
            print.accept(Map.of("event", "crowd-ready", "userIds", ids));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("quit")) {
                // nothing else to do: the crowd just talks
            }
            return 0;
        } finally {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception | Error e) {
                    System.err.println("crowd teardown: " + e);
                }
            }
        }
    }
}
