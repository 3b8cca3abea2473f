package io.github.zendeskprovisioning.engine.settings;

import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;

/**
 * What the engine is told by configuration. {@code deleteThreshold}: most suspensions plus deletions one
 * cycle may make before it is held. {@code dryRun}: compute and log, never write to Zendesk.
 */
public record ProvisioningSettings(String servicePrincipalId, ScopeMode scopeMode, MappingConfiguration mappings,
                                   int deleteThreshold, boolean dryRun) {
    public static final int DEFAULT_DELETE_THRESHOLD = 500;

    public ProvisioningSettings {
        if (scopeMode == ScopeMode.ASSIGNED_ONLY && (servicePrincipalId == null || servicePrincipalId.isBlank())) {
            throw new IllegalArgumentException(
                    "PROVISIONING_SERVICE_PRINCIPAL_ID is required when PROVISIONING_SCOPE is AssignedOnly");
        }
        if (deleteThreshold < 0) throw new IllegalArgumentException("PROVISIONING_DELETE_THRESHOLD must be 0 or more");
        mappings = mappings == null ? MappingConfiguration.defaults() : mappings;
    }

    public ProvisioningSettings withDryRun(boolean value) {
        return new ProvisioningSettings(servicePrincipalId, scopeMode, mappings, deleteThreshold, value);
    }
}
