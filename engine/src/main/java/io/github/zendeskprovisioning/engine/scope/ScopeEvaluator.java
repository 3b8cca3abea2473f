package io.github.zendeskprovisioning.engine.scope;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.mapping.filters.ClauseVerdict;
import io.github.zendeskprovisioning.engine.mapping.filters.FilterVerdict;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingFilters;
import io.github.zendeskprovisioning.engine.mapping.filters.ScopingVerdict;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides scope and role for one user from its direct assignments and those of the groups it is a direct
 * member of. Rules (CONTRACT.md): disabled users are out; with AssignedOnly a user needs an assignment, and
 * one whose only assignments are Default Access is out unless {@code defaultAccessInScope}; the highest
 * role of all role-bearing assignments wins (admin > agent/custom > end-user). A user the assignments put in
 * scope is still out when its attributes fail the scoping filters, like an unassigned one.
 *
 * <p>The three-argument form judges assignments alone: it serves re-checks that hold no user attributes
 * (a removal staged because of the filters is never re-checked that way; see {@link ScopeDecision#outsideFilters()}).
 */
public final class ScopeEvaluator {
    private final ScopeMode mode;
    private final boolean defaultAccessInScope;
    private final RoleCatalog roles;
    private final ScopingFilters filters;

    public ScopeEvaluator(ScopeMode mode, boolean defaultAccessInScope, RoleCatalog roles) {
        this(mode, defaultAccessInScope, roles, ScopingFilters.none());
    }

    public ScopeEvaluator(ScopeMode mode, boolean defaultAccessInScope, RoleCatalog roles, ScopingFilters filters) {
        this.mode = mode;
        this.defaultAccessInScope = defaultAccessInScope;
        this.roles = roles;
        this.filters = filters == null ? ScopingFilters.none() : filters;
    }

    /** With everything the settings say: scope mode, Default Access, and the mapping configuration's scoping filters. */
    public static ScopeEvaluator of(ProvisioningSettings settings, RoleCatalog roles) {
        return new ScopeEvaluator(settings.scopeMode(), settings.mappings().defaultAccessInScope(), roles,
                settings.mappings().scopingFilters());
    }

    public ScopeDecision decide(EntraUser user, List<Assignment> direct, List<Assignment> viaGroups) {
        ScopeDecision byAssignments = decideByAssignments(user, direct, viaGroups);
        if (filters.isEmpty() || !user.accountEnabled()) return byAssignments;
        ScopingVerdict verdict = filters.evaluate(user);
        if (verdict.inScope()) return byAssignments;
        // Marked as a filter verdict even when unassigned too: an assignment found later in the cycle must not revive it.
        return ScopeDecision.outsideFilters(byAssignments.inScope() ? outsideReason(verdict)
                : byAssignments.reason() + "; " + outsideReason(verdict));
    }

    /** The scoping filters' verdict on one user, every clause included (for a preview). */
    public ScopingVerdict filterVerdict(EntraUser user) {
        return filters.evaluate(user);
    }

    /** Names every failed clause of every filter: an admin must see what to change to bring the user in. */
    private static String outsideReason(ScopingVerdict verdict) {
        List<String> parts = new ArrayList<>();
        for (FilterVerdict f : verdict.filters()) {
            List<String> failed = f.clauses().stream().filter(c -> !c.passed()).map(ClauseVerdict::describe).toList();
            parts.add("filter " + f.number() + ": " + String.join("; ", failed));
        }
        return "outside the scoping filters (" + String.join(" | ", parts) + ")";
    }

    private ScopeDecision decideByAssignments(EntraUser user, List<Assignment> direct, List<Assignment> viaGroups) {
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
