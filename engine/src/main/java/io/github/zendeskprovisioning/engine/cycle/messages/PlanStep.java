package io.github.zendeskprovisioning.engine.cycle.messages;

/** One step of the planning chain: a phase, the step number in it, and the Graph cursor to go on from. */
public record PlanStep(String cycleId, Phase phase, int step, String cursor, RoleContext roles) implements CycleMessage {
    @Override
    public String stepId() {
        return "plan-" + phase.name().toLowerCase(java.util.Locale.ROOT) + "-" + step;
    }

    public PlanStep next(String nextCursor) {
        return new PlanStep(cycleId, phase, step + 1, nextCursor, roles);
    }

    public PlanStep then(Phase nextPhase) {
        return new PlanStep(cycleId, nextPhase, 0, null, roles);
    }
}
