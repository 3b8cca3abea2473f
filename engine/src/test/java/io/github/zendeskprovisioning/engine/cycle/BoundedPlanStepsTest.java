package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plan steps whose input grows with the tenant are chains of bounded steps: one page per message. */
class BoundedPlanStepsTest {
    private final Tenant t = new Tenant();

    private static Link link(String entraId, long zendeskId, LinkState state) {
        return new Link(ObjectKind.USER, entraId, zendeskId, state, "end-user", "hash", Instant.EPOCH, null);
    }

    @Test
    void anOrphansSweepOverMoreLinksThanAPageIsOneStepPerPageAndFindsOrphansOnEveryPage() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        List<Link> links = new ArrayList<>();
        // 2,500 suspended links (read, never orphans) and an active orphan on the first, second and third page.
        for (int i = 0; i < 2_500; i++) links.add(link(String.format("link-%04d", i), 100_000 + i, LinkState.SUSPENDED));
        List<ZendeskUser> orphans = new ArrayList<>();
        for (String id : List.of("aaa-gone", "link-1500-gone", "zzz-gone")) {
            ZendeskUser u = t.zendesk.addUser(id, id + "@contoso.com", id, "end-user");
            orphans.add(u);
            links.add(link(id, u.id(), LinkState.ACTIVE));
        }
        t.stores.links().upsertAll(links);

        CycleRecord cycle = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        int pages = (2_503 + CyclePlanner.ORPHANS_PER_STEP - 1) / CyclePlanner.ORPHANS_PER_STEP;
        for (int step = 0; step < pages; step++) {
            assertTrue(t.stores.cycles().stepDone(cycle.cycleId(), "plan-orphans-" + step), "step " + step);
        }
        assertFalse(t.stores.cycles().stepDone(cycle.cycleId(), "plan-orphans-" + pages));
        for (ZendeskUser u : orphans) {
            assertTrue(t.zendesk.usersByIds(List.of(u.id())).get(0).suspended(), u.externalId() + " suspended");
        }
        assertEquals(3, cycle.count("Disable.Success"), "the three orphans, nothing else");
    }

    @Test
    void aNewlyAssignedGroupOfSeveralPagesStoresOnePageOfMembersPerStep() {
        List<Integer> added = new ArrayList<>();
        StateStores real = t.stores;
        t.stores = new StateStores(real.links(), real.cycles(), real.log(), real.escrow(), recording(real.scope(), added),
                real.queues(), real.memberships(), real.retention());
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        String big = t.entra.addGroup("Everyone");
        for (int i = 0; i < 23; i++) t.entra.addMember(big, t.entra.addUser("e" + i + "@contoso.com", "E " + i));
        t.sync(); // the group exists, unassigned: its members are not tracked
        t.entra.pageSize = 5;
        t.entra.assign(big, true, FakeEntra.ROLE_AGENT);
        added.clear();

        CycleRecord cycle = t.sync();

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        // Steps 1..5 read the 23 members 5 at a time, each storing only its own page.
        for (int step = 1; step <= 5; step++) {
            assertTrue(t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-" + step), "step " + step);
        }
        assertEquals(List.of(5, 5, 5, 5, 3), added);
    }

    /** The scope store, recording the size of each addMembers call. */
    private static ScopeSnapshotStore recording(ScopeSnapshotStore delegate, List<Integer> sizes) {
        return (ScopeSnapshotStore) Proxy.newProxyInstance(ScopeSnapshotStore.class.getClassLoader(),
                new Class<?>[]{ScopeSnapshotStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("addMembers")) sizes.add(((Collection<?>) args[1]).size());
                    try {
                        return method.invoke(delegate, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
