package org.voicerooms.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.voicerooms.server.cluster.RedisUnreachableException;

/** The standalone server: {@code java -jar embedded-server.jar [--help] [--SETTING VALUE ...]}. */
public final class Main {

    static {
        // the server's logging setup has its own name, so an app embedding the server keeps its own logback.xml
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "voicerooms-server-logback.xml");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Starts a server and blocks until the JVM shuts down; returns at once with an exit code for --help (0) and bad
     * configuration or an unreachable Redis (2).
     */
    static int run(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(ConfigLoader.help());
            return 0;
        }
        ServerConfig config;
        try {
            config = ConfigLoader.load(args, System.getenv());
        } catch (ConfigException e) {
            err.println("voicerooms-server: " + e.getMessage());
            return 2;
        }
        VoiceRoomsServer server = VoiceRoomsServer.create(config);
        try {
            server.start();
        } catch (RedisUnreachableException e) {
            err.println("voicerooms-server: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            LOG.error("Could not start", e);
            err.println("voicerooms-server: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            done.countDown();
        }, "voicerooms-shutdown"));
        done.await();
        return 0;
    }
}
