package org.voicerooms.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.voicerooms.server.ConfigException;
import org.voicerooms.server.ConfigLoader;
import org.voicerooms.server.ServerConfig;

/**
 * Threat: secrets leak through logs and the process list. A config printed (a log line, an exception message)
 * shows no secret; the JWT secret can come from a file or the environment instead of a command-line flag that
 * every user of the machine can read in {@code ps}.
 */
class ConfigSecretsTest {

    private static final String JWT = "jwt-secret-that-must-not-leak-0123456789";

    @Test
    void aPrintedConfigShowsNoSecret() {
        ServerConfig config = ServerConfig.builder().jwtSecret(JWT).turnSecret("turn-secret-value")
                .mongoUri("mongodb://voice:db-password@db.internal:27017/voicerooms").build();
        assertThat(config.toString()).doesNotContain(JWT, "turn-secret-value", "db-password")
                .contains("mongodb://voice:(hidden)@db.internal:27017/voicerooms");
    }

    @Test
    void theJwtSecretComesFromAFileOrTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jwt.secret");
        Files.writeString(file, JWT + "\n");
        assertThat(ConfigLoader.load(new String[] {"--jwt-secret-file", file.toString()}, Map.of()).jwtSecret())
                .isEqualTo(JWT);
        assertThat(ConfigLoader.load(new String[0], Map.of("VOICEROOMS_JWT_SECRET_FILE", file.toString()))
                .jwtSecret()).isEqualTo(JWT);
        assertThat(ConfigLoader.load(new String[0], Map.of("VOICEROOMS_JWT_SECRET", JWT)).jwtSecret())
                .isEqualTo(JWT);
        assertThatThrownBy(() -> ConfigLoader.load(new String[] {"--jwt-secret-file", dir.resolve("nope")
                .toString()}, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("jwt-secret-file");
    }
}
