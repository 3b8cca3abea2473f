package io.github.zendeskprovisioning.engine.scope;

import java.util.Locale;

/**
 * The Zendesk role an app role value names: {@code end-user}, {@code agent}, {@code admin}, or the name of a
 * custom role (which implies agent). Ranked so that the highest of several assignments wins and an update
 * can tell a promotion from a demotion.
 */
public record ZendeskRole(String role, String customRoleName, Long customRoleId) {
    public static final ZendeskRole END_USER = new ZendeskRole("end-user", null, null);
    public static final ZendeskRole AGENT = new ZendeskRole("agent", null, null);
    public static final ZendeskRole ADMIN = new ZendeskRole("admin", null, null);

    public int rank() {
        return rankOf(role);
    }

    /** admin 3, agent 2 (custom roles too), end-user 1, unknown 0. */
    public static int rankOf(String role) {
        if (role == null) return 0;
        return switch (role.toLowerCase(Locale.ROOT)) {
            case "admin" -> 3;
            case "agent" -> 2;
            case "end-user", "end_user", "enduser" -> 1;
            default -> 0;
        };
    }

    public boolean agentOrAdmin() {
        return rank() >= 2;
    }

    public String label() {
        return customRoleName != null ? "agent (" + customRoleName + ")" : role;
    }
}
