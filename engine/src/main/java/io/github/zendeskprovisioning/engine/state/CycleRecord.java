package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;
import java.util.Map;

/**
 * One provisioning cycle, kept as it runs. {@code counts} are keyed "action.status" (for example
 * "Create.Success") plus a few totals; {@code batchesEnqueued}/{@code batchesDone} tell, without guessing,
 * when the last work batch is done. {@code pendingWatermark} is committed to the job state only when the
 * cycle finishes. {@code etag} is the store's version; every update is conditional on it.
 */
public record CycleRecord(String cycleId, CycleMode mode, boolean dryRun, String trigger, CycleStatus status,
                          Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                          int batchesEnqueued, int batchesDone, boolean planningDone, String phase,
                          String statusReason, Watermark pendingWatermark, String etag) {
    public CycleRecord {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        pendingWatermark = pendingWatermark == null ? Watermark.none() : pendingWatermark;
    }
}
