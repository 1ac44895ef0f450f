package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.voicerooms.model.users.AuthResponse;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threat: a lost update. A PATCH merges the fields it names over the room as it read it and writes the whole
 * setting back; two PATCHes at once (the host's laptop and phone, say) each wrote back the other's field as it was
 * before, so one change vanished without an error. Now the write is a compare-and-set on the room's version and a
 * PATCH that lost the race merges again over the newer room.
 */
class RoomPatchRaceIT {

    private static final int ROUNDS = 40;
    private static final int FIELDS = 4;

    @RegisterExtension
    static final TestServer server = TestServer.start();

    @Test
    void concurrentPatchesOfDifferentFieldsAllStick() throws Exception {
        Api api = server.api();
        AuthResponse host = api.newUser("patcher");
        String roomId = api.createRoom(host.token(), Map.of("title", "Start")).room().id();
        String path = "/api/rooms/" + roomId;
        List<String> lost = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Map<String, Object>> patches = List.of(Map.of("title", "Title " + round),
                    Map.of("description", "Description " + round), Map.of("language", round % 2 == 0 ? "fr" : "de"),
                    Map.of("tags", List.of("tag" + round)));
            CyclicBarrier together = new CyclicBarrier(FIELDS);
            List<CompletableFuture<Api.Response>> calls = new ArrayList<>();
            for (Map<String, Object> patch : patches) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        together.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return api.patch(path, host.token(), patch);
                }));
            }
            for (CompletableFuture<Api.Response> call : calls) {
                call.get().expect(200);
            }
            JsonNode room = api.get(path, host.token()).expect(200).json().path("room");
            int r = round;
            if (!room.path("title").asText().equals("Title " + r)) {
                lost.add("round " + r + ": title " + room.path("title"));
            }
            if (!room.path("description").asText().equals("Description " + r)) {
                lost.add("round " + r + ": description " + room.path("description"));
            }
            if (!room.path("language").asText().equals(r % 2 == 0 ? "fr" : "de")) {
                lost.add("round " + r + ": language " + room.path("language"));
            }
            if (!room.path("tags").toString().equals("[\"tag" + r + "\"]")) {
                lost.add("round " + r + ": tags " + room.path("tags"));
            }
        }
        assertThat(lost).as("changes overwritten by a concurrent PATCH of another field").isEmpty();
    }
}
