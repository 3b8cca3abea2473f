package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A cycle's view of Entra becomes current only when it commits: after a held, failed or dry-run cycle the
 * next cycle sees the same differences again and makes the removals they call for.
 */
class GenerationsTest {
    private final Tenant t = new Tenant();
    private final List<String> members = new ArrayList<>();
    private String group;

    /** The example: a group of 30 assigned as agent, then unassigned. */
    private void thirtyMemberGroupProvisionedThenUnassigned() {
        group = t.entra.addGroup("Tier 2");
        for (int i = 0; i < 30; i++) {
            String id = t.entra.addUser("m" + i + "@contoso.com", "Member " + i);
            t.entra.addMember(group, id);
            members.add(id);
        }
        t.entra.assign(group, true, FakeEntra.ROLE_AGENT);
        assertEquals(CycleStatus.COMPLETED, t.sync().status());
        assertEquals(30, suspended() + active());
        t.entra.unassign(group);
    }

    private long suspended() {
        return members.stream().filter(id -> t.zendesk.byExternalId(id).suspended()).count();
    }

    private long active() {
        return members.stream().filter(id -> !t.zendesk.byExternalId(id).suspended()).count();
    }

    @Test
    void aHeldUnassignmentIsMadeInFullByTheCycleAfterApproval() {
        thirtyMemberGroupProvisionedThenUnassigned();
        t.deleteThreshold = 10;

        CycleRecord held = t.sync();
        assertEquals(CycleStatus.HELD, held.status(), held.statusReason());
        assertEquals(0, suspended());

        CycleRecord stillHeld = t.sync();
        assertEquals(CycleStatus.HELD, stillHeld.status(), "held until approved");
        assertEquals(0, suspended());

        t.engine().approveDeletions();
        CycleRecord approved = t.sync();
        assertEquals(CycleStatus.COMPLETED, approved.status(), approved.statusReason());
        assertEquals(30, approved.count("Disable.Success"));
        assertEquals(30, suspended());

        CycleRecord after = t.sync();
        assertEquals(0, after.count("Disable.Success"), "made once");
    }

    @Test
    void aDryRunLeavesTheUnassignmentForTheNextCycle() {
        thirtyMemberGroupProvisionedThenUnassigned();

        CycleRecord dry = t.sync(false, true);
        assertEquals(30, dry.count("Disable.Success"), "would suspend 30");
        assertEquals(0, suspended());

        t.sync();
        assertEquals(30, suspended());
    }

    @Test
    void aFailedCycleLeavesTheUnassignmentForTheNextCycle() {
        thirtyMemberGroupProvisionedThenUnassigned();
        t.entra.failReads = 100;

        CycleRecord failed = t.sync();
        assertEquals(CycleStatus.FAILED, failed.status());
        t.entra.failReads = 0;

        t.sync();
        assertEquals(30, suspended());
    }

    @Test
    void aNewlyAssignedGroupIsReadOnePageOfMembersPerPlanStep() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.pageSize = 5;
        String big = t.entra.addGroup("Everyone");
        for (int i = 0; i < 23; i++) {
            String id = t.entra.addUser("e" + i + "@contoso.com", "Everyone " + i);
            t.entra.addMember(big, id);
            members.add(id);
        }
        t.entra.assign(big, true, FakeEntra.ROLE_AGENT);

        CycleRecord cycle = t.sync();

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        assertEquals(23, active());
        // Step 0 compares the snapshots; steps 1..5 read the 23 members 5 at a time.
        for (int step = 0; step <= 5; step++) {
            assertEquals(true, t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-" + step), "step " + step);
        }
        assertEquals(false, t.stores.cycles().stepDone(cycle.cycleId(), "plan-assignment_changes-6"));
    }
}
