package io.github.zendeskprovisioning.simulators.graph;

import java.util.Map;

/**
 * What {@link GraphSimulator#seedSample()} created: the Zendesk app's service principal, its role ids, and the
 * users and groups by a short name (for example {@code "alice"}, {@code "support"}).
 */
public record SampleTenant(String servicePrincipalId, String endUserRoleId, String agentRoleId, String adminRoleId,
                           Map<String, String> users, Map<String, String> groups) {
    public SampleTenant {
        users = Map.copyOf(users);
        groups = Map.copyOf(groups);
    }

    public String user(String name) {
        String id = users.get(name);
        if (id == null) throw new IllegalArgumentException("the sample tenant has no user " + name);
        return id;
    }

    public String group(String name) {
        String id = groups.get(name);
        if (id == null) throw new IllegalArgumentException("the sample tenant has no group " + name);
        return id;
    }
}
