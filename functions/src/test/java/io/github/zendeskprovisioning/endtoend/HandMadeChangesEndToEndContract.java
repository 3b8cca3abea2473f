package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.reports.CycleReport;
import io.github.zendeskprovisioning.simulators.graph.SimAppRole;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedGroup;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes made by hand in Zendesk, against both simulators through the real clients: memberships added by
 * hand stay, a custom role renamed or deleted in Zendesk suspends nobody, and an initial cycle repairs drift.
 * Over one kind of state storage (in memory, or Azure Storage on Azurite).
 */
abstract class HandMadeChangesEndToEndContract extends SimulatedProductContract {
    private static final String TEAM_LEADER_ROLE = "e0000000-0000-4000-8000-000000000004";

    private CycleRecord sync(boolean initial) throws InterruptedException {
        return runCycle(initial, false);
    }

    private SimulatedUser zendeskUser(int i) {
        return world.zendesk().users().stream().filter(u -> DemoTenant.userId(i).equals(u.externalId()) && u.active())
                .findFirst().orElseThrow();
    }

    private SimulatedGroup group(String name) {
        return world.zendesk().groups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    private Set<Long> membersOf(SimulatedGroup g) {
        return world.zendesk().memberships().stream().filter(m -> m.groupId() == g.id()).map(m -> m.userId()).collect(Collectors.toSet());
    }

    @Test
    void handAddedAgentKeepsItsMembershipAcrossCycles() throws Exception {
        sync(false);
        SimulatedGroup support = group("Support");
        SimulatedUser hank = world.zendesk().seedUser("Hank Hand", "hank@example.org", null, "agent");
        world.zendesk().seedMembership(hank.id(), support.id());
        long twenty = zendeskUser(20).id();
        assertTrue(membersOf(support).contains(twenty));

        world.graph().removeMember(DemoTenant.supportGroup(), DemoTenant.userId(20));
        CycleRecord incremental = sync(false);
        CycleRecord initial = sync(true);
        CycleRecord another = sync(false);

        for (CycleRecord c : List.of(incremental, initial, another)) assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertFalse(membersOf(support).contains(twenty), "the membership the service made follows Entra");
        assertTrue(membersOf(support).contains(hank.id()), "the membership made by hand stays");
        assertEquals(38 + 1, membersOf(support).size());
    }

    @Test
    void deletedCustomRoleSuspendsNobodyAndTheStatusNamesIt() throws Exception {
        // The application gets a "Team Leader" app role; ten people hold it (this resets the demo's assignments).
        world.graph().createServicePrincipal(DemoTenant.SERVICE_PRINCIPAL, "Zendesk", List.of(
                new SimAppRole(DemoTenant.roleId("end-user"), "end-user", "End user", true),
                new SimAppRole(DemoTenant.roleId("agent"), "agent", "Agent", true),
                new SimAppRole(DemoTenant.roleId("admin"), "admin", "Admin", true),
                new SimAppRole(TEAM_LEADER_ROLE, "Team Leader", "Team Leader", true)));
        long teamLeader = world.zendesk().seedCustomRole("Team Leader", "leads a team");
        world.zendesk().seedCustomRole("Light Agent", "reads tickets");
        for (int i = 290; i <= 299; i++) world.graph().assign(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(i), TEAM_LEADER_ROLE);
        CycleRecord first = sync(false);
        assertEquals(CycleStatus.COMPLETED, first.status(), first.statusReason());
        for (int i = 290; i <= 299; i++) assertEquals(teamLeader, zendeskUser(i).customRoleId());

        world.zendesk().deleteCustomRole(teamLeader);
        CycleRecord c = sync(true);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        for (int i = 290; i <= 299; i++) {
            SimulatedUser u = zendeskUser(i);
            assertFalse(u.suspended(), "user " + i + " suspended");
            assertEquals("agent", u.role());
        }
        List<ProvisioningLogEntry> warnings = log(c).stream()
                .filter(e -> e.status() == ProvisioningStatus.WARNING && e.reason().contains("'Team Leader'")).toList();
        assertEquals(10, warnings.size());
        String status = new CycleReport().status(product.engine().status());
        assertTrue(status.contains("Unresolved custom roles") && status.contains("'Team Leader'"), status);
    }

    @Test
    void initialSyncRepairsWhatWasChangedByHandWithBulkReads() throws Exception {
        sync(false);
        SimulatedUser renamed = zendeskUser(42);
        world.zendesk().changeUserByHand(renamed.id(), Map.of("name", "Someone Else", "suspended", true));
        SimulatedUser lowered = zendeskUser(5);
        world.zendesk().changeUserByHand(lowered.id(), Map.of("role", "end-user"));
        assertFalse(membersOf(group("Support")).contains(lowered.id()), "Zendesk took the end-user out of its groups");
        SimulatedUser deleted = zendeskUser(43);
        world.zendesk().deleteUserByHand(deleted.id());
        world.zendesk().clearRequestLog();

        CycleRecord c = sync(true);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertEquals(DemoTenant.name(42), zendeskUser(42).name());
        assertFalse(zendeskUser(42).suspended());
        assertEquals("agent", zendeskUser(5).role(), "raised again: never lowered, and Entra gives agent");
        assertTrue(membersOf(group("Support")).contains(lowered.id()), "and back in its group");
        SimulatedUser recreated = zendeskUser(43);
        assertNotEquals(deleted.id(), recreated.id(), "created again");
        assertEquals(DemoTenant.email(43), recreated.email());
        assertEquals(1, c.count("Create.Success"));
        long byIds = world.zendesk().requestLog().stream()
                .filter(r -> r.path().equals("/api/v2/users/show_many") && r.pathAndQuery().contains("ids=")
                        && !r.pathAndQuery().contains("external_ids=")).count();
        assertTrue(byIds <= 8, "about 240 linked users are read in show_many calls of 100, not one each: " + byIds);

        sync(false);
        assertEquals(recreated.id(), zendeskUser(43).id(), "re-linked: the next cycle does not create it again");
    }
}
