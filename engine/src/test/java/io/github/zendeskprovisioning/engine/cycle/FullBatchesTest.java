package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Work batches are full: users of a Graph page that do not fill a batch are handed on to the next page's step, and
 * an initial cycle sends only the users it has something to decide for (assigned, in an assigned group, or
 * linked), counting the rest of the directory as out of scope.
 */
class FullBatchesTest {
    private final Tenant t = new Tenant();

    @Test
    void anInitialCycleSendsOnlyAssignedUsersInBatchesOfOneHundredAcrossPages() {
        // Pages of 50, one user in three unassigned: 250 to provision spread over 8 pages.
        int assigned = 0;
        for (int i = 0; i < 375; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
            if (i % 3 != 2) {
                t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
                assigned++;
            }
        }
        CycleRecord first = t.sync(true, false);
        assertEquals(250, assigned);
        assertEquals(250, first.count("Create.Success"));
        assertEquals(3, first.batchesEnqueued(), "100, 100 and the last 50: no batch of a page's leftovers");
        assertEquals(375, first.count(Counts.PROCESSED), "every user of the directory is counted");
        assertEquals(125, first.count(Counts.OUT_OF_SCOPE));
    }

    @Test
    void aLinkedUserNoLongerAssignedIsStillSentAndSuspendedInAnInitialCycle() {
        String stays = t.entra.addUser("stays@contoso.com", "Stays");
        String leaves = t.entra.addUser("leaves@contoso.com", "Leaves");
        t.entra.assign(stays, false, FakeEntra.ROLE_AGENT);
        t.entra.assign(leaves, false, FakeEntra.ROLE_AGENT);
        t.sync(true, false);
        t.entra.unassign(leaves);
        CycleRecord again = t.sync(true, false);
        assertEquals(1, again.count("Disable.Success"), "the linked user was evaluated and suspended");
        assertEquals(true, t.zendesk.byEmail("leaves@contoso.com").suspended());
    }

    @Test
    void anIncrementalCycleHandsLeftoversOnToo() {
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(t.entra.addUser("u" + i + "@contoso.com", "User " + i));
            t.entra.assign(ids.get(i), false, FakeEntra.ROLE_AGENT);
        }
        t.sync(true, false);
        for (String id : ids) t.entra.update(id, "displayName", "Renamed " + id);
        CycleRecord delta = t.sync(false, false);
        assertEquals(150, delta.count("Update.Success"));
        assertEquals(2, delta.batchesEnqueued(), "pages of 50 make batches of 100 and 50");
    }

    @Test
    void membersOfAGroupAssignedOnlyDefaultAccessAreCountedOutOfScopeAndNeverSent() {
        String group = t.entra.addGroup("Everyone");
        t.entra.assign(group, true, io.github.zendeskprovisioning.engine.directory.Assignment.DEFAULT_ACCESS);
        for (int i = 0; i < 120; i++) t.entra.addMember(group, t.entra.addUser("d" + i + "@contoso.com", "Default " + i));
        for (int i = 0; i < 30; i++) t.entra.assign(t.entra.addUser("a" + i + "@contoso.com", "Agent " + i), false, FakeEntra.ROLE_AGENT);
        CycleRecord first = t.sync(true, false);
        assertEquals(31, first.count("Create.Success"), "the 30 assigned a role, and the group");
        assertEquals(2, first.batchesEnqueued(), "one batch of the 30 assigned a role, and one for the assigned group itself");
        assertEquals(120, first.count(Counts.OUT_OF_SCOPE));
    }
}
