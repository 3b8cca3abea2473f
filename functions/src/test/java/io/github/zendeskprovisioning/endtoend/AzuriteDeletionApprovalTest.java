package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.wiring.Settings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * approve-deletions releases exactly the removals the held cycle held, over Azure Storage (Azurite) and both
 * simulators: the held rows are read back from the Cycles table by the next cycle's finish step.
 */
@ExtendWith(AzuriteExtension.class)
class AzuriteDeletionApprovalTest extends SimulatedProductContract {
    private final AzuriteExtension.Azurite azurite;

    AzuriteDeletionApprovalTest(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }

    @BeforeEach
    void thresholdOfTenAndAnInitialCycle() throws Exception {
        product.close();
        product = build(Map.of(Settings.DELETE_THRESHOLD, "10"));
        assertEquals(CycleStatus.COMPLETED, runCycle(false, false).status());
    }

    /** Users 41..240 are assigned directly as end-users in the demo tenant. */
    private static Set<String> users(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(DemoTenant::userId).collect(Collectors.toCollection(TreeSet::new));
    }

    private void unassign(Set<String> ids) {
        ids.forEach(id -> world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, id));
    }

    private Set<String> suspended() {
        return world.zendesk().users().stream().filter(SimulatedUser::suspended).map(SimulatedUser::externalId)
                .filter(java.util.Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }

    private JobState job() {
        return product.stores().cycles().jobState();
    }

    private long heldEntries(CycleRecord c) {
        return log(c).stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count();
    }

    @Test
    void thirtyHeldThenApprovedAreExactlyTheThirtyTheNextCycleSuspends() throws Exception {
        Set<String> thirty = users(41, 70);
        unassign(thirty);
        CycleRecord held = runCycle(false, false);
        assertEquals(CycleStatus.HELD, held.status(), held.statusReason());
        assertEquals(30, heldEntries(held));
        assertEquals(Set.of(), suspended());

        product.engine().approveDeletions();
        CycleRecord approved = runCycle(false, false);

        assertEquals(CycleStatus.COMPLETED, approved.status(), approved.statusReason());
        assertEquals(thirty, suspended());
        assertEquals(null, job().heldCycleId());
        assertFalse(job().deletionsApproved());
    }

    @Test
    void approvingThirtyHeldLetsThemGoAndHoldsTwentyNewOnesAgain() throws Exception {
        Set<String> thirty = users(41, 70);
        Set<String> twenty = users(71, 90);
        unassign(thirty);
        assertEquals(CycleStatus.HELD, runCycle(false, false).status());
        unassign(twenty);

        product.engine().approveDeletions();
        CycleRecord next = runCycle(false, false);

        assertEquals(CycleStatus.HELD, next.status(), next.statusReason());
        assertEquals(thirty, suspended(), "the approved thirty went, the twenty new ones did not");
        assertEquals(20, heldEntries(next));
        assertEquals(next.cycleId(), job().heldCycleId());
        assertEquals(20, job().heldCount());
    }
}
