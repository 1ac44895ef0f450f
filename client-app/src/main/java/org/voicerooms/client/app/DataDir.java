package org.voicerooms.client.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data folder one running copy of the app owns, held by a lock file for as long as it runs. A second copy
 * under the same OS account (two people trying the app on one computer) would otherwise share the first one's
 * settings and its hosted server's database, which the first holds open; it gets a folder of its own next to it
 * ({@code instance-2}, …) and a note saying so.
 */
final class DataDir implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DataDir.class);
    static final String LOCK_FILE = ".lock";
    static final int MAX_INSTANCES = 9;

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;
    private final String note;

    private DataDir(Path dir, FileChannel channel, FileLock lock, String note) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
        this.note = note;
    }

    /** Claims {@code preferred}, or the first free {@code preferred/instance-N} when another copy holds it. */
    static DataDir claim(Path preferred) {
        for (int n = 1; n <= MAX_INSTANCES; n++) {
            Path dir = n == 1 ? preferred : preferred.resolve("instance-" + n);
            DataDir claimed = tryClaim(dir, n == 1 ? null : "Another copy of Voice Rooms is running with "
                    + preferred + ". This copy keeps its own name, settings and hosted rooms in " + dir + ".");
            if (claimed != null) {
                return claimed;
            }
        }
        throw new IllegalStateException(MAX_INSTANCES + " copies of Voice Rooms are already running with "
                + preferred + "; close one, or start this one with --data-dir DIR");
    }

    private static DataDir tryClaim(Path dir, String note) {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (tests run several apps in one JVM)
            }
            if (lock == null) {
                channel.close();
                return null;
            }
            if (note != null) {
                LOG.info("{}", note);
            }
            return new DataDir(dir, channel, lock, note);
        } catch (IOException e) {
            throw new UncheckedIOException("data folder " + dir + " unusable: " + e.getMessage(), e);
        }
    }

    Path path() {
        return dir;
    }

    /** Why this copy is not in the folder it was asked for, or null. */
    String note() {
        return note;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            LOG.debug("Lock of {} not released: {}", dir, e.getMessage());
        }
    }
}
