package io.github.zendeskprovisioning.engine.scope;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides scope and role for one user from its direct assignments and those of the groups it is a direct
 * member of. Rules (CONTRACT.md): disabled users are out; with AssignedOnly a user needs an assignment, and
 * one whose only assignments are Default Access is out unless {@code defaultAccessInScope}; the highest
 * role of all role-bearing assignments wins (admin > agent/custom > end-user).
 */
public final class ScopeEvaluator {
    private final ScopeMode mode;
    private final boolean defaultAccessInScope;
    private final RoleCatalog roles;

    public ScopeEvaluator(ScopeMode mode, boolean defaultAccessInScope, RoleCatalog roles) {
        this.mode = mode;
        this.defaultAccessInScope = defaultAccessInScope;
        this.roles = roles;
    }

    public ScopeDecision decide(EntraUser user, List<Assignment> direct, List<Assignment> viaGroups) {
        if (!user.accountEnabled()) return ScopeDecision.out("account disabled in Entra (accountEnabled=false)");
        List<Assignment> all = new ArrayList<>(direct);
        all.addAll(viaGroups);
        Optional<ZendeskRole> highest = all.stream()
                .map(roles::roleOf).flatMap(Optional::stream)
                .max(Comparator.comparingInt(ZendeskRole::rank)
                        .thenComparing(r -> r.customRoleName() == null ? "" : r.customRoleName(), Comparator.reverseOrder()));
        List<String> unresolved = all.stream().map(roles::unresolvedCustomRole).flatMap(Optional::stream).distinct().sorted().toList();
        if (!unresolved.isEmpty()) {
            // Never out of scope for a role name Zendesk no longer knows: that would suspend people for a rename.
            String why = unresolved.stream().map(roles::whyUnresolved).collect(java.util.stream.Collectors.joining("; "));
            return ScopeDecision.unresolved(highest.orElse(null), unresolved, "assigned with custom role(s) "
                    + unresolved.stream().map(r -> "'" + r + "'").toList() + " that could not be resolved: " + why
                    + (highest.isPresent() ? "; the other assignments give " + highest.get().label() : ""));
        }
        if (highest.isPresent()) {
            return ScopeDecision.in(highest.get(), "assigned with role " + highest.get().label()
                    + (direct.isEmpty() ? " through a group" : ""));
        }
        if (mode == ScopeMode.ALL_USERS_AND_GROUPS) {
            return ScopeDecision.in(null, "scope is all users and groups");
        }
        if (all.isEmpty()) return ScopeDecision.out("not assigned to the Zendesk application");
        boolean onlyDefaultAccess = all.stream().allMatch(Assignment::defaultAccess);
        if (onlyDefaultAccess) {
            return defaultAccessInScope
                    ? ScopeDecision.in(null, "assigned with Default Access (allowed by configuration)")
                    : ScopeDecision.out("only assignment is Default Access, which is not provisioned");
        }
        return ScopeDecision.out("assigned app role(s) " + all.stream().map(roles::describe).distinct().toList()
                + " name no Zendesk role or custom role");
    }
}
