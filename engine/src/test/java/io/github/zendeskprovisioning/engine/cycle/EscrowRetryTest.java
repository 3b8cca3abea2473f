package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.directory.Removal;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.FakeZendesk;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.LinkState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskGroup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of object that fails is escrowed and retried by the very next cycle, started at once on the same
 * clock (a {@code sync} right after a failed one); later retries back off. Each test injects one Zendesk fault.
 */
class EscrowRetryTest {
    private final Tenant t = new Tenant();

    private String agent(String upn) {
        String id = t.entra.addUser(upn, upn.substring(0, upn.indexOf('@')));
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        return id;
    }

    private ProvisioningLogEntry entry(CycleRecord cycle, String sourceId) {
        return t.log(cycle.cycleId()).stream().filter(e -> e.sourceId().equals(sourceId)).findFirst().orElseThrow();
    }

    private ZendeskGroup group(String name) {
        return t.zendesk.allGroups().stream().filter(g -> g.name().equals(name)).findFirst().orElse(null);
    }

    private List<EscrowEntry> escrow(ObjectKind kind) {
        return t.stores.escrow().all().stream().filter(e -> e.kind() == kind).toList();
    }

    @Test
    void failedUserCreateIsRetriedByTheNextCycleStartedAtOnce() {
        String bob = agent("bob@contoso.com");
        t.zendesk.failNext("POST /api/v2/users/create_many", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        assertEquals(1, failed.count("Create.Failure"));
        ProvisioningLogEntry failure = entry(failed, bob);
        assertEquals(ProvisioningStatus.FAILURE, failure.status());
        assertTrue(failure.reason().endsWith("(will be retried in a later cycle)"), failure.reason());
        EscrowEntry escrowed = t.stores.escrow().find(ObjectKind.USER, bob).orElseThrow();
        assertEquals(ProvisioningAction.CREATE, escrowed.action());
        assertEquals(t.clock.instant(), escrowed.nextAttemptAt(), "the first retry is due at once");

        CycleRecord retry = t.sync();

        assertEquals(CycleStatus.COMPLETED, retry.status());
        assertEquals(1, retry.count("Create.Success"));
        assertEquals(ProvisioningStatus.SUCCESS, entry(retry, bob).status());
        assertNotNull(t.zendesk.byExternalId(bob));
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aSecondFailureBacksOffTenMinutesThenDoubles() {
        String bob = agent("bob@contoso.com");
        t.zendesk.failNext("POST /api/v2/users/create_many", 3, FakeZendesk.unavailable());
        t.sync();
        t.sync();
        EscrowEntry second = t.stores.escrow().find(ObjectKind.USER, bob).orElseThrow();
        assertEquals(2, second.attempts());
        assertEquals(t.clock.instant().plus(Duration.ofMinutes(10)), second.nextAttemptAt());

        CycleRecord early = t.sync();
        assertEquals(0, early.count("Create.Failure"), "not due yet: not tried");

        t.clock.advance(Duration.ofMinutes(10));
        t.sync();
        EscrowEntry third = t.stores.escrow().find(ObjectKind.USER, bob).orElseThrow();
        assertEquals(3, third.attempts());
        assertEquals(t.clock.instant().plus(Duration.ofMinutes(20)), third.nextAttemptAt());
        assertEquals(second.firstFailedAt(), third.firstFailedAt());

        t.clock.advance(Duration.ofMinutes(20));
        CycleRecord done = t.sync();
        assertEquals(1, done.count("Create.Success"));
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedGroupCreateIsRetriedNextCycleAndItsMembersAreThenPutInIt() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String carol = t.entra.addUser("carol@contoso.com", "Carol");
        String team = t.entra.addGroup("Team");
        t.entra.addMember(team, alice);
        t.entra.addMember(team, carol);
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.zendesk.failNext("POST /api/v2/groups", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        assertEquals(2, failed.count("Create.Success"), "the members are created");
        assertEquals(1, failed.count("Create.Failure"));
        ProvisioningLogEntry failure = entry(failed, team);
        assertEquals(ProvisioningAction.CREATE, failure.action());
        assertTrue(failure.reason().endsWith("(will be retried in a later cycle)"), failure.reason());
        assertNull(group("Team"));
        assertEquals(ProvisioningAction.CREATE, t.stores.escrow().find(ObjectKind.GROUP, team).orElseThrow().action());

        CycleRecord retry = t.sync();

        ZendeskGroup created = group("Team");
        assertNotNull(created, "created by the very next cycle");
        assertEquals(List.of(t.zendesk.byExternalId(alice).id(), t.zendesk.byExternalId(carol).id()).stream().sorted().toList(),
                t.zendesk.membersOf(created.id()));
        assertEquals(1, retry.count("Create.Success"));
        assertEquals(ProvisioningStatus.SUCCESS, entry(retry, team).status());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedMembershipCreatesAreEscrowedPerPairAndMadeByTheNextCycle() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String carol = t.entra.addUser("carol@contoso.com", "Carol");
        String team = t.entra.addGroup("Team");
        t.entra.addMember(team, alice);
        t.entra.addMember(team, carol);
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.zendesk.failNext("POST /api/v2/group_memberships/create_many", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        ZendeskGroup created = group("Team");
        assertEquals(List.of(), t.zendesk.membersOf(created.id()));
        ProvisioningLogEntry warning = entry(failed, team);
        assertEquals(ProvisioningStatus.WARNING, warning.status());
        assertTrue(warning.reason().contains("each will be retried in a later cycle"), warning.reason());
        List<EscrowEntry> pairs = escrow(ObjectKind.MEMBERSHIP);
        assertEquals(2, pairs.size());
        assertTrue(pairs.stream().allMatch(e -> e.action() == ProvisioningAction.CREATE && e.groupEntraId().equals(team)));
        assertEquals(Map.of(ObjectKind.MEMBERSHIP, 2), t.engine().status().escrowedByKind(), "status counts them by kind");
        assertEquals(2, t.engine().status().escrowed());

        CycleRecord retry = t.sync();

        assertEquals(2, t.zendesk.membersOf(created.id()).size());
        assertEquals(1, t.zendesk.allGroups().size(), "the group is not created twice");
        assertEquals(ProvisioningStatus.SUCCESS, entry(retry, team).status());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aFailedJoinOfAnAgentToItsGroupsIsRetriedNextCycle() {
        String team = t.entra.addGroup("Team");
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.sync();
        String alice = agent("alice@contoso.com");
        t.entra.addMember(team, alice);
        // The group's own reconciliation happens in the same cycle and would repair it: fail that too.
        t.zendesk.failNext("POST /api/v2/group_memberships/create_many", 2, FakeZendesk.unavailable());

        t.sync();

        long groupId = group("Team").id();
        assertEquals(List.of(), t.zendesk.membersOf(groupId));
        EscrowEntry pair = t.stores.escrow().find(ObjectKind.MEMBERSHIP,
                EscrowEntry.membershipId(team, t.zendesk.byExternalId(alice).id())).orElseThrow();
        assertEquals(ProvisioningAction.CREATE, pair.action());
        assertEquals(1, pair.attempts(), "tried by the user's batch and by the group in one cycle: one attempt");
        assertEquals(t.clock.instant(), pair.nextAttemptAt());

        t.sync();

        assertEquals(List.of(t.zendesk.byExternalId(alice).id()), t.zendesk.membersOf(groupId));
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedMembershipRemovalIsRetriedNextCycle() {
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        String carol = t.entra.addUser("carol@contoso.com", "Carol");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        t.entra.assign(carol, false, FakeEntra.ROLE_AGENT);
        String team = t.entra.addGroup("Team");
        t.entra.addMember(team, alice);
        t.entra.addMember(team, carol);
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.sync();
        long groupId = group("Team").id();
        assertEquals(2, t.zendesk.membersOf(groupId).size());
        t.entra.removeMember(team, carol);
        t.zendesk.failNext("DELETE /api/v2/group_memberships/destroy_many", 1, FakeZendesk.unavailable());

        t.sync();

        assertEquals(2, t.zendesk.membersOf(groupId).size());
        long carolId = t.zendesk.byExternalId(carol).id();
        assertEquals(ProvisioningAction.DELETE, t.stores.escrow().find(ObjectKind.MEMBERSHIP,
                EscrowEntry.membershipId(team, carolId)).orElseThrow().action());

        t.sync();

        assertEquals(List.of(t.zendesk.byExternalId(alice).id()), t.zendesk.membersOf(groupId));
        assertFalse(t.zendesk.byExternalId(carol).suspended(), "carol is still assigned directly");
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void whenAWholeLargeGroupsMembershipsFailTheGroupIsEscrowedOnceAndReconciledNextCycle() {
        String team = t.entra.addGroup("Team");
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        int size = MembershipWriter.MOST_PAIRS_ESCROWED + 1;
        for (int i = 0; i < size; i++) t.entra.addMember(team, t.entra.addUser("u" + i + "@contoso.com", "U" + i));
        t.zendesk.failNext("POST /api/v2/group_memberships/create_many", 1, FakeZendesk.unavailable());

        t.sync();

        assertEquals(List.of(), escrow(ObjectKind.MEMBERSHIP), "not one entry per membership");
        assertEquals(ProvisioningAction.UPDATE, t.stores.escrow().find(ObjectKind.GROUP, team).orElseThrow().action());
        assertEquals(List.of(), t.zendesk.membersOf(group("Team").id()));

        t.sync();

        assertEquals(size, t.zendesk.membersOf(group("Team").id()).size());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedGroupDeletionIsRetriedAsADeletionNextCycle() {
        t.mappings = new MappingConfiguration(MappingConfiguration.defaults().userMappings(),
                MappingConfiguration.defaults().groupMappings(), false, true);
        String team = t.entra.addGroup("Team");
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.unassign(team);
        t.zendesk.failNext("DELETE /api/v2/groups/{id}", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        assertEquals(1, failed.count("Delete.Failure"));
        assertEquals(ProvisioningAction.DELETE, t.stores.escrow().find(ObjectKind.GROUP, team).orElseThrow().action());
        assertFalse(t.zendesk.allGroups().get(0).deleted());

        CycleRecord retry = t.sync();

        assertEquals(1, retry.count("Delete.Success"));
        assertTrue(t.zendesk.allGroups().get(0).deleted());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aFailedDeleteOfAUserWhoseLinkIsAlreadyDeletedIsDropped() {
        String alice = agent("alice@contoso.com");
        t.sync();
        t.entra.remove(alice, Removal.HARD_DELETED);
        t.zendesk.failNext("DELETE /api/v2/users/{id}", 1, FakeZendesk.unavailable());
        t.sync();
        Link link = t.stores.links().find(ObjectKind.USER, alice).orElseThrow();
        t.stores.links().upsertAll(List.of(link.withState(LinkState.DELETED)));
        long before = t.zendesk.writes();

        t.sync();

        assertEquals(before, t.zendesk.writes(), "nothing left to delete");
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedHardDeleteIsRetriedAsADeleteNotASuspension() {
        String alice = agent("alice@contoso.com");
        t.sync();
        t.entra.remove(alice, Removal.HARD_DELETED);
        t.zendesk.failNext("DELETE /api/v2/users/{id}", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        assertEquals(1, failed.count("Delete.Failure"));
        assertTrue(entry(failed, alice).reason().endsWith("(will be retried in a later cycle)"));
        assertEquals(ProvisioningAction.DELETE, t.stores.escrow().find(ObjectKind.USER, alice).orElseThrow().action());
        assertTrue(t.zendesk.byExternalId(alice).active());

        CycleRecord retry = t.sync();

        assertEquals(1, retry.count("Delete.Success"));
        assertEquals(0, retry.count("Disable.Success"));
        assertFalse(t.zendesk.byExternalId(alice).active(), "deleted");
        assertFalse(t.zendesk.byExternalId(alice).suspended(), "not suspended instead");
        assertEquals(ProvisioningStatus.SUCCESS, entry(retry, alice).status());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aRetriedDeleteIsStagedSoTheDeletionGuardCountsIt() {
        String alice = agent("alice@contoso.com");
        t.sync();
        t.entra.remove(alice, Removal.HARD_DELETED);
        t.zendesk.failNext("DELETE /api/v2/users/{id}", 1, FakeZendesk.unavailable());
        t.sync();
        t.deleteThreshold = 0;

        CycleRecord held = t.sync();

        assertEquals(CycleStatus.HELD, held.status());
        assertEquals(ProvisioningAction.STAGED_DELETE, entry(held, alice).action());
        assertTrue(t.zendesk.byExternalId(alice).active());
        assertTrue(t.stores.escrow().find(ObjectKind.USER, alice).isPresent(), "kept while held");

        t.engine().approveDeletions(io.github.zendeskprovisioning.engine.state.Requester.serveKey());
        CycleRecord approved = t.sync();

        assertEquals(1, approved.count("Delete.Success"));
        assertFalse(t.zendesk.byExternalId(alice).active());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void failedSuspensionIsRetriedNextCycle() {
        String alice = agent("alice@contoso.com");
        t.sync();
        t.entra.unassign(alice);
        t.zendesk.failNext("PUT /api/v2/users/update_many", 1, FakeZendesk.unavailable());

        CycleRecord failed = t.sync();

        assertEquals(1, failed.count("Disable.Failure"));
        assertEquals(ProvisioningAction.DISABLE, t.stores.escrow().find(ObjectKind.USER, alice).orElseThrow().action());
        assertFalse(t.zendesk.byExternalId(alice).suspended());

        CycleRecord retry = t.sync();

        assertEquals(1, retry.count("Disable.Success"));
        assertTrue(t.zendesk.byExternalId(alice).suspended());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aUserWhoseCreateFailedAndWhoThenLeftScopeIsDroppedFromEscrow() {
        String bob = agent("bob@contoso.com");
        t.zendesk.failNext("POST /api/v2/users/create_many", 1, FakeZendesk.unavailable());
        t.sync();
        t.entra.unassign(bob);

        CycleRecord next = t.sync();

        assertNull(t.zendesk.byExternalId(bob));
        assertEquals(0, next.count("Create.Failure"));
        assertTrue(t.stores.escrow().all().isEmpty(), "no longer needed: dropped, not retried forever");
    }

    @Test
    void aSuspensionThatFailedIsDroppedWhenTheUserIsBackInScope() {
        String alice = agent("alice@contoso.com");
        t.sync();
        t.entra.unassign(alice);
        t.zendesk.failNext("PUT /api/v2/users/update_many", 1, FakeZendesk.unavailable());
        t.sync();
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);

        CycleRecord next = t.sync();

        assertEquals(0, next.count("Disable.Success"));
        assertFalse(t.zendesk.byExternalId(alice).suspended());
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aGroupWhoseCreateFailedAndThatWasUnassignedIsDroppedFromEscrow() {
        String team = t.entra.addGroup("Team");
        t.entra.assign(team, true, FakeEntra.ROLE_AGENT);
        t.zendesk.failNext("POST /api/v2/groups", 1, FakeZendesk.unavailable());
        t.sync();
        assertTrue(t.stores.escrow().find(ObjectKind.GROUP, team).isPresent());
        t.entra.unassign(team);

        t.sync();

        assertNull(group("Team"));
        assertTrue(t.stores.escrow().all().isEmpty());
    }

    @Test
    void aDryRunRetriesNothingForRealAndKeepsTheEscrow() {
        String bob = agent("bob@contoso.com");
        t.zendesk.failNext("POST /api/v2/users/create_many", 1, FakeZendesk.unavailable());
        t.sync();

        t.sync(false, true);

        assertNull(t.zendesk.byExternalId(bob));
        assertEquals(1, t.stores.escrow().find(ObjectKind.USER, bob).orElseThrow().attempts());
        t.sync();
        assertNotNull(t.zendesk.byExternalId(bob));
    }
}
