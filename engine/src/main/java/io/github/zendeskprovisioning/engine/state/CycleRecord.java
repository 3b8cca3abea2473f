package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;
import java.util.Map;

/**
 * One provisioning cycle, kept as it runs. {@code counts} are keyed "Action.Status" (for example
 * "Create.Success") plus a few totals; {@code batchesEnqueued}/{@code batchesDone} tell, without guessing,
 * when the last work batch is done. {@code pendingWatermark} is committed to the job state only when the
 * cycle finishes. {@code control} keeps it moving (see {@link CycleControl}). {@code etag} is the store's
 * version; every update is conditional on it.
 */
public record CycleRecord(String cycleId, CycleMode mode, boolean dryRun, String trigger, CycleStatus status,
                          Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                          int batchesEnqueued, int batchesDone, boolean planningDone, String phase,
                          String statusReason, Watermark pendingWatermark, CycleControl control, String etag) {
    public CycleRecord {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        pendingWatermark = pendingWatermark == null ? Watermark.none() : pendingWatermark;
        control = control == null ? CycleControl.NONE : control;
    }

    /** A record without control fields (as older rows read back). */
    public CycleRecord(String cycleId, CycleMode mode, boolean dryRun, String trigger, CycleStatus status,
                       Instant startedAt, Instant finishedAt, Map<String, Long> counts,
                       int batchesEnqueued, int batchesDone, boolean planningDone, String phase,
                       String statusReason, Watermark pendingWatermark, String etag) {
        this(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, counts, batchesEnqueued, batchesDone,
                planningDone, phase, statusReason, pendingWatermark, CycleControl.NONE, etag);
    }

    public CycleRecord withControl(CycleControl newControl) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, counts,
                batchesEnqueued, batchesDone, planningDone, phase, statusReason, pendingWatermark, newControl, etag);
    }

    public CycleRecord withEtag(String newEtag) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, counts,
                batchesEnqueued, batchesDone, planningDone, phase, statusReason, pendingWatermark, control, newEtag);
    }

    public CycleRecord withProgress(int addEnqueued, int addDone, Map<String, Long> newCounts) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, newCounts,
                batchesEnqueued + addEnqueued, batchesDone + addDone, planningDone, phase, statusReason, pendingWatermark, control, etag);
    }

    public CycleRecord withPhase(String newPhase, boolean newPlanningDone) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, counts,
                batchesEnqueued, batchesDone, newPlanningDone, newPhase, statusReason, pendingWatermark, control, etag);
    }

    public CycleRecord withPendingWatermark(Watermark watermark) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, status, startedAt, finishedAt, counts,
                batchesEnqueued, batchesDone, planningDone, phase, statusReason, watermark, control, etag);
    }

    public CycleRecord finished(CycleStatus newStatus, String reason, Instant at, Map<String, Long> newCounts) {
        return new CycleRecord(cycleId, mode, dryRun, trigger, newStatus, startedAt, at, newCounts,
                batchesEnqueued, batchesDone, planningDone, phase, reason, pendingWatermark, control, etag);
    }

    public boolean allBatchesDone() {
        return planningDone && batchesDone >= batchesEnqueued;
    }

    public long count(String key) {
        return counts.getOrDefault(key, 0L);
    }
}
