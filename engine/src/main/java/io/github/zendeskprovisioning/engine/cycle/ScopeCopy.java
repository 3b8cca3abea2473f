package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.state.Membership;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The scope snapshot as the user batches of one initial cycle see it, read once per process: every assignment of
 * the cycle's generation (one partition) and every membership (the whole reverse index), in pages. Every user
 * of the tenant comes in some batch of an initial cycle, so asking the store per batch would cost a query per
 * few users; this costs about one read per 1,000 rows, once.
 *
 * <p>The copy is exact for the whole cycle: an initial cycle writes its snapshot in the ASSIGNMENTS and
 * MEMBERSHIPS phases (ASSIGNMENT_CHANGES writes only in incremental cycles), and {@code CyclePlanner} sends the
 * first user batch in the ESCROW phase, after both; nothing else of the cycle writes it before FINISH. Provisioning
 * on demand may refresh one group's members meanwhile; a copy read before that sees the cycle's own reading of
 * Entra, as a user batch planned before it would.
 *
 * <p>Kept small for 100,000 users in several processes of one JVM: of an assignment only its principal type and
 * app role (all the {@code ScopeEvaluator} reads; one shared instance per distinct pair), group ids interned, and
 * per principal one int array. A copy is dropped as soon as a batch of another cycle asks.
 */
final class ScopeCopy {
    private final ScopeSnapshotStore store;
    private Copy copy;

    ScopeCopy(ScopeSnapshotStore store) {
        this.store = store;
    }

    /** The assignments of these principals in the generation, keyed by principal id (absent: none), from the copy. */
    Map<String, List<Assignment>> assignmentsOf(String generation, Collection<String> principalIds) {
        return each(copy(generation)::assignmentsOf, principalIds);
    }

    /** The groups each of these users is a direct member of, keyed by user id (absent: none), from the copy. */
    Map<String, Set<String>> groupsOf(String generation, Collection<String> userIds) {
        return each(copy(generation)::groupsOf, userIds);
    }

    /** What {@code read} gives for each id, in the ids' order, leaving out the ids it gives nothing for. */
    private static <V extends Collection<?>> Map<String, V> each(Function<String, V> read, Collection<String> ids) {
        Map<String, V> found = new LinkedHashMap<>();
        for (String id : ids) {
            V of = read.apply(id);
            if (!of.isEmpty()) found.put(id, of);
        }
        return found;
    }

    /** Forgets the copy (a batch of a cycle that is not initial: the copy would only hold memory). */
    synchronized void drop() {
        copy = null;
    }

    private synchronized Copy copy(String generation) {
        if (copy == null || !copy.generation.equals(generation)) {
            copy = null;
            copy = Copy.read(generation, store);
        }
        return copy;
    }

    /**
     * One generation's copy. Per principal id, one array of codes: {@code -1 - i} is assignment prototype i,
     * {@code i >= 0} is group i (the principal is a user, member of that group).
     */
    private static final class Copy {
        private static final int[] NONE = new int[0];
        final String generation;
        private final Map<String, int[]> codes;
        private final Assignment[] prototypes;
        private final String[] groups;

        private Copy(String generation, Map<String, int[]> codes, Assignment[] prototypes, String[] groups) {
            this.generation = generation;
            this.codes = codes;
            this.prototypes = prototypes;
            this.groups = groups;
        }

        static Copy read(String generation, ScopeSnapshotStore store) {
            Map<String, int[]> codes = new HashMap<>();
            Map<List<Object>, Integer> prototypeIndex = new HashMap<>();
            List<Assignment> prototypes = new ArrayList<>();
            for (Assignment a : store.assignments(generation)) {
                List<Object> key = Arrays.asList(a.principalType(), a.appRoleId());
                Integer i = prototypeIndex.get(key);
                if (i == null) {
                    i = prototypes.size();
                    prototypeIndex.put(key, i);
                    prototypes.add(new Assignment(null, null, a.principalType(), a.appRoleId(), null));
                }
                codes.merge(a.principalId(), new int[]{-1 - i}, Copy::concat);
            }
            Map<String, Integer> groupIndex = new HashMap<>();
            List<String> groups = new ArrayList<>();
            for (Membership m : store.memberships()) {
                Integer i = groupIndex.get(m.groupId());
                if (i == null) {
                    i = groups.size();
                    groupIndex.put(m.groupId(), i);
                    groups.add(m.groupId());
                }
                codes.merge(m.userId(), new int[]{i}, Copy::concat);
            }
            return new Copy(generation, codes, prototypes.toArray(Assignment[]::new), groups.toArray(String[]::new));
        }

        List<Assignment> assignmentsOf(String principalId) {
            List<Assignment> of = new ArrayList<>();
            for (int code : codes.getOrDefault(principalId, NONE)) if (code < 0) of.add(prototypes[-1 - code]);
            return of;
        }

        Set<String> groupsOf(String userId) {
            Set<String> of = new LinkedHashSet<>();
            for (int code : codes.getOrDefault(userId, NONE)) if (code >= 0) of.add(groups[code]);
            return of;
        }

        private static int[] concat(int[] a, int[] b) {
            int[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }
    }
}
