package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedGroup;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Objects whose Zendesk writes failed in one {@code sync} are retried by the next one, run right after it, over
 * Azurite and the simulators: groups (then filled with their members) and a hard delete (made as a delete); the
 * engine's EscrowRetryTest covers every kind. Faults outlast the client's own retries within the first cycle.
 */
@ExtendWith(AzuriteExtension.class)
class AzuriteEscrowRetryEndToEndTest extends SimulatedProductContract {
    private static final int OUTLASTS_CLIENT_RETRIES = 50;
    private final AzuriteExtension.Azurite azurite;

    AzuriteEscrowRetryEndToEndTest(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }

    private SimulatedGroup group(String name) {
        return world.zendesk().groups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private long members(SimulatedGroup g) {
        return world.zendesk().memberships().stream().filter(m -> m.groupId() == g.id()).count();
    }

    private SimulatedUser zendeskUser(int i) {
        return world.zendesk().users().stream().filter(u -> DemoTenant.userId(i).equals(u.externalId())).findFirst().orElseThrow();
    }

    @Test
    void groupsWhoseCreateFailedAreCreatedWithTheirMembersByTheNextSync() throws Exception {
        world.zendesk().faults().serverErrorNext("POST /api/v2/groups", OUTLASTS_CLIENT_RETRIES, 500);

        CycleRecord failed = runCycle(false, false);

        assertEquals(CycleStatus.COMPLETED, failed.status(), failed.statusReason());
        assertEquals(2, failed.count("Create.Failure"), "both assigned groups");
        List<ProvisioningLogEntry> failures = log(failed).stream().filter(e -> e.kind() == ObjectKind.GROUP).toList();
        assertEquals(2, failures.size());
        assertTrue(failures.stream().allMatch(e -> e.status() == ProvisioningStatus.FAILURE && e.action() == ProvisioningAction.CREATE
                && e.reason().endsWith("(will be retried in a later cycle)")), failures.toString());
        assertEquals(Map.of(ObjectKind.GROUP, 2), product.engine().status().escrowedByKind());
        world.zendesk().faults().clear();

        CycleRecord retry = runCycle(false, false);

        assertEquals(CycleStatus.COMPLETED, retry.status(), retry.statusReason());
        assertEquals(2, retry.count("Create.Success"));
        assertEquals(39, members(group("Support")), "its members are put in it");
        assertTrue(members(group("Zendesk Admins")) > 0);
        assertEquals(2, world.zendesk().groups().size(), "nothing created twice");
        assertEquals(0, product.engine().status().escrowed());
    }

    @Test
    void aHardDeleteWhoseRequestFailedIsMadeAsADeleteByTheNextSync() throws Exception {
        runCycle(false, false);
        world.graph().hardDeleteUser(DemoTenant.userId(61));
        world.zendesk().faults().serverErrorNext("DELETE /api/v2/users/{id}", OUTLASTS_CLIENT_RETRIES, 500);

        CycleRecord failed = runCycle(false, false);

        assertEquals(1, failed.count("Delete.Failure"));
        assertEquals(ProvisioningAction.DELETE, product.stores().escrow().find(ObjectKind.USER, DemoTenant.userId(61)).orElseThrow().action());
        world.zendesk().faults().clear();

        CycleRecord retry = runCycle(false, false);

        assertEquals(1, retry.count("Delete.Success"));
        assertFalse(zendeskUser(61).active(), "deleted");
        assertFalse(zendeskUser(61).suspended(), "not suspended instead");
        assertEquals(0, product.engine().status().escrowed());
    }
}
