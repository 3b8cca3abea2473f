package io.github.zendeskprovisioning.engine.state;

import java.time.Instant;
import java.util.List;

/**
 * One object in one cycle, as Entra's provisioning logs show it. {@code changeId} is unique per entry;
 * {@code reason} says in words why it failed or was skipped. Never carries a secret.
 */
public record ProvisioningLogEntry(String cycleId, String changeId, Instant time, ObjectKind kind,
                                   String sourceId, String sourceName, Long targetId,
                                   ProvisioningAction action, ProvisioningStatus status, boolean dryRun,
                                   List<LogStep> steps, List<ModifiedProperty> modified, String reason) {
    public ProvisioningLogEntry {
        steps = steps == null ? List.of() : List.copyOf(steps);
        modified = modified == null ? List.of() : List.copyOf(modified);
    }
}
