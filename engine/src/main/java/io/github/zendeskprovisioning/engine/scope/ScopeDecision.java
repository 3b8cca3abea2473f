package io.github.zendeskprovisioning.engine.scope;

import java.util.List;

/**
 * Whether a user is provisioned, and with which role. {@code role} is null for a user in scope with no
 * role-bearing assignment that resolves: created as end-user, and its Zendesk role is left alone on update.
 * {@code unresolvedRoles} names the custom roles of its assignments that Zendesk does not know (renamed or
 * deleted there, or custom roles not readable); such a user is kept in scope and its role and suspension
 * are left as Zendesk has them, so that a broken role name never suspends or demotes anybody.
 * {@code outsideFilters}: out because the user's attributes fail the scoping filters (whatever its assignments
 * say); that verdict rests on the attributes read in the batch, not on the scope snapshot.
 */
public record ScopeDecision(boolean inScope, ZendeskRole role, String reason, List<String> unresolvedRoles,
                            boolean outsideFilters) {
    public ScopeDecision {
        unresolvedRoles = unresolvedRoles == null ? List.of() : List.copyOf(unresolvedRoles);
    }

    public static ScopeDecision in(ZendeskRole role, String reason) {
        return new ScopeDecision(true, role, reason, List.of(), false);
    }

    public static ScopeDecision out(String reason) {
        return new ScopeDecision(false, null, reason, List.of(), false);
    }

    /** The user's attributes fail every scoping filter: out like an unassigned user. */
    public static ScopeDecision outsideFilters(String reason) {
        return new ScopeDecision(false, null, reason, List.of(), true);
    }

    /** In scope on the strength of assignments whose custom roles Zendesk does not know (and perhaps others). */
    public static ScopeDecision unresolved(ZendeskRole resolved, List<String> unresolvedRoles, String reason) {
        return new ScopeDecision(true, resolved, reason, unresolvedRoles, false);
    }

    public boolean hasUnresolvedRoles() {
        return !unresolvedRoles.isEmpty();
    }

    /**
     * Whether the user is in scope only through roles that could not be resolved: then Zendesk's role and
     * suspension are kept as they are (a resolvable role among its assignments is applied as usual, never lowering).
     */
    public boolean keepsZendeskState() {
        return hasUnresolvedRoles() && role == null;
    }
}
