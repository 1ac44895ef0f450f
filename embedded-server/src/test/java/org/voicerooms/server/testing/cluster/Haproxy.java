package org.voicerooms.server.testing.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real HAProxy (Debian package haproxy) on a free loopback port in front of server nodes: websocket and long
 * polling, polling connections kept on the node that opened them by their engine.io {@code sid}. The config is the one
 * docs/CLUSTER.md shows.
 */
public final class Haproxy implements AutoCloseable {

    private final int port;
    private final ChildProcess process;

    private Haproxy(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Starts one in {@code dir} balancing over the nodes on {@code nodePorts}; waits until it listens. */
    public static Haproxy start(Path dir, List<Integer> nodePorts) {
        int port = ChildProcess.freePort();
        try {
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, config(port, nodePorts));
            ChildProcess process = ChildProcess.start("haproxy:" + port, List.of("haproxy", "-db", "-f",
                    cfg.toString()), dir.resolve("haproxy.log"));
            process.awaitReady(() -> ChildProcess.listening(port), Duration.ofSeconds(10), "listening");
            return new Haproxy(port, process);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The configuration: round robin, health checks on /api/health, polling connections sticky by sid. */
    static String config(int port, List<Integer> nodePorts) {
        List<String> lines = new ArrayList<>(List.of(
                "global",
                "    maxconn 9000",
                "",
                "defaults",
                "    mode http",
                "    option forwardfor",
                "    option redispatch",
                "    retries 2",
                "    timeout connect 2s",
                "    timeout client 60s",
                "    timeout server 60s",
                "    timeout tunnel 1h",
                "",
                "frontend voicerooms",
                "    bind 127.0.0.1:" + port,
                "    default_backend nodes",
                "",
                "backend nodes",
                "    balance roundrobin",
                "    option httpchk GET /api/health",
                "    http-check expect status 200",
                "    # long polling: later requests of a connection go to the node that answered its handshake",
                "    stick-table type string len 64 size 200k expire 10m",
                "    stick match url_param(sid)",
                "    stick store-response res.hdr(X-Engine-Io-Sid)"));
        for (int i = 0; i < nodePorts.size(); i++) {
            lines.add("    server node" + (i + 1) + " 127.0.0.1:" + nodePorts.get(i) + " check inter 1s fall 2 rise 2");
        }
        lines.add("");
        return String.join("\n", lines);
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String logTail(int lines) {
        return process.logTail(lines);
    }

    @Override
    public void close() {
        process.close();
    }
}
