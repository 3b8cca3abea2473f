package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.AppRole;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.ports.EntraSource;
import io.github.zendeskprovisioning.engine.ports.ZendeskTarget;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.target.CustomRole;
import io.github.zendeskprovisioning.engine.target.ZendeskException;

import java.util.ArrayList;
import java.util.List;

/** Reads the planner and on-demand provisioning both make. */
final class Reads {
    private Reads() {
    }

    /**
     * Zendesk's custom roles, when these app roles need them: only an enabled app role whose value is not one of
     * Zendesk's own roles (end-user, agent, admin) can name a custom role, so a tenant without such an app role
     * costs no request (a cycle with nothing to do then makes no Zendesk call at all).
     */
    static List<CustomRole> customRolesFor(List<AppRole> appRoles, ZendeskTarget zendesk) {
        boolean named = appRoles.stream().anyMatch(r -> r.enabled() && r.value() != null && !r.value().isBlank()
                && RoleCatalog.zendesksOwn(r.value()).isEmpty());
        return named ? customRoles(zendesk) : List.of();
    }

    /** Zendesk's custom roles; none where the plan has no custom roles (403/404 below Enterprise). */
    private static List<CustomRole> customRoles(ZendeskTarget zendesk) {
        try {
            return zendesk.customRoles();
        } catch (ZendeskException e) {
            if (e.error().httpStatus() == 403 || e.error().httpStatus() == 404) return List.of();
            throw e;
        }
    }

    /** Every direct user member of a group, page by page. */
    static List<String> memberIds(EntraSource entra, String groupId) {
        List<String> members = new ArrayList<>();
        String cursor = null;
        do {
            Page<String> page = entra.groupMemberIds(groupId, cursor);
            members.addAll(page.items());
            cursor = page.nextPageToken();
        } while (cursor != null);
        return members;
    }
}
