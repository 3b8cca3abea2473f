package io.github.zendeskprovisioning.engine;

import io.github.zendeskprovisioning.engine.ports.Retention;

import java.time.Clock;
import java.time.Duration;

/**
 * PROVISIONING_LOG_RETENTION_DAYS applied once, as the timer does on each tick: everything older than the
 * retention period, at most {@link #DELETES_PER_TICK} rows (ten entity group transactions of 100).
 */
public final class LogRetention {
    public static final int DELETES_PER_TICK = 1000;

    private final Retention retention;
    private final Duration keep;
    private final Clock clock;
    private final int deletesPerTick;

    public LogRetention(Retention retention, int retentionDays, Clock clock) {
        this(retention, retentionDays, clock, DELETES_PER_TICK);
    }

    public LogRetention(Retention retention, int retentionDays, Clock clock, int deletesPerTick) {
        if (retentionDays < 1) throw new IllegalArgumentException("retention must be at least one day, not " + retentionDays);
        if (deletesPerTick < 1) throw new IllegalArgumentException("deletes per tick must be at least 1, not " + deletesPerTick);
        this.retention = retention;
        this.keep = Duration.ofDays(retentionDays);
        this.clock = clock;
        this.deletesPerTick = deletesPerTick;
    }

    public Retention.Pruned pruneOnce() {
        return retention.prune(clock.instant().minus(keep), deletesPerTick);
    }
}
