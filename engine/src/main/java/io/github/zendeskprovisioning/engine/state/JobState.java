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

    public JobState withPaused(boolean value) {
        return new JobState(value, quarantineReason, quarantinedUntil, consecutiveFailedCycles, currentCycleId, lastCycleId, watermark, deletionsApproved, etag);
    }

    public JobState withQuarantine(String reason, Instant until, int failedCycles) {
        return new JobState(paused, reason, until, failedCycles, currentCycleId, lastCycleId, watermark, deletionsApproved, etag);
    }

    public JobState withCurrentCycle(String cycleId) {
        return new JobState(paused, quarantineReason, quarantinedUntil, consecutiveFailedCycles, cycleId, lastCycleId, watermark, deletionsApproved, etag);
    }

    public JobState withLastCycle(String cycleId) {
        return new JobState(paused, quarantineReason, quarantinedUntil, consecutiveFailedCycles, null, cycleId, watermark, deletionsApproved, etag);
    }

    public JobState withWatermark(Watermark value) {
        return new JobState(paused, quarantineReason, quarantinedUntil, consecutiveFailedCycles, currentCycleId, lastCycleId, value, deletionsApproved, etag);
    }

    public JobState withDeletionsApproved(boolean value) {
        return new JobState(paused, quarantineReason, quarantinedUntil, consecutiveFailedCycles, currentCycleId, lastCycleId, watermark, value, etag);
    }
}
