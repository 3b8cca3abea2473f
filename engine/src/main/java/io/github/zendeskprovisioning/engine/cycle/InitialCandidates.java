package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.state.Link;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The users of a page an initial cycle with AssignedOnly scope has anything to decide for: those assigned to the
 * application directly, the direct members of assigned groups, and those the service has a link for (to suspend,
 * or to check). Every other user of the directory is out of scope with nothing to write or stage, so the planner
 * counts it and leaves it out of the work batches: the batches are then full of users to provision, and a
 * directory much larger than the application's audience costs no work messages for the rest.
 *
 * <p>Only assignments that can bring a user in count, as {@link io.github.zendeskprovisioning.engine.scope.ScopeEvaluator}
 * judges them: one whose app role names a Zendesk role, a custom role it cannot resolve (never out for that), or
 * Default Access when the configuration provisions it. Answered from this process's copies of the snapshot and
 * the links ({@link TenantCopies}), which its user batches read anyway: the snapshot is complete before the first
 * users page (ASSIGNMENTS and MEMBERSHIPS come first, one plan step at a time), and a link only matters here if it
 * existed before the cycle (a link this cycle writes belongs to a user already sent).
 */
final class InitialCandidates {
    private final TenantCopies copies;
    private final boolean defaultAccessCounts;

    InitialCandidates(TenantCopies copies, boolean defaultAccessCounts) {
        this.copies = copies;
        this.defaultAccessCounts = defaultAccessCounts;
    }

    /** Those of {@code ids} to send. */
    Set<String> among(String cycleId, RoleContext roles, Collection<String> ids) {
        RoleCatalog catalog = new RoleCatalog(roles.appRoles(), roles.customRoles());
        Map<String, Link> links = copies.links.users(cycleId, true, ids);
        Map<String, List<Assignment>> direct = copies.scope.assignmentsOf(cycleId, ids);
        Map<String, Set<String>> groupsOf = copies.scope.groupsOf(cycleId, ids);
        Set<String> groupIds = new HashSet<>();
        groupsOf.values().forEach(groupIds::addAll);
        Map<String, List<Assignment>> viaGroups = groupIds.isEmpty() ? Map.of() : copies.scope.assignmentsOf(cycleId, groupIds);
        Set<String> wanted = new LinkedHashSet<>();
        for (String id : ids) {
            if (links.containsKey(id) || grants(direct.get(id), catalog)
                    || groupsOf.getOrDefault(id, Set.of()).stream().anyMatch(g -> grants(viaGroups.get(g), catalog))) {
                wanted.add(id);
            }
        }
        return wanted;
    }

    private boolean grants(List<Assignment> assignments, RoleCatalog catalog) {
        if (assignments == null) return false;
        for (Assignment a : assignments) {
            boolean grants = a.defaultAccess() ? defaultAccessCounts
                    : catalog.roleOf(a).isPresent() || catalog.unresolvedCustomRole(a).isPresent();
            if (grants) return true;
        }
        return false;
    }
}
