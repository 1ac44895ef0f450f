package org.voicerooms.server.media;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the SFU answers, for the media policy: probed at start and every {@link #PERIOD} on a thread of its own
 * (a probe waits at most the Janus request timeout, so nothing else ever waits on Janus for it), down after
 * {@link #FAILED_PROBES} failed probes in a row (one slow answer on a busy machine must not move every room), and
 * marked down at once when a member's SFU request finds Janus unreachable. A change runs {@code onChange} (the live rooms follow
 * the media policy again: small rooms fall back to a mesh, or move back to the SFU).
 */
public final class SfuHealth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SfuHealth.class);
    /** How often the SFU is asked. */
    static final Duration PERIOD = Duration.ofSeconds(5);
    /** Probes that must fail in a row before the SFU counts as down. */
    static final int FAILED_PROBES = 2;

    private final BooleanSupplier probe;
    private final Runnable onChange;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "voicerooms-sfu-health");
        t.setDaemon(true);
        return t;
    });
    /** Optimistic until the first probe: a room made meanwhile asks Janus, and a failure marks it down. */
    private volatile boolean up = true;
    /** Probes failed in a row (health thread). */
    private int failures;

    public SfuHealth(BooleanSupplier probe, Runnable onChange) {
        this.probe = probe;
        this.onChange = onChange;
        thread.scheduleWithFixedDelay(this::check, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the SFU is not known to be down. Any thread; never waits. */
    public boolean up() {
        return up;
    }

    /** A request to the SFU found it unreachable: down now, until a probe gets an answer. Never waits. */
    public void failed() {
        thread.execute(() -> set(false));
    }

    private void check() {
        boolean answers;
        try {
            answers = probe.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("SFU probe failed", e);
            answers = false;
        }
        failures = answers ? 0 : failures + 1;
        if (answers || failures >= FAILED_PROBES) {
            set(answers);
        }
    }

    private void set(boolean now) {
        if (now == up) {
            return;
        }
        up = now;
        LOG.warn("The SFU is {}", now ? "reachable again" : "unreachable; small rooms fall back to a mesh");
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.warn("Rooms did not follow the SFU's health", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
