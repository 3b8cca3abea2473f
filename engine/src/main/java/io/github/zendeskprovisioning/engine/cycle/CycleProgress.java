package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.messages.Phase;
import io.github.zendeskprovisioning.engine.cycle.messages.PlanStep;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.state.CycleRecord;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Counts finished steps into the cycle record, each exactly once (a step marker written in the same
 * transaction), and moves the cycle on when the last batch of a phase is done: users, then groups, then
 * the finish step. The plan message due next is written into the record in that same transaction before it
 * is sent, so a delivery that finds its step already done (its handler died after the write, before the
 * send) can send it again: a message is never the only trace of where the cycle stands.
 */
public final class CycleProgress {
    private final EngineContext ctx;
    private final CycleQueues queues;

    public CycleProgress(EngineContext ctx, CycleQueues queues) {
        this.ctx = ctx;
        this.queues = queues;
    }

    /** A batch is done: count it and its counters. A redelivered batch finishes what its first delivery may not have. */
    public void batchDone(String cycleId, String stepId, Map<String, Long> counts, RoleContext roles) {
        Optional<CycleRecord> after = ctx.stores().cycles().completeStep(cycleId, stepId,
                r -> moved(r.withProgress(0, 1, Counts.merge(r.counts(), counts))));
        if (after.isPresent()) {
            advanceIfDone(after.get(), roles);
        } else {
            ctx.stores().cycles().find(cycleId).ifPresent(r -> batchRedelivered(r, roles));
        }
    }

    /**
     * A planning step is done: it sent {@code batches} batches, and names the plan message due next
     * ({@code successor}), or none when the phase now waits for its batches. The successor is sent only by the
     * delivery that completed the step; returns the record as that delivery wrote it, empty for any other.
     */
    public Optional<CycleRecord> planStepDone(PlanStep step, int batches, Map<String, Long> counts,
                                              UnaryOperator<CycleRecord> also, PlanStep successor) {
        return planStepDone(step, null, batches, counts, also, successor);
    }

    /**
     * As {@link #planStepDone(PlanStep, int, Map, UnaryOperator, PlanStep)}, starting from {@code read}, the record as
     * the step's claim stored it (null: read it first): the store writes on condition of its etag, and reads the
     * record again only when a batch moved it on meanwhile.
     */
    public Optional<CycleRecord> planStepDone(PlanStep step, CycleRecord read, int batches, Map<String, Long> counts,
                                              UnaryOperator<CycleRecord> also, PlanStep successor) {
        // While the phase waits for batches the record keeps the finished step, for the roles the next phase needs.
        String due = queues.codec().encode(successor != null ? successor : step);
        UnaryOperator<CycleRecord> change = r -> {
            CycleRecord changed = also.apply(r.withProgress(batches, 0, Counts.merge(r.counts(), counts))
                    .withPhase(step.phase().name(), r.planningDone()));
            // A step with no successor ends its phase's planning, always: so a record that names a step as due, with
            // planning not done, proves that step not done yet (see isDue).
            if (successor == null) changed = changed.withPhase(changed.phase(), true);
            return moved(changed.withControl(changed.control().withPlanStep(due).withClaim(null, null)));
        };
        Optional<CycleRecord> done = read != null ? ctx.stores().cycles().completeStep(read, step.stepId(), change)
                : ctx.stores().cycles().completeStep(step.cycleId(), step.stepId(), change);
        if (done.isPresent() && successor != null) queues.send(successor);
        return done;
    }

    /**
     * A plan message whose step is already done arrived again. Its handler may have died between completing the
     * step and sending what comes next, so that is sent again (a copy; the step ids make copies harmless). A copy
     * that finds its own step done sends nothing, so copies never multiply.
     */
    public void planStepRedelivered(CycleRecord r, PlanStep step) {
        if (r.finishedAt() != null || step.resent()) return;
        PlanStep due = due(r);
        if (due != null) {
            if (!r.control().claimLive(ctx.clock().instant())) queues.send(due.asResent());
        } else {
            advanceIfDone(r, step.roles());
        }
    }

    /**
     * Whether the record names {@code step} as the plan step due: then the step is not done, for its completion
     * names its successor (or marks the phase's planning done) in the same write as its step marker. Saves reading
     * the marker; a record that does not name it leaves the question to the marker.
     */
    public boolean isDue(CycleRecord r, PlanStep step) {
        PlanStep due = due(r);
        return due != null && due.stepId().equals(step.stepId());
    }

    /** The plan message the cycle waits for, or null while it waits for its work batches. */
    public PlanStep due(CycleRecord r) {
        if (r.planningDone() || r.control().planStep() == null) return null;
        return (PlanStep) queues.codec().decode(r.control().planStep());
    }

    /** The roles the plan carries, as the record last saw them. */
    public RoleContext roles(CycleRecord r) {
        if (r.control().planStep() == null) return new RoleContext(java.util.List.of(), java.util.List.of());
        return ((PlanStep) queues.codec().decode(r.control().planStep())).roles();
    }

    private void batchRedelivered(CycleRecord r, RoleContext roles) {
        if (r.finishedAt() != null) return;
        if (r.allBatchesDone()) {
            advanceIfDone(r, roles);
            return;
        }
        // The advance this batch made may have been stored and never sent: send the new phase's first step again.
        PlanStep due = due(r);
        if (due != null && due.step() == 0 && (due.phase() == Phase.GROUPS || due.phase() == Phase.FINISH)
                && !r.control().claimLive(ctx.clock().instant())
                && !ctx.stores().cycles().stepDone(r.cycleId(), due.stepId())) {
            queues.send(due.asResent());
        }
    }

    public void advanceIfDone(CycleRecord r, RoleContext roles) {
        if (!r.allBatchesDone()) return;
        Phase next = switch (r.phase()) {
            case "USERS", "ORPHANS" -> Phase.GROUPS;
            case "GROUPS" -> Phase.FINISH;
            default -> null;
        };
        if (next == null) return;
        PlanStep step = new PlanStep(r.cycleId(), next, 0, null, roles);
        String due = queues.codec().encode(step);
        // From r as the caller holds it: mostly the record the phase's last batch or step just wrote.
        Optional<CycleRecord> advanced = ctx.stores().cycles().completeStep(r, "advance-" + r.phase(),
                x -> moved(x.withPhase(next.name(), false).withControl(x.control().withPlanStep(due))));
        if (advanced.isPresent()) queues.send(step);
    }

    private CycleRecord moved(CycleRecord r) {
        return r.withControl(r.control().movedAt(ctx.clock().instant()));
    }
}
