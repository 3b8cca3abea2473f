package io.github.zendeskprovisioning.engine.scope;

import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.target.CustomRole;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves an assignment's app role id to a Zendesk role through the service principal's {@code appRoles}
 * and Zendesk's custom roles.
 */
public final class RoleCatalog {
    private final Map<String, AppRole> appRolesById = new HashMap<>();
    private final Map<String, CustomRole> customRolesByName = new HashMap<>();

    public RoleCatalog(List<AppRole> appRoles, List<CustomRole> customRoles) {
        appRoles.forEach(r -> appRolesById.put(r.id(), r));
        customRoles.forEach(r -> customRolesByName.put(r.name().toLowerCase(Locale.ROOT), r));
    }

    /**
     * The role an assignment carries; empty for Default Access, a disabled or unknown app role, or a value
     * that is neither a Zendesk role nor a custom role's name (the caller logs why).
     */
    public Optional<ZendeskRole> roleOf(Assignment assignment) {
        if (assignment.defaultAccess()) return Optional.empty();
        AppRole appRole = appRolesById.get(assignment.appRoleId());
        if (appRole == null || !appRole.enabled() || appRole.value() == null) return Optional.empty();
        return roleNamed(appRole.value());
    }

    public Optional<ZendeskRole> roleNamed(String value) {
        Optional<ZendeskRole> own = zendesksOwn(value);
        if (own.isPresent()) return own;
        CustomRole custom = customRolesByName.get(value.trim().toLowerCase(Locale.ROOT));
        return custom == null ? Optional.empty() : Optional.of(new ZendeskRole("agent", custom.name(), custom.id()));
    }

    /** One of Zendesk's own roles ({@code end-user}, {@code agent}, {@code admin}, and their spellings), or empty. */
    public static Optional<ZendeskRole> zendesksOwn(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "end-user", "enduser", "end_user", "user" -> Optional.of(ZendeskRole.END_USER);
            case "agent" -> Optional.of(ZendeskRole.AGENT);
            case "admin", "administrator" -> Optional.of(ZendeskRole.ADMIN);
            default -> Optional.empty();
        };
    }

    /**
     * The custom role name an assignment carries that Zendesk does not know: an enabled app role whose value
     * is not end-user, agent or admin and names no Zendesk custom role (renamed or deleted in Zendesk, or
     * custom roles could not be read). Empty for every other assignment.
     */
    public Optional<String> unresolvedCustomRole(Assignment assignment) {
        if (assignment.defaultAccess()) return Optional.empty();
        AppRole appRole = appRolesById.get(assignment.appRoleId());
        if (appRole == null || !appRole.enabled() || appRole.value() == null || appRole.value().isBlank()) return Optional.empty();
        return roleNamed(appRole.value()).isPresent() ? Optional.empty() : Optional.of(appRole.value().trim());
    }

    /** Why a custom role name did not resolve, for the Warning entry that names it. */
    public String whyUnresolved(String roleName) {
        return customRolesByName.isEmpty()
                ? "Zendesk listed no custom roles at all (custom_roles was refused, or the plan has none), so '" + roleName
                        + "' cannot be resolved"
                : "no Zendesk custom role is named '" + roleName + "' (renamed or deleted in Zendesk?)";
    }

    /** The app role's value, for log entries ("agent", "Light Agent", or the id when unknown). */
    public String describe(Assignment assignment) {
        if (assignment.defaultAccess()) return "Default Access";
        AppRole appRole = appRolesById.get(assignment.appRoleId());
        return appRole == null ? "unknown app role " + assignment.appRoleId() : appRole.value();
    }
}
