package io.github.zendeskprovisioning.engine.state;

/**
 * The provisioning job as a whole (one row): paused or not; the quarantine series, if any ({@link Quarantine});
 * {@code failingCycles}, how many cycles in a row the quarantine policy judged failing (one alone never
 * quarantines); the committed watermark; which cycle runs now and which ran last; the cycle whose removals the
 * deletion guard holds ({@code heldCycleId}, {@code heldCount}) and whether an admin approved them.
 */
public record JobState(boolean paused, Quarantine quarantine, int failingCycles, String currentCycleId, String lastCycleId,
                       Watermark watermark, String heldCycleId, int heldCount, boolean deletionsApproved, String etag) {
    public JobState {
        watermark = watermark == null ? Watermark.none() : watermark;
    }

    public static JobState initial() {
        return new JobState(false, null, 0, null, null, Watermark.none(), null, 0, false, null);
    }

    /** A quarantine that holds cycles back (the deletion guard's does not). */
    public boolean quarantined() {
        return quarantine != null && quarantine.holdsCyclesBack();
    }

    public JobState withPaused(boolean value) {
        return new JobState(value, quarantine, failingCycles, currentCycleId, lastCycleId, watermark, heldCycleId, heldCount, deletionsApproved, etag);
    }

    public JobState withQuarantine(Quarantine value, int newFailingCycles) {
        return new JobState(paused, value, newFailingCycles, currentCycleId, lastCycleId, watermark, heldCycleId, heldCount, deletionsApproved, etag);
    }

    public JobState withCurrentCycle(String cycleId) {
        return new JobState(paused, quarantine, failingCycles, cycleId, lastCycleId, watermark, heldCycleId, heldCount, deletionsApproved, etag);
    }

    public JobState withLastCycle(String cycleId) {
        return new JobState(paused, quarantine, failingCycles, null, cycleId, watermark, heldCycleId, heldCount, deletionsApproved, etag);
    }

    public JobState withWatermark(Watermark value) {
        return new JobState(paused, quarantine, failingCycles, currentCycleId, lastCycleId, value, heldCycleId, heldCount, deletionsApproved, etag);
    }

    public JobState withDeletionsApproved(boolean value) {
        return new JobState(paused, quarantine, failingCycles, currentCycleId, lastCycleId, watermark, heldCycleId, heldCount, value, etag);
    }

    /** The deletion guard held {@code count} removals of {@code cycleId} (null: nothing is held); not yet approved. */
    public JobState withHeld(String cycleId, int count) {
        return new JobState(paused, quarantine, failingCycles, currentCycleId, lastCycleId, watermark, cycleId, cycleId == null ? 0 : count, false, etag);
    }

    public JobState withEtag(String value) {
        return new JobState(paused, quarantine, failingCycles, currentCycleId, lastCycleId, watermark, heldCycleId, heldCount, deletionsApproved, value);
    }
}
