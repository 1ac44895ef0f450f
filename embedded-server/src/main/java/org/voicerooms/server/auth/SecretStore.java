package org.voicerooms.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JWT secret of a server that was given none: generated once, then read back from the data directory. */
public final class SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);
    static final String FILE = "jwt-secret";

    private SecretStore() {
    }

    /** The secret kept in {@code dataDir}, created (64 random bytes, owner-only file) on first use. */
    public static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (secret.length() >= 32) {
                    return secret;
                }
                LOG.warn("JWT secret in {} is too short; generating a new one (existing tokens stop working)", file);
            }
            Files.createDirectories(dataDir);
            byte[] bytes = new byte[64];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Path tmp = Files.createTempFile(dataDir, FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                LOG.debug("file system has no POSIX permissions; {} keeps its default access", tmp);
            }
            Files.writeString(tmp, secret, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Generated a JWT secret in {}", file);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the JWT secret in " + dataDir, e);
        }
    }
}
