package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What people change by hand in Zendesk: memberships kept, custom roles broken, drift repaired by an initial cycle. */
class HandMadeChangesTest {
    private static final String ROLE_TEAM_LEADER = "role-team-leader";
    private final Tenant t = new Tenant();

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    private ZendeskGroup zendeskGroup(String name) {
        return t.zendesk.allGroups().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void handAddedAgentKeepsItsMembershipAcrossCycles() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_AGENT);
        String support = t.entra.addGroup("Support");
        t.entra.addMember(support, alice);
        t.entra.addMember(support, bob);
        t.entra.assign(support, true, FakeEntra.ROLE_AGENT);
        t.sync();
        ZendeskGroup group = zendeskGroup("Support");
        ZendeskUser handMade = t.zendesk.addUser("Hank Hand", "hank@contoso.com", null, "agent");
        t.zendesk.addMembershipByHand(handMade.id(), group.id());

        t.entra.removeMember(support, bob);
        t.sync();
        t.sync(true, false);
        t.entra.removeMember(support, alice);
        t.sync();

        assertEquals(List.of(handMade.id()), t.zendesk.membersOf(group.id()),
                "the service's memberships were removed as Entra dropped them; the one made by hand stayed");
    }

    @Test
    void membershipThatEntraListsIsAdoptedAndRemovedWhenEntraDropsIt() {
        // Made before memberships were recorded: the user and the membership exist in Zendesk, Entra lists both.
        ZendeskGroup group = t.zendesk.addGroup("Support");
        ZendeskUser old = t.zendesk.addUser("alice", "alice@contoso.com", null, "agent");
        t.zendesk.addMembershipByHand(old.id(), group.id());
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String support = t.entra.addGroup("Support");
        t.entra.addMember(support, alice);
        t.entra.assign(support, true, FakeEntra.ROLE_AGENT);
        t.sync();
        assertEquals(List.of(old.id()), t.zendesk.membersOf(group.id()));

        t.entra.removeMember(support, alice);
        t.sync();

        assertEquals(List.of(), t.zendesk.membersOf(group.id()));
    }

    private List<String> teamLeaders(int n) {
        t.entra.addAppRole(ROLE_TEAM_LEADER, "Team Leader");
        t.zendesk.addCustomRole("Team Leader");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) ids.add(t.assignedUser("lead" + i + "@contoso.com", ROLE_TEAM_LEADER));
        CycleRecord first = t.sync();
        assertEquals(CycleStatus.COMPLETED, first.status(), first.statusReason());
        long roleId = t.zendesk.customRole("Team Leader").id();
        for (String id : ids) assertEquals(roleId, t.zendesk.byExternalId(id).customRoleId());
        return ids;
    }

    private void assertKeptAsTheyWere(List<String> ids, long roleId) {
        for (String id : ids) {
            ZendeskUser u = t.zendesk.byExternalId(id);
            assertFalse(u.suspended(), "nobody is suspended for a role Zendesk does not know");
            assertEquals("agent", u.role());
            assertEquals(roleId, u.customRoleId());
        }
    }

    @Test
    void deletedCustomRoleSuspendsNobodyAndEveryUserGetsAWarningNamingIt() {
        List<String> leads = teamLeaders(10);
        long roleId = t.zendesk.customRole("Team Leader").id();
        String newcomer = t.assignedUser("newcomer@contoso.com", ROLE_TEAM_LEADER);
        t.zendesk.addCustomRole("Light Agent");
        t.zendesk.removeCustomRole("Team Leader");

        CycleRecord c = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertKeptAsTheyWere(leads, roleId);
        assertEquals(0, c.count("Disable.Success") + c.count("staged"));
        List<ProvisioningLogEntry> warnings = t.log(c.cycleId()).stream()
                .filter(e -> e.status() == ProvisioningStatus.WARNING && e.reason().contains("'Team Leader'")).toList();
        assertEquals(11, warnings.size(), "each linked lead and the unlinked newcomer: " + warnings);
        assertTrue(warnings.get(0).reason().contains("renamed or deleted"), warnings.get(0).reason());
        assertNull(t.zendesk.byExternalId(newcomer), "created with which role? not created until the role resolves");
        assertTrue(t.stores.escrow().find(ObjectKind.USER, newcomer).isPresent(), "the newcomer is looked at again later");
        assertEquals(Map.of("Team Leader", 11L), Counts.unresolvedCustomRoles(c.counts()));
    }

    @Test
    void renamedCustomRoleSuspendsNobodyAndTheNewcomerIsCreatedOnceTheRoleResolves() {
        List<String> leads = teamLeaders(3);
        long roleId = t.zendesk.customRole("Team Leader").id();
        String newcomer = t.assignedUser("newcomer@contoso.com", ROLE_TEAM_LEADER);
        t.zendesk.renameCustomRole("Team Leader", "Team Lead");
        t.sync(true, false);
        assertKeptAsTheyWere(leads, roleId);
        assertNull(t.zendesk.byExternalId(newcomer));

        t.zendesk.renameCustomRole("Team Lead", "Team Leader");
        t.clock.advance(java.time.Duration.ofMinutes(11));
        t.sync();

        assertEquals(roleId, t.zendesk.byExternalId(newcomer).customRoleId(), "retried from escrow once the role resolves");
        assertTrue(t.stores.escrow().find(ObjectKind.USER, newcomer).isEmpty());
    }

    @Test
    void refusedCustomRolesSuspendNobodyAndTheWarningSaysWhy() {
        List<String> leads = teamLeaders(4);
        long roleId = t.zendesk.customRole("Team Leader").id();
        t.zendesk.failCustomRoles = new ZendeskException(new ZendeskError(403, "Forbidden", "You do not have access to this page", List.of(), false));

        CycleRecord c = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertKeptAsTheyWere(leads, roleId);
        assertTrue(t.log(c.cycleId()).stream().filter(e -> e.status() == ProvisioningStatus.WARNING)
                .allMatch(e -> e.reason().contains("custom_roles was refused")));
        assertEquals(4, t.log(c.cycleId()).stream().filter(e -> e.status() == ProvisioningStatus.WARNING).count());
    }

    @Test
    void initialSyncRepairsWhatWasChangedByHandWithBulkReads() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) ids.add(t.assignedUser("u" + i + "@contoso.com", FakeEntra.ROLE_AGENT));
        t.sync();
        ZendeskUser renamed = t.zendesk.byExternalId(ids.get(0));
        t.zendesk.setUser(new ZendeskUser(renamed.id(), "Someone Else", renamed.email(), renamed.externalId(), "agent", null,
                true, true, renamed.fields()));
        ZendeskUser lowered = t.zendesk.byExternalId(ids.get(1));
        t.zendesk.setUser(new ZendeskUser(lowered.id(), lowered.name(), lowered.email(), lowered.externalId(), "end-user", null,
                false, true, lowered.fields()));
        ZendeskUser purged = t.zendesk.byExternalId(ids.get(2));
        t.zendesk.purgeUser(purged.id());
        long showManyBefore = t.zendesk.requestsTo("GET /api/v2/users/show_many");

        CycleRecord c = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        ZendeskUser repaired = t.zendesk.byExternalId(ids.get(0));
        assertEquals("u0", repaired.name());
        assertFalse(repaired.suspended());
        assertEquals("agent", t.zendesk.byExternalId(ids.get(1)).role(), "raised back: Entra gives agent");
        ZendeskUser recreated = t.zendesk.byExternalId(ids.get(2));
        assertNotEquals(purged.id(), recreated.id());
        assertEquals(recreated.id(), t.stores.links().find(ObjectKind.USER, List.of(ids.get(2))).get(ids.get(2)).zendeskId(), "re-linked");
        assertEquals(1, c.count("Create.Success"));
        assertEquals(1, c.count("Enable.Success"), "the suspended one, renamed back in the same write");
        assertEquals(1, c.count("Update.Success"), "the lowered one");
        long showMany = t.zendesk.requestsTo("GET /api/v2/users/show_many") - showManyBefore;
        assertTrue(showMany <= 6, "150 linked users are read in bulk, not one request each: " + showMany);
    }

    @Test
    void initialSyncSuspendsAgainAnOutOfScopeUserUnsuspendedByHand() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(alice);
        t.entra.unassign(bob);
        t.sync();
        ZendeskUser u = t.zendesk.byExternalId(alice);
        assertTrue(u.suspended());
        t.zendesk.setUser(new ZendeskUser(u.id(), u.name(), u.email(), u.externalId(), u.role(), null, false, true, u.fields()));

        CycleRecord c = t.sync(true, false);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertTrue(t.zendesk.byExternalId(alice).suspended(), "suspended again, through the deletion guard");
        assertTrue(t.zendesk.byExternalId(bob).suspended());
        assertEquals(1, c.count("Disable.Success"), "only the one unsuspended by hand is written");
        assertTrue(t.log(c.cycleId()).stream().anyMatch(e -> e.sourceId().equals(alice) && e.reason().contains("unsuspended in Zendesk by hand")));
    }

    @Test
    void incrementalCycleStillTrustsTheStoredHash() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        ZendeskUser u = t.zendesk.byExternalId(alice);
        t.zendesk.setUser(new ZendeskUser(u.id(), "Changed By Hand", u.email(), u.externalId(), "agent", null, false, true, u.fields()));
        t.entra.update(alice, "jobTitle", "Lead"); // changes nothing mapped

        t.sync();

        assertEquals("Changed By Hand", t.zendesk.byExternalId(alice).name(), "only an initial cycle looks at live records");
    }

    @Test
    void linkedUserDeletedInZendeskThatZendeskRefusesToCreateAgainGetsAFailureWithZendeskReason() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.zendesk.deleteUser(t.zendesk.byExternalId(alice).id()); // soft delete: Zendesk keeps the e-mail taken

        CycleRecord c = t.sync(true, false);

        ProvisioningLogEntry entry = t.log(c.cycleId()).stream().filter(e -> e.sourceId().equals(alice)).findFirst().orElseThrow();
        assertEquals(ProvisioningStatus.FAILURE, entry.status());
        assertEquals(ProvisioningAction.CREATE, entry.action());
        assertTrue(entry.reason().contains("is already being used by another user"), entry.reason());
        assertTrue(t.stores.escrow().find(ObjectKind.USER, alice).isPresent(), "retried in a later cycle");
    }
}
