package io.github.zendeskprovisioning.engine.cycle.messages;

import java.util.List;

public record GroupBatch(String cycleId, String stepId, RoleContext roles, List<GroupWork> groups) implements CycleMessage {
    public GroupBatch {
        groups = List.copyOf(groups);
    }
}
