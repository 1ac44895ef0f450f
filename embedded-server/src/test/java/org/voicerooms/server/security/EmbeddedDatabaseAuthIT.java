package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoCredential;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.server.store.Database;

/**
 * Threat: another user or program on the server's machine connects to the embedded database's loopback port and
 * reads the password hashes and sessions, or writes itself an account. The port now serves only connections that
 * sign in with the secret made at this start, which never leaves the process.
 */
class EmbeddedDatabaseAuthIT {

    @TempDir
    Path data;

    private static MongoClient client(int port, MongoCredential credential) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(3, TimeUnit.SECONDS));
        if (credential != null) {
            settings.credential(credential);
        }
        return MongoClients.create(settings.build());
    }

    @Test
    void aClientWithoutTheSecretCanNeitherReadNorWrite() {
        try (Database db = Database.open(null, data)) {
            db.collection("users").insertOne(new Document("username", "ada").append("passwordHash", "$2a$secret"));
            assertThat(db.collection("users").countDocuments()).as("the server's own connection works").isEqualTo(1);
            int port = db.embeddedPort();
            assertThat(port).isPositive();

            try (MongoClient stranger = client(port, null)) {
                Throwable read = catchThrowable(() -> stranger.getDatabase("voicerooms").getCollection("users")
                        .find().first());
                assertThat(read).as("reading without signing in").isInstanceOf(MongoCommandException.class);
                assertThat(((MongoCommandException) read).getErrorCode()).isEqualTo(13);
                Throwable write = catchThrowable(() -> stranger.getDatabase("voicerooms").getCollection("users")
                        .insertOne(new Document("username", "mallory")));
                assertThat(write).as("writing without signing in").isInstanceOf(MongoCommandException.class);
                Throwable list = catchThrowable(() -> stranger.listDatabaseNames().first());
                assertThat(list).as("listing databases without signing in").isInstanceOf(
                        MongoCommandException.class);
            }
            try (MongoClient guesser = client(port, MongoCredential.createPlainCredential("voicerooms", "$external",
                    "not-the-secret".toCharArray()))) {
                Throwable read = catchThrowable(() -> guesser.getDatabase("voicerooms").getCollection("users")
                        .find().first());
                assertThat(read).as("signing in with a wrong secret").isInstanceOf(MongoSecurityException.class);
            }
            assertThat(db.collection("users").countDocuments(new Document("username", "mallory")))
                    .as("nothing was written by the strangers").isZero();
        }
    }
}
