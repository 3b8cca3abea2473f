package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.cycle.messages.RoleContext;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.scope.RoleCatalog;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.ObjectKind;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The users an initial cycle with AssignedOnly scope has anything to decide for: those assigned to the application
 * directly, the direct members of assigned groups, and those the service has a link for (to suspend, or to check).
 * Only assignments that can bring a user in count, as {@link io.github.zendeskprovisioning.engine.scope.ScopeEvaluator}
 * judges them: one whose app role names a Zendesk role, a custom role it cannot resolve (never out for that), or
 * Default Access when the configuration provisions it.
 * Every other user of the directory is out of scope with nothing to write or stage, so the planner counts it and
 * leaves it out of the work batches: the batches are then full of users to provision, and a directory much
 * larger than the application's audience costs no work messages for the rest.
 *
 * <p>Read once per process and cycle, when the first users page is planned: the snapshot of assignments and group
 * members is complete by then (the ASSIGNMENTS and MEMBERSHIPS phases come before USERS, one plan step at a
 * time, and an initial cycle changes neither afterwards), and links only matter here if they existed before the
 * cycle (a link this cycle writes belongs to a user already sent). Only ids are kept, and dropped when the
 * USERS phase is over.
 */
final class InitialCandidates {
    private final EngineContext ctx;
    private String cycleId;
    private Set<String> ids;

    InitialCandidates(EngineContext ctx) {
        this.ctx = ctx;
    }

    synchronized Set<String> of(String cycleId, RoleContext roles) {
        if (ids == null || !cycleId.equals(this.cycleId)) {
            ids = null;
            ids = read(cycleId, new RoleCatalog(roles.appRoles(), roles.customRoles()));
            this.cycleId = cycleId;
        }
        return ids;
    }

    synchronized void forget() {
        ids = null;
        cycleId = null;
    }

    private Set<String> read(String generation, RoleCatalog roles) {
        Set<String> found = new HashSet<>();
        Set<String> assignedGroups = new LinkedHashSet<>();
        boolean defaultAccessCounts = ctx.settings().mappings().defaultAccessInScope();
        for (Assignment a : ctx.stores().scope().assignments(generation)) {
            boolean grants = a.defaultAccess() ? defaultAccessCounts
                    : roles.roleOf(a).isPresent() || roles.unresolvedCustomRole(a).isPresent();
            if (!grants) continue;
            if (a.principalType() == PrincipalType.GROUP) assignedGroups.add(a.principalId());
            else found.add(a.principalId());
        }
        for (String group : assignedGroups) {
            String continuation = null;
            do {
                MemberPage page = ctx.stores().scope().membersPage(group, continuation, io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore.MAX_PAGE);
                found.addAll(page.userIds());
                continuation = page.continuation();
            } while (continuation != null);
        }
        for (Link l : ctx.stores().links().all(ObjectKind.USER)) found.add(l.entraId());
        return found;
    }
}
