package org.voicerooms.server.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB connection of one server, through the official sync driver. With no URI it first starts an
 * in-process MongoDB-wire-compatible server persisted to {@code voicerooms.mv.db} in the data directory, so the
 * same driver code runs embedded and standalone. The embedded one listens on a random loopback port and serves only
 * connections that sign in with a secret made at each start ({@link DurableH2Backend}). The embedded database has no transactions and no change
 * streams; nothing here uses them. It commits every write before acknowledging it ({@link DurableH2Backend}) and
 * keeps its directory and file private to the server's user.
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
            return new Database(null, null, connect(mongoUri, null));
        }
        Path file = dataDir.resolve(EMBEDDED_FILE);
        String secret = newSecret();
        H2Backend backend = new DurableH2Backend(openStore(dataDir, file), secret);
        MongoServer server = new MongoServer(backend);
        try {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = server.getLocalAddress();
            LOG.info("Embedded database {} listening on 127.0.0.1:{}", file, address.getPort());
            return new Database(server, backend, connect("mongodb://127.0.0.1:" + address.getPort(),
                    MongoCredential.createPlainCredential(DurableH2Backend.USER, "$external", secret.toCharArray())));
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    /**
     * Opens the database file, readable by its owner only. A file H2 cannot read (corrupt, or not an H2 file) is
     * renamed to {@code voicerooms.mv.db.corrupt-TIME} with an error in the log, and the server starts on a new,
     * empty one: a server that refuses to start restarts into the same failure forever. A file locked by another
     * process is left alone (it is someone else's live database).
     */
    static MVStore openStore(Path dataDir, Path file) {
        FilePermissions.privateDirectory(dataDir);
        try {
            return openAndRestrict(file);
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED || !Files.exists(file)) {
                throw e;
            }
            Path aside = file.resolveSibling(file.getFileName() + ".corrupt-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
            try {
                Files.move(file, aside);
            } catch (IOException moveFailed) {
                e.addSuppressed(moveFailed);
                throw e;
            }
            LOG.error("The database file {} cannot be read ({}); it was moved to {} and the server starts with an "
                    + "empty database. Restore a backup over {} while the server is stopped to get the data back.",
                    file, e.getMessage(), aside, file);
            return openAndRestrict(file);
        }
    }

    private static MVStore openAndRestrict(Path file) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        FilePermissions.privateFile(file);
        return store;
    }

    /** A secret for the embedded database, new at each start and kept in this process only. */
    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static MongoClient connect(String uri, MongoCredential credential) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder builder = MongoClientSettings.builder().applyConnectionString(connection);
        if (credential != null) {
            builder.credential(credential);
        } else if (connection.getWriteConcern() == null) {
            // An external MongoDB is shared by every node and in production a replica set: a write counts once a
            // majority holds it, so a failover loses nothing acknowledged. A w= in the URI still wins.
            builder.writeConcern(WriteConcern.MAJORITY);
        }
        MongoClientSettings settings = builder
                .applyToClusterSettings(b -> b.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(5, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    /** The write concern of this connection: majority for an external MongoDB unless its URI says otherwise. */
    public WriteConcern writeConcern() {
        return db.getWriteConcern();
    }

    /** A collection of the Voice Rooms database. */
    public MongoCollection<Document> collection(String name) {
        return db.getCollection(name);
    }

    /** Round-trips a ping; throws when the database does not answer. */
    public void ping() {
        db.runCommand(new Document("ping", 1));
    }

    /** The loopback port of the embedded database (it serves signed-in connections only); -1 when external. */
    public int embeddedPort() {
        return embedded == null ? -1 : embedded.getLocalAddress().getPort();
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
