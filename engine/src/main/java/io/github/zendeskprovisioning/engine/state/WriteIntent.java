package io.github.zendeskprovisioning.engine.state;

import java.util.List;

/**
 * What a work batch was about to write for one object, recorded before it wrote: the action it would log
 * ({@link ProvisioningAction#SKIP} when it meant to write nothing), the hash of the desired values, the
 * reason and modified properties of its log entry, and the role with which the object joins its linked
 * groups (null: it joins none). A redelivered batch that finds the object already as desired reports this
 * action, so its log and counts say what the interrupted delivery did, not "unchanged".
 */
public record WriteIntent(String objectId, ProvisioningAction action, String hash, String reason,
                          List<ModifiedProperty> modified, String joinRole) {
    public WriteIntent {
        if (objectId == null || objectId.isEmpty()) throw new IllegalArgumentException("a write intent needs an object id");
        if (action == null) throw new IllegalArgumentException("a write intent needs an action (object " + objectId + ")");
        modified = modified == null ? List.of() : List.copyOf(modified);
    }

    /** Whether it meant to write anything. */
    public boolean writes() {
        return action != ProvisioningAction.SKIP;
    }
}
