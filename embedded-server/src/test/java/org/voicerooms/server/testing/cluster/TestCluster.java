package org.voicerooms.server.testing.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * A whole cluster on this machine for a test: one redis-server, one shared database process, {@code n} server
 * nodes (separate JVMs) and HAProxy in front. {@link #close()} stops everything, also after a failure; register the
 * instance as a JUnit extension to get every part's log tail printed when a test fails.
 */
public final class TestCluster implements AutoCloseable, TestWatcher {

    /** The secret every node shares (a cluster refuses to start without an explicit one). */
    public static final String JWT_SECRET = "cluster-test-secret-0123456789abcdef";

    private final Path dir;
    private final List<String> extraFlags;
    public final RedisServer redis;
    public final MongoProcess mongo;
    private final List<ServerNode> nodes = Collections.synchronizedList(new ArrayList<>());
    public final Haproxy haproxy;

    private TestCluster(Path dir, int size, List<String> extraFlags) {
        this.dir = dir;
        this.extraFlags = extraFlags;
        RedisServer r = null;
        MongoProcess m = null;
        Haproxy h = null;
        try {
            r = RedisServer.start(dir);
            m = MongoProcess.start(dir);
            this.redis = r;
            this.mongo = m;
            List<CompletableFuture<ServerNode>> starting = IntStream.rangeClosed(1, size)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> startNode("node" + i))).toList();
            starting.forEach(CompletableFuture::join);
            nodes.sort((a, b) -> a.name().compareTo(b.name()));
            h = Haproxy.start(dir, nodes.stream().map(ServerNode::port).toList());
            this.haproxy = h;
        } catch (RuntimeException | Error e) {
            nodes.forEach(ServerNode::close);
            for (AutoCloseable c : new AutoCloseable[] {h, m, r}) {
                closeQuietly(c);
            }
            throw e;
        }
    }

    /** Starts a cluster of {@code size} nodes with its files in {@code dir}; every node also gets {@code flags}. */
    public static TestCluster start(Path dir, int size, List<String> flags) {
        return new TestCluster(dir, size, List.copyOf(flags));
    }

    /** The flags of every node: Redis, the shared database, the shared secret, HAProxy as one trusted hop. */
    public List<String> nodeFlags() {
        List<String> flags = new ArrayList<>(List.of("--redis-uri", redis.uri(), "--mongo-uri", mongo.uri(),
                "--jwt-secret", JWT_SECRET, "--trusted-proxy-hops", "1"));
        flags.addAll(extraFlags);
        return flags;
    }

    /** Starts one more node named {@code name} (not behind HAProxy unless it was in the initial set). */
    public ServerNode startNode(String name) {
        ServerNode node = ServerNode.start(name, dir, nodeFlags());
        nodes.add(node);
        return node;
    }

    /** The nodes, node1 first. */
    public List<ServerNode> nodes() {
        return List.copyOf(nodes);
    }

    public ServerNode node(int index) {
        return nodes.get(index);
    }

    /** The balancer's URL: what clients use. */
    public String url() {
        return haproxy.url();
    }

    /** Every part's last lines. */
    public String logs() {
        StringBuilder out = new StringBuilder();
        for (ServerNode node : nodes()) {
            out.append("---- ").append(node.name()).append(node.alive() ? "" : " (exited)").append('\n')
                    .append(node.logTail(60)).append('\n');
        }
        if (haproxy != null) {
            out.append("---- haproxy\n").append(haproxy.logTail(20)).append('\n');
        }
        return out.toString();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        System.err.println("Cluster logs after " + context.getDisplayName() + " failed:\n" + logs());
    }

    @Override
    public void close() {
        closeQuietly(haproxy);
        nodes().parallelStream().forEach(ServerNode::close);
        closeQuietly(mongo);
        closeQuietly(redis);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            System.err.println("Could not stop " + c + ": " + e);
        }
    }
}
