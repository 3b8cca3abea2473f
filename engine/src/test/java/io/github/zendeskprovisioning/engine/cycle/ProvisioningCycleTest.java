package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvisioningCycleTest {
    private final Tenant t = new Tenant();

    @org.junit.jupiter.api.AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    @Test
    void initialCycleCreatesAssignedUsersWithTheirRolesAndExternalIds() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_END_USER);
        t.entra.addUser("carol@contoso.com", "carol"); // not assigned

        CycleRecord cycle = t.sync();

        assertEquals(CycleStatus.COMPLETED, cycle.status(), cycle.statusReason());
        assertEquals(CycleMode.INITIAL, cycle.mode());
        assertEquals(2, t.zendesk.allUsers().size());
        assertEquals("agent", t.zendesk.byExternalId(alice).role());
        assertEquals("end-user", t.zendesk.byExternalId(bob).role());
        assertNull(t.zendesk.byEmail("carol@contoso.com"));
        assertEquals(2, cycle.count("Create.Success"));
    }

    @Test
    void aSecondCycleWithNoChangeCostsNoZendeskWrite() {
        for (int i = 0; i < 120; i++) t.assignedUser("u" + i + "@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        long writes = t.zendesk.writes();
        long requests = t.zendesk.requestStats().total();

        CycleRecord second = t.sync();

        assertEquals(CycleMode.INCREMENTAL, second.mode());
        assertEquals(writes, t.zendesk.writes());
        assertEquals(requests, t.zendesk.requestStats().total(), "no call at all: the app roles name no custom role");
    }

    @Test
    void initialSyncUsesBulkCallsNotOneRequestPerUser() {
        for (int i = 0; i < 250; i++) t.assignedUser("u" + i + "@contoso.com", FakeEntra.ROLE_END_USER);
        t.sync();
        assertEquals(250, t.zendesk.allUsers().size());
        assertTrue(t.zendesk.requestStats().total() <= 25, "requests: " + t.zendesk.requestStats());
    }

    @Test
    void changedAttributeIsUpdatedAndOnlyThatAttributeIsSent() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.update(alice, "displayName", "Alice Liddell");

        CycleRecord second = t.sync();

        assertEquals("Alice Liddell", t.zendesk.byExternalId(alice).name());
        ProvisioningLogEntry entry = t.log(second.cycleId()).stream().filter(e -> e.action() == ProvisioningAction.UPDATE).findFirst().orElseThrow();
        assertEquals(List.of("name"), entry.modified().stream().map(m -> m.name()).toList());
        assertEquals("alice", entry.modified().get(0).oldValue());
    }

    @Test
    void unassignedUserIsSuspendedNotDeleted() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(alice);

        CycleRecord second = t.sync();

        ZendeskUser z = t.zendesk.byExternalId(alice);
        assertTrue(z.suspended());
        assertTrue(z.active());
        assertEquals(1, second.count("Disable.Success"));
    }

    @Test
    void disabledAccountIsSuspendedAndUnsuspendedWhenEnabledAgain() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.update(alice, "accountEnabled", "false");
        t.sync();
        assertTrue(t.zendesk.byExternalId(alice).suspended());

        t.entra.update(alice, "accountEnabled", "true");
        CycleRecord third = t.sync();

        assertFalse(t.zendesk.byExternalId(alice).suspended());
        assertEquals(1, third.count("Enable.Success"));
    }

    @Test
    void softDeletedUserIsSuspendedAndHardDeletedUserIsDeleted() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.remove(alice, Removal.SOFT_DELETED);
        t.entra.remove(bob, Removal.HARD_DELETED);

        t.sync();

        assertTrue(t.zendesk.byExternalId(alice).suspended());
        assertTrue(t.zendesk.byExternalId(alice).active());
        assertFalse(t.zendesk.byExternalId(bob).active());
    }

    @Test
    void handMadeZendeskUserIsLinkedByEmailAndItsRoleIsRaisedNeverLowered() {
        ZendeskUser handMadeAdmin = t.zendesk.addUser("Dana", "DANA@contoso.com", null, "admin");
        ZendeskUser handMadeEndUser = t.zendesk.addUser("Eve", "eve@contoso.com", null, "end-user");
        String dana = t.assignedUser("dana@contoso.com", FakeEntra.ROLE_AGENT);
        String eve = t.assignedUser("eve@contoso.com", FakeEntra.ROLE_AGENT);

        t.sync();

        assertEquals(2, t.zendesk.allUsers().size(), "nobody is created twice");
        assertEquals(dana, t.zendesk.byEmail("dana@contoso.com").externalId());
        assertEquals("admin", t.zendesk.byEmail("dana@contoso.com").role(), "never demoted");
        assertEquals("agent", t.zendesk.byEmail("eve@contoso.com").role(), "raised");
        assertEquals(handMadeAdmin.id(), t.zendesk.byExternalId(dana).id());
        assertEquals(handMadeEndUser.id(), t.zendesk.byExternalId(eve).id());
    }

    @Test
    void zendeskUsersTheServiceNeverLinkedAreNeverChanged() {
        ZendeskUser stranger = t.zendesk.addUser("Stranger", "stranger@elsewhere.com", "other-system-id", "agent");
        t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(t.zendesk.byEmail("alice@contoso.com").externalId());
        t.sync();
        assertEquals(stranger, t.zendesk.byEmail("stranger@elsewhere.com"));
    }

    @Test
    void highestRoleOfDirectAndGroupAssignmentsWins() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_END_USER);
        String admins = t.entra.addGroup("Zendesk Admins");
        t.entra.addMember(admins, alice);
        t.entra.assign(admins, true, FakeEntra.ROLE_ADMIN);

        t.sync();

        assertEquals("admin", t.zendesk.byExternalId(alice).role());
    }

    @Test
    void defaultAccessOnlyUserIsOutOfScope() {
        String alice = t.entra.addUser("alice@contoso.com", "alice");
        t.entra.assign(alice, false, Assignment.DEFAULT_ACCESS);
        t.sync();
        assertTrue(t.zendesk.allUsers().isEmpty());
    }

    @Test
    void assignedGroupBecomesAZendeskGroupWithItsAgentMembersOnly() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_END_USER);
        String support = t.entra.addGroup("Support");
        t.entra.addMember(support, alice);
        t.entra.addMember(support, bob);
        t.entra.assign(support, true, Assignment.DEFAULT_ACCESS);

        CycleRecord cycle = t.sync();

        var group = t.zendesk.allGroups().stream().filter(g -> g.name().equals("Support")).findFirst().orElseThrow();
        assertEquals(List.of(t.zendesk.byExternalId(alice).id()), t.zendesk.membersOf(group.id()));
        assertTrue(t.log(cycle.cycleId()).stream().anyMatch(e -> e.sourceId().equals(bob) && e.action() == ProvisioningAction.SKIP
                && e.reason().contains("agents and admins only")), "the skipped member is logged");
    }

    @Test
    void memberRemovedFromGroupInEntraLeavesTheZendeskGroup() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String support = t.entra.addGroup("Support");
        t.entra.addMember(support, alice);
        t.entra.assign(support, true, FakeEntra.ROLE_AGENT);
        t.sync();
        var group = t.zendesk.allGroups().get(0);
        assertEquals(1, t.zendesk.membersOf(group.id()).size());

        t.entra.removeMember(support, alice);
        t.sync();

        assertTrue(t.zendesk.membersOf(group.id()).isEmpty());
        assertFalse(t.zendesk.byExternalId(alice).suspended(), "still assigned directly");
    }

    @Test
    void userInScopeOnlyThroughAGroupIsSuspendedWhenRemovedFromIt() {
        String alice = t.entra.addUser("alice@contoso.com", "alice");
        String support = t.entra.addGroup("Support");
        t.entra.addMember(support, alice);
        t.entra.assign(support, true, FakeEntra.ROLE_AGENT);
        t.sync();
        assertEquals("agent", t.zendesk.byExternalId(alice).role());

        t.entra.removeMember(support, alice);
        t.sync();

        assertTrue(t.zendesk.byExternalId(alice).suspended());
    }

    @Test
    void thresholdBreachSuspendsNobodyUntilApproved() {
        t.deleteThreshold = 3;
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(t.assignedUser("u" + i + "@contoso.com", FakeEntra.ROLE_AGENT));
        t.sync();
        ids.forEach(t.entra::unassign);

        CycleRecord held = t.sync();

        assertEquals(CycleStatus.HELD, held.status());
        assertTrue(t.zendesk.allUsers().stream().noneMatch(ZendeskUser::suspended));
        assertEquals(5, t.log(held.cycleId()).stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count());

        CycleRecord stillHeld = t.sync();
        assertEquals(CycleStatus.HELD, stillHeld.status(), "held again until approved");

        t.engine().approveDeletions();
        CycleRecord approved = t.sync();

        assertEquals(CycleStatus.COMPLETED, approved.status(), approved.statusReason());
        assertTrue(t.zendesk.allUsers().stream().allMatch(ZendeskUser::suspended));
        assertFalse(t.stores.cycles().jobState().deletionsApproved(), "approval is used once");
    }

    @Test
    void dryRunComputesEverythingAndWritesNothing() {
        t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.zendesk.addUser("Bob", "bob@contoso.com", null, "end-user");
        t.assignedUser("bob@contoso.com", FakeEntra.ROLE_AGENT);

        CycleRecord dry = t.sync(false, true);

        assertEquals(0, t.zendesk.writes());
        assertEquals(1, t.zendesk.allUsers().size());
        assertTrue(dry.dryRun());
        assertTrue(t.log(dry.cycleId()).stream().allMatch(ProvisioningLogEntry::dryRun));
        assertEquals(1, dry.count("Create.Success"));
        assertEquals(1, dry.count("Update.Success"));
        assertFalse(t.stores.cycles().jobState().watermark().exists(), "a dry run commits no watermark");

        CycleRecord real = t.sync();
        assertEquals(CycleMode.INITIAL, real.mode());
        assertEquals(2, t.zendesk.allUsers().size());
    }

    @Test
    void duplicateEmailInEntraIsALoggedConflictNotAGuess() {
        String first = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String second = t.entra.addUser("alice.second@contoso.com", "Alice 2");
        t.entra.update(second, "mail", "alice@contoso.com");
        t.entra.assign(second, false, FakeEntra.ROLE_AGENT);

        CycleRecord cycle = t.sync();

        assertEquals(1, t.zendesk.allUsers().size());
        assertEquals(CycleStatus.COMPLETED, cycle.status());
        ProvisioningLogEntry failure = t.log(cycle.cycleId()).stream().filter(e -> e.status() == ProvisioningStatus.FAILURE).findFirst().orElseThrow();
        assertTrue(failure.reason().contains("linked to another Entra object"), failure.reason());
        assertNotNull(t.stores.escrow().find(io.github.zendeskprovisioning.engine.state.ObjectKind.USER,
                first.equals(failure.sourceId()) ? first : second).orElse(null));
    }

    @Test
    void oneUsersFailureDoesNotStopTheOthersAndIsRetriedLater() {
        t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        String bob = t.assignedUser("bob@contoso.com", FakeEntra.ROLE_AGENT);
        t.zendesk.failCreateFor.put("bob@contoso.com", new io.github.zendeskprovisioning.engine.target.ZendeskError(0, "RecordInvalid",
                "Name: is too long", List.of("name: is too long"), false));

        CycleRecord cycle = t.sync();

        assertEquals(1, t.zendesk.allUsers().size());
        assertEquals(1, cycle.count("Create.Failure"));
        assertTrue(t.stores.escrow().find(io.github.zendeskprovisioning.engine.state.ObjectKind.USER, bob).isPresent());
        assertEquals(1, t.failures.size());
        assertEquals("RecordInvalid", t.failures.get(0).reasonCode());
    }

    @Test
    void failedEntraReadEndsTheCycleWithoutSuspendingAnyone() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(alice);
        t.entra.failReads = 100;

        CycleRecord failed = t.sync();

        assertEquals(CycleStatus.FAILED, failed.status());
        assertTrue(failed.statusReason().contains("nothing was suspended"), failed.statusReason());
        assertFalse(t.zendesk.byExternalId(alice).suspended());
        t.entra.failReads = 0;
        CycleRecord next = t.sync();
        assertEquals(CycleStatus.COMPLETED, next.status());
        assertTrue(t.zendesk.byExternalId(alice).suspended(), "the change is found again by the next cycle");
    }
}
