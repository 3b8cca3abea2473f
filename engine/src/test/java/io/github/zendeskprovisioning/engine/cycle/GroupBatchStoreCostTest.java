package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.ports.LinkStore;
import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the group batches of an initial cycle cost the store: a bounded number of operations per batch (one read of
 * its groups' links, one assignment query, one intents write before the group writes and one before the membership
 * writes, one links transaction, one log append), none per group, so 80 groups cost per batch what 20 do. Only the
 * reads of each group's own members remain per group. Escrow is asked only about groups that came by id.
 */
class GroupBatchStoreCostTest {
    private static final String GROUP_BATCH = GroupBatchProcessor.class.getName();
    private static final String PLANNER = CyclePlanner.class.getName();

    /** A tenant of {@code groups} assigned groups (agent role), each with two members of its own. */
    private static final class World {
        final Tenant t = new Tenant();
        final Map<String, Integer> calls = new TreeMap<>();
        final List<String> groups = new ArrayList<>();

        World(int groups) {
            StateStores real = t.stores;
            t.stores = new StateStores(counting(LinkStore.class, real.links(), "links"), counting(CycleStore.class, real.cycles(), "cycles"),
                    counting(ProvisioningLog.class, real.log(), "log"), counting(EscrowStore.class, real.escrow(), "escrow"),
                    counting(ScopeSnapshotStore.class, real.scope(), "scope"), real.queues(), real.memberships(), real.retention());
            t.entra.pageSize = 100;
            for (int g = 0; g < groups; g++) {
                String id = t.entra.addGroup("Team " + g);
                t.entra.assign(id, true, FakeEntra.ROLE_AGENT);
                this.groups.add(id);
                for (int m = 0; m < 2; m++) t.entra.addMember(id, t.entra.addUser("u" + g + "-" + m + "@contoso.com", "User " + g + "-" + m));
            }
        }

        synchronized int count(String what) {
            return calls.getOrDefault(what, 0);
        }

        synchronized void reset() {
            calls.clear();
        }

        private synchronized void called(String what) {
            calls.merge(what, 1, Integer::sum);
        }

        /** Counts the calls made by a group batch ({@code batch.}) or by the planner's GROUPS step ({@code planner.}). */
        @SuppressWarnings("unchecked")
        private <T> T counting(Class<T> port, T delegate, String name) {
            return (T) Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[]{port}, (proxy, method, args) -> {
                String caller = StackWalker.getInstance().walk(frames -> frames
                        .filter(f -> f.getClassName().equals(GROUP_BATCH) && f.getMethodName().equals("process")
                                || f.getClassName().equals(PLANNER) && f.getMethodName().equals("groups"))
                        .map(f -> f.getClassName().equals(GROUP_BATCH) ? "batch." : "planner.").findFirst().orElse(null));
                if (caller != null) {
                    String what = caller + name + "." + method.getName();
                    if (args != null && args.length > 0 && args[0] instanceof ObjectKind kind) what += "(" + kind + ")";
                    called(what);
                }
                try {
                    return method.invoke(delegate, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            });
        }
    }

    /** Per group batch of an initial cycle: the store calls of all its group batches divided by their number. */
    private static Map<String, Double> perBatchOfAnInitialCycle(int groups) {
        World w = new World(groups);
        CycleRecord cycle = w.t.sync(true, false);
        assertEquals(3 * groups, cycle.count("Create.Success"), "every user and group created");
        for (String g : w.groups) {
            long zendeskGroup = w.t.stores.links().find(ObjectKind.GROUP, g).orElseThrow().zendeskId();
            assertEquals(2, w.t.zendesk.membersOf(zendeskGroup).size(), "the group's two agents joined it");
        }
        int batches = w.count("batch.log.append");
        int perBatch = WorkBatches.groupsPerBatch(groups);
        assertEquals((groups + perBatch - 1) / perBatch, batches, "one log append per group batch: " + w.calls);
        Map<String, Double> seen = new TreeMap<>();
        for (String what : List.of("batch.links.find(GROUP)", "batch.links.all(GROUP)", "batch.scope.assignmentsOf",
                "batch.cycles.recordIntents", "batch.links.upsertAll", "batch.escrow.remove(GROUP)", "batch.cycles.find",
                "batch.cycles.intents")) {
            seen.put(what, (double) w.count(what) / batches);
        }
        assertEquals(groups, w.count("batch.scope.membersOf"), "each group's members are read for its memberships, once");
        assertEquals(0, w.count("planner.links.find(GROUP)"), "the planner's GROUPS step takes the links from the copy: " + w.calls);
        assertEquals(1, w.count("planner.scope.assignmentsOf"), "the planner asks about its page of groups once: " + w.calls);
        return seen;
    }

    @Test
    void groupBatchesOfAnInitialCycleCostTheStoreTheSamePerBatchFor80GroupsAsFor20() {
        Map<String, Double> twenty = perBatchOfAnInitialCycle(20);
        Map<String, Double> eighty = perBatchOfAnInitialCycle(80);

        assertEquals(twenty, eighty, "4 batches of 5 groups and 8 of 10 cost the same per batch");
        assertEquals(0.0, eighty.get("batch.links.find(GROUP)"), "no link read per group: " + eighty);
        assertEquals(1.0, eighty.get("batch.links.all(GROUP)"), "the batch's group links in one read: " + eighty);
        assertEquals(1.0, eighty.get("batch.scope.assignmentsOf"), "one assignment query per batch: " + eighty);
        assertEquals(2.0, eighty.get("batch.cycles.recordIntents"),
                "the intents stored once before the group creates and once before the membership creates: " + eighty);
        assertEquals(1.0, eighty.get("batch.links.upsertAll"), "the new groups' links in one transaction: " + eighty);
        assertEquals(0.0, eighty.get("batch.escrow.remove(GROUP)"), "no escrow entry deleted for groups that came by name: " + eighty);
    }

    @Test
    void aFailedGroupIsRetriedByIdAndItsEscrowEntryClearedWhenItSucceeds() {
        World w = new World(6);
        w.t.zendesk.failNext("POST /api/v2/groups", 1, FakeZendesk.unavailable());

        CycleRecord failed = w.t.sync(true, false);

        assertEquals(1, failed.count("Create.Failure"), "one group's create failed");
        assertEquals(6 * 2 + 5, failed.count("Create.Success"), "the others, and every user, are created");
        assertEquals(1, w.t.stores.escrow().all().size(), "only the failed group is escrowed: " + w.t.stores.escrow().all());
        String failedGroup = w.t.stores.escrow().all().get(0).objectId();
        assertEquals(ObjectKind.GROUP, w.t.stores.escrow().all().get(0).kind());
        assertEquals(ProvisioningAction.CREATE, w.t.stores.escrow().all().get(0).action());
        assertEquals(0, w.count("batch.escrow.remove(GROUP)"), "groups created from the cycle's read of Entra ask escrow nothing");
        w.reset();

        CycleRecord retry = w.t.sync();

        assertEquals(1, retry.count("Create.Success"), "the failed group is created by the next cycle");
        long zendeskGroup = w.t.stores.links().find(ObjectKind.GROUP, failedGroup).orElseThrow().zendeskId();
        assertEquals(2, w.t.zendesk.membersOf(zendeskGroup).size(), "and its members joined it");
        assertTrue(w.t.stores.escrow().all().isEmpty(), "its escrow entry is cleared: " + w.t.stores.escrow().all());
        assertEquals(1, w.count("batch.escrow.remove(GROUP)"), "the retried group's entry, and only it, is deleted");
    }
}
