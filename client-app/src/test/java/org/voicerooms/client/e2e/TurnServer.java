package org.voicerooms.client.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * coturn inside the test's private network with a configuration written for the test: the TURN REST API scheme
 * ({@code use-auth-secret} with the room server's {@code turn-secret}), UDP and TCP on the namespace address only,
 * relay ports from that address, no TLS, no CLI.
 */
final class TurnServer implements AutoCloseable {

    static final int PORT = 3478;
    static final String SECRET = "turn-test-secret";

    private final Process process;
    /** The {@code ice-servers} entry for the room server. */
    final String url = "turn:" + PrivateNetwork.HOST + ":" + PORT + "?transport=udp";

    TurnServer(PrivateNetwork net, Path dir) throws IOException, InterruptedException {
        Path conf = dir.resolve("turnserver.conf");
        Files.writeString(conf, """
                listening-ip=%s
                relay-ip=%s
                listening-port=%d
                min-port=49152
                max-port=49252
                use-auth-secret
                static-auth-secret=%s
                realm=voicerooms.test
                fingerprint
                no-tls
                no-dtls
                no-cli
                no-multicast-peers
                log-file=stdout
                simple-log
                pidfile=%s
                """.formatted(PrivateNetwork.HOST, PrivateNetwork.HOST, PORT, SECRET, dir.resolve("turn.pid")));
        process = new ProcessBuilder(net.inside("turnserver", "-c", conf.toString())).redirectErrorStream(true)
                .redirectOutput(dir.resolve("turnserver.log").toFile()).start();
        JanusGateway.awaitPort(net, PORT, process, dir.resolve("turnserver.log"));
    }

    /** Whether coturn is installed here. */
    static boolean available() {
        return PrivateNetwork.onPath("turnserver");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
