package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;

/**
 * The provisioning job as a whole (one row): paused or not, quarantine, the committed watermark, which
 * cycle runs now and which ran last, and whether held deletions were approved for the next cycle.
 */
public record JobState(boolean paused, String quarantineReason, Instant quarantinedUntil,
                       int consecutiveFailedCycles, String currentCycleId, String lastCycleId,
                       Watermark watermark, boolean deletionsApproved, String etag) {
    public JobState {
        watermark = watermark == null ? Watermark.none() : watermark;
    }

    public static JobState initial() {
        return new JobState(false, null, null, 0, null, null, Watermark.none(), false, null);
    }

    public boolean quarantined() {
        return quarantineReason != null;
    }
}
