package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScopeAndRetryTest {
    private final Tenant t = new Tenant();

    @Test
    void failedUserIsRetriedByTheNextCycleThenAfterItsEscrowIntervalAndThenLeavesEscrow() {
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.zendesk.failCreateFor.put("bob@contoso.com", new ZendeskError(0, "RecordInvalid", "Name: is invalid", List.of(), false));
        t.sync();
        assertTrue(t.stores.escrow().find(ObjectKind.USER, bob).isPresent());

        CycleRecord first = t.sync();
        assertEquals(1, first.count("Create.Failure"), "the first retry is made by the next cycle, whenever it starts");

        t.zendesk.failCreateFor.clear();
        t.sync();
        assertNull(t.zendesk.byExternalId(bob), "not yet due: after the second failure the retry waits 10 minutes");

        t.clock.advance(Duration.ofMinutes(11));
        CycleRecord retry = t.sync();

        assertNotNull(t.zendesk.byExternalId(bob));
        assertEquals(1, retry.count("Create.Success"));
        assertFalse(t.stores.escrow().find(ObjectKind.USER, bob).isPresent());
    }

    @Test
    void aLinkedUserThatVanishedWhileNoWatermarkWasKeptIsSuspendedByTheNextInitialCycle() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.sync();
        t.engine().restart(java.util.Set.of(io.github.zendeskprovisioning.engine.ProvisioningEngine.RestartScope.WATERMARK));
        t.entra.remove(bob, io.github.zendeskprovisioning.engine.directory.Removal.HARD_DELETED);

        CycleRecord initial = t.sync();

        assertEquals(io.github.zendeskprovisioning.engine.state.CycleMode.INITIAL, initial.mode());
        assertTrue(t.zendesk.byExternalId(bob).suspended(), "absent from the full read: suspended");
        assertTrue(t.zendesk.byExternalId(bob).active(), "absence is no proof of a hard delete: not deleted");
        assertFalse(t.zendesk.byExternalId(alice).suspended());
    }

    @Test
    void customRoleValueMakesAnAgentWithThatCustomRole() {
        t.zendesk.addCustomRole("Light Agent");
        t.entra.addAppRole("role-light", "Light Agent");
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, "role-light");

        t.sync();

        ZendeskUser z = t.zendesk.byExternalId(alice);
        assertEquals("agent", z.role());
        assertNotNull(z.customRoleId());
    }

    @Test
    void allUsersAndGroupsScopeProvisionsEveryEnabledUserAsEndUserByDefault() {
        t.scope = ScopeMode.ALL_USERS_AND_GROUPS;
        t.entra.addUser("a@contoso.com", "A");
        String b = t.entra.addUser("b@contoso.com", "B");
        t.entra.update(b, "accountEnabled", "false");
        t.entra.addGroup("Everyone");

        t.sync();

        assertEquals(1, t.zendesk.allUsers().size());
        assertEquals("end-user", t.zendesk.allUsers().get(0).role());
        assertEquals(1, t.zendesk.allGroups().size());
    }

    @Test
    void defaultAccessGroupMembersAreInScopeWhenConfiguredAndKeepTheirZendeskRole() {
        t.mappings = new MappingConfiguration(MappingConfiguration.defaults().userMappings(),
                MappingConfiguration.defaults().groupMappings(), true, false);
        ZendeskUser handMade = t.zendesk.addUser("Carol", "carol@contoso.com", null, "agent");
        String carol = t.entra.addUser("carol@contoso.com", "Carol");
        String dave = t.entra.addUser("dave@contoso.com", "Dave");
        String everyone = t.entra.addGroup("Everyone");
        t.entra.addMember(everyone, carol);
        t.entra.addMember(everyone, dave);
        t.entra.assign(everyone, true, Assignment.DEFAULT_ACCESS);

        t.sync();

        assertEquals("agent", t.zendesk.byExternalId(carol).role(), "no role-bearing assignment: Zendesk's role stays");
        assertEquals(handMade.id(), t.zendesk.byExternalId(carol).id());
        assertEquals("end-user", t.zendesk.byExternalId(dave).role(), "created as end-user");
    }

    @Test
    void lowerRoleFromEntraIsLoggedAsAWarningAndNotApplied() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_ADMIN);
        t.sync();
        t.entra.unassign(alice);
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);

        CycleRecord second = t.sync();

        assertEquals("admin", t.zendesk.byExternalId(alice).role());
        var entry = t.log(second.cycleId()).stream().filter(e -> e.sourceId().equals(alice)).findFirst().orElseThrow();
        assertEquals(ProvisioningAction.SKIP, entry.action());
        assertTrue(entry.reason().contains("never lowered"), entry.reason());
    }

    @Test
    void newlyAssignedGroupBringsItsMembersIntoScopeInAnIncrementalCycle() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String team = t.entra.addGroup("Team");
        t.entra.addMember(team, alice);
        t.sync();
        assertNull(t.zendesk.byExternalId(alice));

        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        CycleRecord second = t.sync();

        assertEquals("agent", t.zendesk.byExternalId(alice).role());
        var group = t.zendesk.allGroups().stream().filter(g -> g.name().equals("Team")).findFirst().orElseThrow();
        assertEquals(List.of(t.zendesk.byExternalId(alice).id()), t.zendesk.membersOf(group.id()));
        assertEquals(io.github.zendeskprovisioning.engine.state.CycleMode.INCREMENTAL, second.mode());
    }

    @Test
    void userMovedBetweenAssignedGroupsIsNeverSuspended() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String a = t.entra.addGroup("A");
        String b = t.entra.addGroup("B");
        t.entra.assign(a, true, FakeEntra.ROLE_AGENT);
        t.entra.assign(b, true, FakeEntra.ROLE_AGENT);
        t.entra.addMember(a, alice);
        t.sync();

        t.entra.removeMember(a, alice);
        t.entra.addMember(b, alice);
        t.sync();

        assertFalse(t.zendesk.byExternalId(alice).suspended());
    }

    @Test
    void onDemandProvisioningWritesOneUserNowWithItsSteps() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);

        var result = t.engine().provision(alice);

        assertEquals("user", result.objectKind());
        assertFalse(result.failed());
        assertNotNull(t.zendesk.byExternalId(alice));
        var entry = result.entries().get(0);
        assertEquals(List.of("import", "scoping", "matching", "action"), entry.steps().stream().map(s -> s.name()).toList());

        t.entra.unassign(alice);
        t.engine().provision(alice);
        assertTrue(t.zendesk.byExternalId(alice).suspended(), "on demand, a suspension is made at once");
    }
}
