package io.github.zendeskprovisioning.engine.cycle.messages;

import java.util.List;

/**
 * The removals one batch staged, as earlier versions queued them; still decoded (and refused with a clear error)
 * so a leftover message is recognised. Batches now store their removals with CycleStore#stageRemovals.
 */
public record StagedRemovals(String cycleId, String stepId, List<StagedRemoval> removals) implements CycleMessage {
    public StagedRemovals {
        removals = List.copyOf(removals);
    }
}
