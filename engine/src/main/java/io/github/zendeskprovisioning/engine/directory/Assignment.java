package io.github.zendeskprovisioning.engine.directory;

/** One entry of the service principal's {@code appRoleAssignedTo}. */
public record Assignment(String id, String principalId, PrincipalType principalType, String appRoleId,
                         String principalDisplayName) {
    /** The app role id Entra uses for "Default Access". */
    public static final String DEFAULT_ACCESS = "00000000-0000-0000-0000-000000000000";

    public boolean defaultAccess() {
        return DEFAULT_ACCESS.equals(appRoleId);
    }
}
