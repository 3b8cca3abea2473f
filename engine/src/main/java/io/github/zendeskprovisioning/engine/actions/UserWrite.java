package io.github.zendeskprovisioning.engine.actions;

import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;

import java.util.List;
import java.util.Map;

/**
 * The write one user needs: the attributes to send (only those that change), the action it is logged as,
 * the old-to-new values, the Zendesk role after the write, and a note when a role was kept rather than lowered.
 */
public record UserWrite(ProvisioningAction action, Map<String, Object> fields, List<ModifiedProperty> modified,
                        String resultingRole, String roleNote) {
    public UserWrite {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        modified = List.copyOf(modified);
    }

    public boolean sendsNothing() {
        return fields.isEmpty();
    }
}
