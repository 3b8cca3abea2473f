package io.github.zendeskprovisioning.engine.ports;

import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.WriteIntent;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Cycle records and the job state, both updated only with optimistic concurrency. */
public interface CycleStore {

    /** Stores a new cycle; {@link ConcurrentUpdateException} if the id exists. */
    CycleRecord create(CycleRecord cycle);

    Optional<CycleRecord> find(String cycleId);

    /**
     * Reads the cycle, applies {@code change} and writes it back if nobody wrote in between; on a conflict
     * it re-reads and applies {@code change} again (so {@code change} must be a pure function). Returns the
     * stored result. Throws {@link java.util.NoSuchElementException} for an unknown id.
     */
    CycleRecord update(String cycleId, UnaryOperator<CycleRecord> change);

    /**
     * As {@link #update(String, UnaryOperator)}, but the first attempt applies {@code change} to {@code read}, a record
     * the caller read (or wrote) with its etag, and writes on condition of that etag, saving a read; only when the
     * record moved on since (or {@code read} has no etag) does it read the stored record and apply {@code change} again.
     */
    default CycleRecord update(CycleRecord read, UnaryOperator<CycleRecord> change) {
        return update(read.cycleId(), change);
    }

    /**
     * Applies {@code change} to the cycle and records {@code stepId} as done, atomically (one entity group
     * transaction): a step that was completed already is not applied again and the result is empty. This is
     * how a redelivered queue message is counted once, and how "the last batch is done" is known exactly.
     */
    Optional<CycleRecord> completeStep(String cycleId, String stepId, UnaryOperator<CycleRecord> change);

    /**
     * As {@link #completeStep(String, String, UnaryOperator)}, the first attempt applying {@code change} to {@code read}
     * (a record the caller holds with its etag) instead of reading the record again; a record that moved on since is
     * read and {@code change} applied again, so {@code change} must be a pure function.
     */
    default Optional<CycleRecord> completeStep(CycleRecord read, String stepId, UnaryOperator<CycleRecord> change) {
        return completeStep(read.cycleId(), stepId, change);
    }

    /** Whether {@code stepId} of the cycle was completed through {@link #completeStep}. */
    boolean stepDone(String cycleId, String stepId);

    /**
     * Keeps removals a work batch staged for the cycle's finish step, one row per object (kind and Entra id): a
     * redelivered batch writes the same rows again and leaves a row's settled mark as it was.
     */
    void stageRemovals(String cycleId, List<StagedRemoval> removals);

    /** The cycle's staged removals that are settled (or not), in a stable order (kind, then Entra id). */
    List<StagedRemoval> stagedRemovals(String cycleId, boolean settled);

    /** Marks these staged removals settled: made, failed and escrowed, logged as held, or found back in scope. */
    default void settleRemovals(String cycleId, List<StagedRemoval> removals) {
        settleRemovals(cycleId, removals, List.of());
    }

    /**
     * As {@link #settleRemovals(String, List)}, marking those of {@code held} (some of {@code removals}) as held by
     * the deletion guard, in the same write where the store allows (one transaction for up to 100 rows).
     */
    void settleRemovals(String cycleId, List<StagedRemoval> removals, List<StagedRemoval> held);

    /**
     * The removals the deletion guard held in the cycle, in a stable order: what an approval of that hold releases.
     * Kept while the job state names the cycle as held (retention spares it).
     */
    List<StagedRemoval> heldRemovals(String cycleId);

    /**
     * Replaces what a work batch ({@code stepId}) of the cycle is about to write, one {@link WriteIntent} per object:
     * written before the batch writes to Zendesk, so a redelivery can tell its own earlier write from "nothing to
     * do". Removed with the cycle's other rows.
     */
    void recordIntents(String cycleId, String stepId, List<WriteIntent> intents);

    /** The write intents last recorded for this batch of the cycle (empty when none). */
    List<WriteIntent> intents(String cycleId, String stepId);

    /**
     * Replaces the work a plan step hands on to the step {@code stepId} of the cycle: the users of a page that did
     * not fill a whole batch, as opaque text (a work message's encoding, at most 60,000 characters). Written
     * before the handing step completes; removed with the cycle's other rows.
     */
    void carryWork(String cycleId, String stepId, String work);

    /** The work handed on to this step of the cycle, or null when none was. */
    String carriedWork(String cycleId, String stepId);

    /** The latest cycles, newest first. */
    List<CycleRecord> recent(int max);

    /** The job state ({@link JobState#initial()} before anything was stored). */
    JobState jobState();

    /** As {@link #update}, for the job state. */
    JobState updateJobState(UnaryOperator<JobState> change);

    /** Removes every cycle record and resets the job state. */
    void clear();
}
