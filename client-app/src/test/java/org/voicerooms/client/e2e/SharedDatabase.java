package org.voicerooms.client.e2e;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * The database several server nodes of an audio test share, run as its own process inside the private network:
 * mongo-java-server (the MongoDB wire protocol) on an H2 file, on {@code 127.0.0.1:PORT}. A real mongod is not
 * installable on the test machines; docs/CLUSTER.md describes production's replica set. Arguments: PORT FILE.
 */
public final class SharedDatabase {

    private SharedDatabase() {
    }

    public static void main(String[] args) throws InterruptedException {
        MongoServer server = new MongoServer(new H2Backend(args[1]));
        server.bind(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])));
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        new CountDownLatch(1).await();
    }
}
