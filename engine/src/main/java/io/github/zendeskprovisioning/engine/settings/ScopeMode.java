package io.github.zendeskprovisioning.engine.settings;

/** Which users and groups are provisioned, named as Entra's "Scope" setting is. */
public enum ScopeMode {
    /** Only users and groups assigned to the Zendesk enterprise application. */
    ASSIGNED_ONLY("AssignedOnly"),
    /** Every user and group of the tenant. */
    ALL_USERS_AND_GROUPS("AllUsersAndGroups");

    private final String setting;

    ScopeMode(String setting) {
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }

    public static ScopeMode fromSetting(String value) {
        if (value == null || value.isBlank()) return ASSIGNED_ONLY;
        for (ScopeMode m : values()) {
            if (m.setting.equalsIgnoreCase(value.trim())) return m;
        }
        throw new IllegalArgumentException("PROVISIONING_SCOPE must be AssignedOnly or AllUsersAndGroups, not '" + value + "'");
    }
}
