package io.github.zendeskprovisioning.engine.cycle.messages;

import java.util.List;

/** Up to 100 users for one worker. */
public record UserBatch(String cycleId, String stepId, RoleContext roles, List<UserWork> users) implements CycleMessage {
    public UserBatch {
        users = List.copyOf(users);
    }
}
