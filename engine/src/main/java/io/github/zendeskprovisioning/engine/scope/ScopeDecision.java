package io.github.zendeskprovisioning.engine.scope;

/**
 * Whether a user is provisioned, and with which role. {@code role} is null for a user in scope with no
 * role-bearing assignment: created as end-user, and its Zendesk role is left alone on update.
 */
public record ScopeDecision(boolean inScope, ZendeskRole role, String reason) {
    public static ScopeDecision in(ZendeskRole role, String reason) {
        return new ScopeDecision(true, role, reason);
    }

    public static ScopeDecision out(String reason) {
        return new ScopeDecision(false, null, reason);
    }
}
