package org.voicerooms.client.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The desktop app's log file, {@code <data-dir>/logs/voicerooms.log}, beside the console log: an app started from
 * a desktop menu has no terminal, so without it nothing it says would be kept. The previous run's log is kept as
 * {@code voicerooms.log.1}, so a file never grows past one run. The bot and the LAN tools keep the console only.
 */
public final class AppLog {

    private static final String APPENDER = "APP_FILE";

    private AppLog() {
    }

    /** Also writes the log to {@code dataDir/logs/voicerooms.log}; returns that file, or null if it cannot. */
    public static Path toFile(Path dataDir) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Path file = dataDir.resolve("logs").resolve("voicerooms.log").toAbsolutePath();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            if (Files.exists(file)) {
                Files.move(file, file.resolveSibling("voicerooms.log.1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(AppLog.class).warn("No log file in {}: {}", file.getParent(), e.toString());
            return null;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n");
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }

    /** Stops writing the log file (tests; the app writes it until it exits). */
    static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            if (root.getAppender(APPENDER) != null) {
                root.getAppender(APPENDER).stop();
                root.detachAppender(APPENDER);
            }
        }
    }
}
