package io.github.zendeskprovisioning.engine.cycle.messages;

import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.target.CustomRole;

import java.util.List;

/** The app roles and Zendesk custom roles read at the cycle's start, carried to every worker. */
public record RoleContext(List<AppRole> appRoles, List<CustomRole> customRoles) {
    public RoleContext {
        appRoles = appRoles == null ? List.of() : List.copyOf(appRoles);
        customRoles = customRoles == null ? List.of() : List.copyOf(customRoles);
    }
}
