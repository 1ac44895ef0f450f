package org.voicerooms.server.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The node scripts of the live benchmarks and what {@code /proc} says about a process. */
final class NodeTools {

    /** USER_HZ: the unit of the CPU times in {@code /proc}; 100 on every Linux this runs on. */
    private static final long CLOCK_TICKS = 100;

    private NodeTools() {
    }

    /** The directory of the node scripts ({@code bench.nodeDir}), with its packages installed ({@code npm ci}). */
    static Path ready() throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("bench.nodeDir", "src/test/node")).toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("idle-sockets.mjs"))) {
            throw new IllegalStateException("no idle-sockets.mjs in " + dir + "; set -Dbench.nodeDir");
        }
        if (!Files.isDirectory(dir.resolve("node_modules/socket.io"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                    .inheritIO().start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("npm ci failed in " + dir);
            }
        }
        return dir;
    }

    /** Resident set size of process {@code pid} in bytes. */
    static long rss(long pid) throws IOException {
        return Long.parseLong(status(pid, "VmRSS:").replace("kB", "").trim()) * 1024;
    }

    /** CPU time process {@code pid} has used, user and system, in milliseconds (from {@code /proc/<pid>/stat}). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state(0) ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime(11) stime
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS;
    }

    /** Threads of process {@code pid}. */
    static int threads(long pid) throws IOException {
        return Integer.parseInt(status(pid, "Threads:").trim());
    }

    private static String status(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return line.substring(key.length());
            }
        }
        throw new IllegalStateException("no " + key + " for process " + pid);
    }

    /** The 1, 5 and 15 minute load averages, as uptime prints them. */
    static String loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
        return f[0] + " " + f[1] + " " + f[2];
    }

    /** {@code tool --version}, first line. */
    static String version(String tool) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines().findFirst().orElse("?");
    }
}
