package org.voicerooms.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB connection of one server, through the official sync driver. With no URI it first starts an
 * in-process MongoDB-wire-compatible server persisted to {@code voicerooms.mv.db} in the data directory, so the
 * same driver code runs embedded and standalone. The embedded database has no transactions and no change
 * streams; nothing here uses them.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final String DB_NAME = "voicerooms";
    static final String EMBEDDED_FILE = "voicerooms.mv.db";

    private final MongoServer embedded;
    private final H2Backend backend;
    private final MongoClient client;
    private final MongoDatabase db;

    private Database(MongoServer embedded, H2Backend backend, MongoClient client) {
        this.embedded = embedded;
        this.backend = backend;
        this.client = client;
        this.db = client.getDatabase(DB_NAME);
    }

    /** Connects to {@code mongoUri}, or starts the embedded database in {@code dataDir} when it is null. */
    public static Database open(String mongoUri, Path dataDir) {
        if (mongoUri != null) {
            LOG.info("Connecting to MongoDB at {}", new ConnectionString(mongoUri).getHosts());
            return new Database(null, null, connect(mongoUri));
        }
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        Path file = dataDir.resolve(EMBEDDED_FILE);
        H2Backend backend = new H2Backend(file.toString());
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = server.getLocalAddress();
            LOG.info("Embedded database {} listening on 127.0.0.1:{}", file, address.getPort());
            return new Database(server, backend, connect("mongodb://127.0.0.1:" + address.getPort()));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    private static MongoClient connect(String uri) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    /** A collection of the Voice Rooms database. */
    public MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    /** Round-trips a ping; throws when the database does not answer. */
    public void ping() {
        db.runCommand(new Document("ping", 1));
    }

    /** Whether the database runs in this process. */
    public boolean embedded() {
        return embedded != null;
    }

    /** Closes the client and, if embedded, flushes and closes the database file. Idempotent. */
    @Override
    public synchronized void close() {
        client.close();
        if (embedded != null) {
            embedded.shutdown();
            backend.close(); // shutdown() closes it too; a second close is a no-op that makes the flush explicit
        }
    }
}
