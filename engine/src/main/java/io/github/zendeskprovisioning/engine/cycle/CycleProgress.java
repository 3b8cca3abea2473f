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
 * the finish step. Only the worker whose update made that happen sends the next message.
 */
public final class CycleProgress {
    private final EngineContext ctx;
    private final CycleQueues queues;

    public CycleProgress(EngineContext ctx, CycleQueues queues) {
        this.ctx = ctx;
        this.queues = queues;
    }

    /** A batch is done: count it and its counters. */
    public void batchDone(String cycleId, String stepId, Map<String, Long> counts, RoleContext roles) {
        Optional<CycleRecord> after = ctx.stores().cycles().completeStep(cycleId, stepId,
                r -> r.withProgress(0, 1, Counts.merge(r.counts(), counts)));
        after.ifPresent(r -> advanceIfDone(r, roles));
    }

    /** A planning step is done: it sent {@code batches} batches, and may have been the phase's last page. */
    public Optional<CycleRecord> planStepDone(PlanStep step, int batches, Map<String, Long> counts,
                                              UnaryOperator<CycleRecord> also) {
        return ctx.stores().cycles().completeStep(step.cycleId(), step.stepId(),
                r -> also.apply(r.withProgress(batches, 0, Counts.merge(r.counts(), counts))
                        .withPhase(step.phase().name(), r.planningDone())));
    }

    public void advanceIfDone(CycleRecord r, RoleContext roles) {
        if (!r.allBatchesDone()) return;
        Phase next = switch (r.phase()) {
            case "USERS", "ORPHANS" -> Phase.GROUPS;
            case "GROUPS" -> Phase.FINISH;
            default -> null;
        };
        if (next == null) return;
        Optional<CycleRecord> advanced = ctx.stores().cycles().completeStep(r.cycleId(), "advance-" + r.phase(),
                x -> x.withPhase(next.name(), false));
        if (advanced.isPresent()) queues.send(new PlanStep(r.cycleId(), next, 0, null, roles));
    }
}
