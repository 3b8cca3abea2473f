package io.github.zendeskprovisioning.engine.cycle.messages;

/** A message of the provisioning cycle, carried as versioned JSON on a queue. */
public sealed interface CycleMessage permits PlanStep, UserBatch, GroupBatch, StagedRemovals {
    String cycleId();

    /** Unique within the cycle and the same on every delivery: it makes processing count once. */
    String stepId();
}
