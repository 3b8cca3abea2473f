package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the user and group batches of an initial cycle cost in scope snapshot and link reads: every user comes in some
 * batch, so each process reads the snapshot and the links whole, once, and no batch asks per user or per member.
 * The figures are the same for 120 users as for 480.
 */
class InitialCycleLookupCostTest {
    private static final String CREATE_MEMBERSHIPS = "POST /api/v2/group_memberships/create_many";
    private static final int GROUPS = 4;

    /** A tenant whose users are all in scope through assigned groups (each user in one or two of them). */
    private static final class World {
        final Tenant t = new Tenant();
        final Map<String, Integer> calls = new TreeMap<>();
        final List<String> groups = new ArrayList<>();

        World(int users, String groupRole) {
            StateStores real = t.stores;
            t.stores = new StateStores(counting(LinkStore.class, real.links(), "links"), real.cycles(), real.log(), real.escrow(),
                    counting(ScopeSnapshotStore.class, real.scope(), "scope"), real.queues(), real.memberships(), real.retention());
            t.entra.pageSize = 100;
            for (int g = 0; g < GROUPS; g++) {
                String id = t.entra.addGroup("Team " + g);
                t.entra.assign(id, true, groupRole);
                groups.add(id);
            }
            for (int i = 0; i < users; i++) {
                String id = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
                t.entra.addMember(groups.get(i % GROUPS), id);
                if (i % 3 == 0) t.entra.addMember(groups.get((i + 1) % GROUPS), id);
            }
        }

        synchronized int count(String what) {
            return calls.getOrDefault(what, 0);
        }

        synchronized void reset() {
            calls.clear();
        }

        private synchronized void called(String what, int n) {
            calls.merge(what, n, Integer::sum);
        }

        /** Counts calls by name (and link kind); for the batch lookups, the ids asked too. */
        @SuppressWarnings("unchecked")
        private <T> T counting(Class<T> port, T delegate, String name) {
            return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
                String what = name + "." + method.getName();
                if (args != null && args.length > 0 && args[0] instanceof ObjectKind kind) what += "(" + kind + ")";
                called(what, 1);
                if (args != null) {
                    for (Object a : args) if (a instanceof Collection<?> ids) called(what + " ids", ids.size());
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    private static Map<String, Integer> lookupsOfAnInitialCycle(int users) {
        World w = new World(users, FakeEntra.ROLE_AGENT);
        CycleRecord cycle = w.t.sync(true, false);
        assertEquals(users + GROUPS, cycle.count("Create.Success"), "every user and group created");
        for (String g : w.groups) {
            assertTrue(w.t.zendesk.membersOf(groupIdIn(w, g)).size() >= users / GROUPS, "the group's members joined it");
        }
        Map<String, Integer> seen = new TreeMap<>();
        for (String what : List.of("scope.groupsOf", "scope.assignmentsOf", "scope.assignmentsOf ids", "scope.memberships",
                "scope.assignments", "links.find(USER) ids", "links.find(GROUP) ids", "links.all(USER)", "links.all(GROUP)")) {
            seen.put(what, w.count(what));
        }
        return seen;
    }

    private static long groupIdIn(World w, String entraGroupId) {
        return w.t.stores.links().find(ObjectKind.GROUP, entraGroupId).orElseThrow().zendeskId();
    }

    @Test
    void anInitialCycleReadsTheSnapshotAndTheLinksOnceWhateverTheNumberOfUsers() {
        Map<String, Integer> small = lookupsOfAnInitialCycle(120);
        Map<String, Integer> large = lookupsOfAnInitialCycle(480);

        assertEquals(small, large, "the same reads for 480 users in 5 batches as for 120 in 2");
        assertEquals(0, large.get("scope.groupsOf"), "no query of the groups of a batch's users");
        assertEquals(1, large.get("scope.memberships"), "the membership index read once");
        assertEquals(1, large.get("scope.assignments"), "the generation's assignments read once");
        assertEquals(0, large.get("links.find(USER) ids"), "no user link read one by one, by a user batch or a group's members");
        assertEquals(2, large.get("links.all(USER)"), "all user links read for the user batches, and again after them for the groups");
        // What is left asks per page or batch of groups, never per user or per group: the planner (MEMBERSHIPS and
        // GROUPS, a page each) and the one group batch each ask about their groups once.
        assertEquals(3, large.get("scope.assignmentsOf"), large.toString());
        assertEquals(0, large.get("links.find(GROUP) ids"), large.toString());
        assertEquals(2, large.get("links.all(GROUP)"), "the group links read once for new agents and the planner, and"
                + " once, fresh, by the group batch");
    }

    @Test
    void theNewAgentsOfABatchJoinTheirGroupsInOneMembershipRequest() {
        World w = new World(60, FakeEntra.ROLE_END_USER);
        CycleRecord first = w.t.sync(true, false);
        assertEquals(60 + GROUPS, first.count("Create.Success"));
        assertEquals(0, w.t.zendesk.requestsTo(CREATE_MEMBERSHIPS), "end-users join no group");
        // The groups now give the agent role: the next initial cycle raises all 60 users, in one batch.
        for (String g : w.groups) w.t.entra.assign(g, true, FakeEntra.ROLE_AGENT);
        w.reset();

        CycleRecord raised = w.t.sync(true, false);

        assertEquals(60, raised.count("Update.Success"), "every user raised");
        int pairs = 0;
        for (String g : w.groups) pairs += w.t.zendesk.membersOf(groupIdIn(w, g)).size();
        assertEquals(60 + 20, pairs, "every user in its groups (every third in two)");
        assertEquals(1, w.t.zendesk.requestsTo(CREATE_MEMBERSHIPS), "80 memberships of 60 new agents in one request, not one per agent");
        assertEquals(0, w.count("scope.groupsOf"), "their groups from the copy of the index");
        assertTrue(w.count("links.find(GROUP) ids") <= 2 * GROUPS, "their groups' links from the copy; the planner and the group"
                + " batch read their groups' own: " + w.calls);
    }

    @Test
    void aFailedJoinOfABatchsNewAgentsWarnsEachUserAndEscrowsEachMembership() {
        World w = new World(60, FakeEntra.ROLE_END_USER);
        w.t.sync(true, false);
        for (String g : w.groups) w.t.entra.assign(g, true, FakeEntra.ROLE_AGENT);
        // The batch's one call, and each group's own reconciliation in the same cycle.
        w.t.zendesk.failNext(CREATE_MEMBERSHIPS, 1 + GROUPS, FakeZendesk.unavailable());

        CycleRecord raised = w.t.sync(true, false);

        assertEquals(60, raised.count("Update.Success"), "the users are written; only their memberships failed");
        List<ProvisioningLogEntry> warnings = w.t.log(raised.cycleId()).stream()
                .filter(e -> e.reason() != null && e.reason().startsWith("could not add to its Zendesk groups")).toList();
        assertEquals(60, warnings.size(), "one warning per user");
        assertTrue(warnings.stream().allMatch(e -> e.status() == ProvisioningStatus.WARNING));
        assertEquals(60 + 20, w.t.stores.escrow().all().stream().filter(e -> e.kind() == ObjectKind.MEMBERSHIP).count(),
                "each membership escrowed");

        w.t.sync();

        int pairs = 0;
        for (String g : w.groups) pairs += w.t.zendesk.membersOf(groupIdIn(w, g)).size();
        assertEquals(60 + 20, pairs, "the next cycle makes them");
        assertTrue(w.t.stores.escrow().all().isEmpty());
    }

    @Test
    void anIncrementalCycleAsksTheStoreForTheGroupsOfItsNewAgentsOncePerBatch() {
        World w = new World(150, FakeEntra.ROLE_END_USER);
        w.t.sync(true, false);
        for (String g : w.groups) w.t.entra.assign(g, true, FakeEntra.ROLE_AGENT);
        w.reset();

        CycleRecord raised = w.t.sync();

        assertEquals(150, raised.count("Update.Success"), "every user raised");
        int pairs = 0;
        for (String g : w.groups) pairs += w.t.zendesk.membersOf(groupIdIn(w, g)).size();
        assertEquals(150 + 50, pairs);
        assertEquals(0, w.count("scope.memberships"), "no copy of the index for a delta");
        assertEquals(0, w.count("links.all(USER)"), "no copy of the user links for a delta");
        assertEquals(1, w.count("links.all(GROUP)"), "the group batch (its 4 groups) reads their links in one read, fresh: " + w.calls);
    }
}
