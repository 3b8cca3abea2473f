package io.github.zendeskprovisioning.engine.state;

/**
 * What one finished cycle did, for telemetry and reports. Counts are objects (users and groups).
 * {@code staged}: suspensions/deletions held by the deletion guard.
 */
public record CycleSummary(String cycleId, CycleMode mode, CycleStatus status, boolean dryRun, boolean held,
                           String statusReason, long durationMs,
                           long created, long updated, long disabled, long enabled, long deleted,
                           long skipped, long failed, long staged,
                           long zendeskRequests, long zendeskThrottled, long graphRequests) {
}
