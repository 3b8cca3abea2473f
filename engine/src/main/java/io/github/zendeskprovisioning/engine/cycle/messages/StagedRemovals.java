package io.github.zendeskprovisioning.engine.cycle.messages;

import java.util.List;

/** The removals one batch staged; kept on the staged queue until the cycle's finish step reads them. */
public record StagedRemovals(String cycleId, String stepId, List<StagedRemoval> removals) implements CycleMessage {
    public StagedRemovals {
        removals = List.copyOf(removals);
    }
}
