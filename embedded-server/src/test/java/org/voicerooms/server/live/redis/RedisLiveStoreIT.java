package org.voicerooms.server.live.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.Json;
import org.voicerooms.server.cluster.RedisLink;
import org.voicerooms.server.live.LiveStore;
import org.voicerooms.server.live.LiveStoreContract;
import org.voicerooms.server.testing.cluster.RedisServer;

/** The {@link LiveStore} contract on a real redis-server, plus what only Redis can do: survive its restart. */
class RedisLiveStoreIT extends LiveStoreContract {

    @TempDir
    static Path dir;
    static RedisServer redis;
    static RedisLink link;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(dir);
        link = RedisLink.connect(redis.uri());
    }

    @AfterAll
    static void stopRedis() {
        if (link != null) {
            link.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected LiveStore store() {
        return new RedisLiveStore(link, Json.newMapper());
    }

    @Test
    void commitsGoOnAfterRedisRestartedAndForgotTheScripts() throws Exception {
        LiveStore store = store();
        assertThat(store.commit("restart-room", 0, snapshot("restart-room", 1, "host-1"))).isTrue();
        redis.restart();
        long deadline = System.nanoTime() + 10_000_000_000L;
        boolean committed = false;
        while (!committed && System.nanoTime() < deadline) {
            try {
                committed = store.commit("restart-room", 0, snapshot("restart-room", 1, "host-1"));
            } catch (RuntimeException reconnecting) {
                Thread.sleep(100); // Lettuce reconnects in the background; nothing to wait on
            }
        }
        assertThat(committed).as("a commit after the restart (the empty Redis holds version 0)").isTrue();
        assertThat(store.get("restart-room").orElseThrow().version()).isEqualTo(1);
    }
}
