package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.server.ServerConfig;
import org.voicerooms.server.VoiceRoomsServer;
import org.voicerooms.server.testing.Api;
import org.voicerooms.server.testing.TestServer;

/**
 * Threats to the stored data: other users of the machine reading password hashes and the signing secret, and a
 * damaged database file turning the server into a crash loop.
 */
class DataAtRestIT {

    @TempDir
    Path parent;

    private static ServerConfig config(Path dataDir) {
        return ServerConfig.builder().host("127.0.0.1").port(0).dataDir(dataDir).jwtSecret(TestServer.JWT_SECRET)
                .bcryptCost(4).build();
    }

    @Test
    void theDataDirectoryAndDatabaseFileAreTheOwnersOnly() throws Exception {
        Path dataDir = parent.resolve("data");
        Files.createDirectories(dataDir);
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (VoiceRoomsServer server = VoiceRoomsServer.create(config(dataDir)).start()) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    dataDir.resolve("voicerooms.mv.db")))).isEqualTo("rw-------");
        }
    }

    @Test
    void aCorruptDatabaseFileIsMovedAsideAndTheServerStarts() throws Exception {
        Path dataDir = parent.resolve("damaged");
        Files.createDirectories(dataDir);
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) 0x5a);
        System.arraycopy("H:2,blockSize:1000,".getBytes(), 0, garbage, 0, 19);
        Files.write(dataDir.resolve("voicerooms.mv.db"), garbage);

        try (VoiceRoomsServer server = VoiceRoomsServer.create(config(dataDir)).start()) {
            Api api = new Api(() -> "http://127.0.0.1:" + server.port());
            api.get("/api/health", null).expect(200);
            api.newUser("fresh");
        }
        List<Path> aside;
        try (Stream<Path> files = Files.list(dataDir)) {
            aside = files.filter(p -> p.getFileName().toString().startsWith("voicerooms.mv.db.corrupt-")).toList();
        }
        assertThat(aside).as("the damaged file, kept for recovery").hasSize(1);
        assertThat(Files.readAllBytes(aside.get(0))).isEqualTo(garbage);
    }
}
