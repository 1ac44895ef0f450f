package org.voicerooms.server.live.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.model.Json;
import org.voicerooms.server.cluster.RedisLink;
import org.voicerooms.server.live.LiveBus;
import org.voicerooms.server.live.LiveBusContract;
import org.voicerooms.server.testing.cluster.RedisServer;

/**
 * The {@link LiveBus} contract on a real redis-server, with two buses on two connections standing for two nodes;
 * plus: a node hears a room's channel only while something on it subscribes to that room.
 */
class RedisLiveBusIT extends LiveBusContract {

    @TempDir
    static Path dir;
    static RedisServer redis;
    static RedisLink linkA;
    static RedisLink linkB;
    static RedisLiveBus nodeA;
    static RedisLiveBus nodeB;

    @BeforeAll
    static void startRedis() {
        redis = RedisServer.start(dir);
        linkA = RedisLink.connect(redis.uri());
        linkB = RedisLink.connect(redis.uri());
        nodeA = new RedisLiveBus(linkA, Json.newMapper());
        nodeB = new RedisLiveBus(linkB, Json.newMapper());
    }

    @AfterAll
    static void stopRedis() {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, linkA, linkB, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.err.println("close: " + e);
            }
        }
    }

    @Override
    protected LiveBus bus() {
        return nodeA;
    }

    @Override
    protected LiveBus otherNode() {
        return nodeB;
    }

    @Test
    void aNodeHearsARoomsChannelOnlyWhileSubscribed() {
        String room = "channel-room";
        String channel = RedisLiveBus.ROOM_CHANNEL + room;
        LiveBus.Subscription s = nodeB.subscribe(room, (r, v, e) -> { });
        assertThat(linkA.strings().sync().pubsubNumsub(channel)).containsEntry(channel, 1L);
        s.close();
        // closing does not wait for Redis to confirm the UNSUBSCRIBE (it is sent, not awaited): poll briefly
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
        while (linkA.strings().sync().pubsubNumsub(channel).get(channel) != 0L && System.nanoTime() < end) {
            Thread.onSpinWait();
        }
        assertThat(linkA.strings().sync().pubsubNumsub(channel)).containsEntry(channel, 0L);
        assertThat(nodeB.subscribedRooms()).isZero();
        assertThat(linkA.strings().sync().publish(channel, "{}")).isZero();
        nodeA.publish(room, 1, List.of());
    }
}
