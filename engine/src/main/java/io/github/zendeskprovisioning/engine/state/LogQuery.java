package io.github.zendeskprovisioning.engine.state;

/** Which log entries to read; a null field does not filter. {@code objectId} is the Entra object id. */
public record LogQuery(String cycleId, String objectId, ProvisioningStatus status, ProvisioningAction action) {
    public static LogQuery all() {
        return new LogQuery(null, null, null, null);
    }
}
