package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counters of one unit of work, merged into the cycle record. Keys are "Action.Status" (e.g.
 * "Create.Success") plus plain names ("unchanged", "outOfScope", "staged", "processed").
 */
public final class Counts {
    public static final String UNCHANGED = "unchanged";
    public static final String OUT_OF_SCOPE = "outOfScope";
    public static final String STAGED = "staged";
    public static final String PROCESSED = "processed";
    public static final String FAILED = "failed";
    public static final String ATTEMPTED_WRITES = "attemptedWrites";
    public static final String CREDENTIAL_FAILURES = "credentialFailures";
    /** Prefix of the counts of users per custom role name that Zendesk could not resolve. */
    public static final String UNRESOLVED_CUSTOM_ROLE = "unresolvedCustomRole:";

    private final Map<String, Long> values = new HashMap<>();

    public void add(String key, long n) {
        if (n != 0) values.merge(key, n, Long::sum);
    }

    public void add(String key) {
        add(key, 1);
    }

    public void action(ProvisioningAction action, ProvisioningStatus status) {
        add(key(action, status));
        if (status == ProvisioningStatus.FAILURE) add(FAILED);
    }

    public Map<String, Long> toMap() {
        return Map.copyOf(values);
    }

    public static String key(ProvisioningAction action, ProvisioningStatus status) {
        return action.label() + "." + status.label();
    }

    public static Map<String, Long> merge(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> result = new TreeMap<>(a);
        b.forEach((k, v) -> result.merge(k, v, Long::sum));
        return result;
    }

    public static String unresolvedCustomRole(String roleName) {
        return UNRESOLVED_CUSTOM_ROLE + roleName;
    }

    /** Users per custom role name that could not be resolved, from a cycle's counts; sorted by name. */
    public static Map<String, Long> unresolvedCustomRoles(Map<String, Long> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (k.startsWith(UNRESOLVED_CUSTOM_ROLE)) out.put(k.substring(UNRESOLVED_CUSTOM_ROLE.length()), v);
        });
        return out;
    }

    /** Sum of every status of one action. */
    public static long ofAction(Map<String, Long> counts, ProvisioningAction action, ProvisioningStatus status) {
        return counts.getOrDefault(key(action, status), 0L);
    }
}
