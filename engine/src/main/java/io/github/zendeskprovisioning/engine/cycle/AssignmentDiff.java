package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** How one assignment snapshot differs from the next, by principal. */
record AssignmentDiff(Map<String, Set<String>> before, Map<String, Set<String>> after, Map<String, PrincipalType> types) {
    static AssignmentDiff between(Iterable<Assignment> before, Iterable<Assignment> after) {
        Map<String, PrincipalType> types = new HashMap<>();
        return new AssignmentDiff(index(before, types), index(after, types), types);
    }

    private static Map<String, Set<String>> index(Iterable<Assignment> assignments, Map<String, PrincipalType> types) {
        Map<String, Set<String>> byPrincipal = new HashMap<>();
        for (Assignment a : assignments) {
            byPrincipal.computeIfAbsent(a.principalId(), k -> new TreeSet<>()).add(a.appRoleId());
            types.put(a.principalId(), a.principalType());
        }
        return byPrincipal;
    }

    Set<String> changed(PrincipalType type) {
        Set<String> result = new TreeSet<>();
        Set<String> all = new TreeSet<>(before.keySet());
        all.addAll(after.keySet());
        for (String p : all) {
            if (types.get(p) == type && !Objects.equals(before.get(p), after.get(p))) result.add(p);
        }
        return result;
    }

    Set<String> changedUsers() {
        return changed(PrincipalType.USER);
    }

    Set<String> changedGroups() {
        return changed(PrincipalType.GROUP);
    }

    boolean assignedNow(String principal) {
        return after.containsKey(principal);
    }

    boolean assignedBefore(String principal) {
        return before.containsKey(principal);
    }
}
