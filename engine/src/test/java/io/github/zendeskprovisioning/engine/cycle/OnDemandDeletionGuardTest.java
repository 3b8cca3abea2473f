package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provisioning a group on demand makes no more suspensions than the deletion guard lets a cycle make. */
class OnDemandDeletionGuardTest {
    private final Tenant t = new Tenant();
    private final List<String> members = new ArrayList<>();
    private String support;

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    private void agentsThroughAGroup(int n) {
        support = t.entra.addGroup("Support");
        for (int i = 0; i < n; i++) {
            String id = t.entra.addUser("agent" + i + "@contoso.com", "agent" + i);
            t.entra.addMember(support, id);
            members.add(id);
        }
        t.entra.assign(support, true, FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(support);
    }

    private long suspended() {
        return members.stream().filter(id -> t.zendesk.byExternalId(id).suspended()).count();
    }

    @Test
    void groupProvisionedOnDemandAfterUnassignmentIsHeldPastTheThreshold() {
        t.deleteThreshold = 3;
        agentsThroughAGroup(5);

        var result = t.engine().provision(support);

        assertEquals(0, suspended(), "nobody suspended past the threshold");
        List<ProvisioningLogEntry> held = result.entries().stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).toList();
        assertEquals(5, held.size());
        assertTrue(held.get(0).reason().contains("PROVISIONING_DELETE_THRESHOLD (3)"), held.get(0).reason());
        assertEquals(5, t.log(result.cycleId()).stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count(), "and stored");

        CycleRecord next = t.sync();
        assertEquals(CycleStatus.HELD, next.status(), "the next cycle finds them and holds them too");
        assertEquals(0, suspended());
    }

    @Test
    void groupProvisionedOnDemandWithinTheThresholdSuspendsAtOnce() {
        t.deleteThreshold = 10;
        agentsThroughAGroup(5);

        var result = t.engine().provision(support);

        assertEquals(5, suspended());
        assertFalse(result.entries().stream().anyMatch(e -> e.action() == ProvisioningAction.STAGED_DELETE));
    }
}
