package io.github.zendeskprovisioning.engine.directory;

/** One of the service principal's {@code appRoles}: its id and the {@code value} that names the Zendesk role. */
public record AppRole(String id, String value, String displayName, boolean enabled) {
}
