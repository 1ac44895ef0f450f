package org.voicerooms.server.testing.cluster;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The shared database of the cluster tests, run as its own process: a mongo-java-server (MongoDB wire protocol) on
 * an H2 file. A real mongod is not installable on the test machines; production uses a MongoDB replica set
 * (docs/CLUSTER.md). Arguments: PORT FILE.
 */
public final class MongoLauncher {

    private MongoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        H2Backend backend = new H2Backend(args[1]);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        new CountDownLatch(1).await();
    }
}
