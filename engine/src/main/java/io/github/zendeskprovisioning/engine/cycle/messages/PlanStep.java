package io.github.zendeskprovisioning.engine.cycle.messages;

/**
 * One step of the planning chain: a phase, the step number in it, and the Graph cursor to go on from.
 * {@code resent}: a copy sent again because the original may have been lost (a redelivery, the watchdog, a
 * deferral); a copy that finds its step already done stops there instead of sending its successor once more,
 * so copies never multiply along the chain.
 */
public record PlanStep(String cycleId, Phase phase, int step, String cursor, RoleContext roles, boolean resent)
        implements CycleMessage {

    public PlanStep(String cycleId, Phase phase, int step, String cursor, RoleContext roles) {
        this(cycleId, phase, step, cursor, roles, false);
    }

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

    public PlanStep asResent() {
        return new PlanStep(cycleId, phase, step, cursor, roles, true);
    }
}
