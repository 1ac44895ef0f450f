package org.voicerooms.client.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The desktop app's log lands in its data directory (no terminal when started from a menu), one run per file. */
class AppLogTest {

    @TempDir
    Path dir;

    @AfterEach
    void detach() {
        AppLog.stop();
    }

    @Test
    void theLogIsWrittenUnderTheDataDirectoryAndThePreviousRunIsKept() throws Exception {
        Path file = AppLog.toFile(dir);
        assertThat(file).isEqualTo(dir.resolve("logs/voicerooms.log").toAbsolutePath());
        LoggerFactory.getLogger(AppLogTest.class).info("first run says hello");
        assertThat(Files.readString(file)).contains("first run says hello");
        AppLog.stop();

        AppLog.toFile(dir);
        LoggerFactory.getLogger(AppLogTest.class).info("second run");
        assertThat(Files.readString(file)).contains("second run").doesNotContain("first run");
        assertThat(Files.readString(dir.resolve("logs/voicerooms.log.1"))).contains("first run says hello");
    }
}
