package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Requester;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Provision on demand reports each step as it makes it: to its listener, and into the run's log entry at once. */
class OnDemandLiveStepsTest {
    private final Tenant t = new Tenant();
    private final Requester alice = Requester.principal("alice@contoso.com");

    private ProvisioningLogEntry runEntry(String cycleId) {
        List<ProvisioningLogEntry> runs = t.log(cycleId).stream().filter(e -> e.action() == ProvisioningAction.OPERATOR_ACTION).toList();
        assertEquals(1, runs.size(), "one run entry, rewritten in place: " + runs);
        return runs.get(0);
    }

    @Test
    void eachStepIsInTheRunsLogEntryWhenTheListenerHearsIt() {
        String id = t.entra.addUser("dave@contoso.com", "dave");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        String cycleId = OnDemandProvisioning.cycleIdOf("run-0001-abcd");
        List<String> heard = new ArrayList<>();
        List<String> storedWhenHeard = new ArrayList<>();
        List<Integer> zendeskUsersWhenHeard = new ArrayList<>();

        var result = t.engine().provision(id, "run-0001-abcd", alice, new OnDemandProvisioning.Listener() {
            @Override
            public void step(LogStep step) {
                heard.add(step.name() + " " + step.outcome());
                List<LogStep> stored = runEntry(cycleId).steps();
                LogStep last = stored.get(stored.size() - 1);
                storedWhenHeard.add(last.name() + " " + last.outcome());
                zendeskUsersWhenHeard.add(t.zendesk.allUsers().size());
            }
        });

        assertEquals(cycleId, result.cycleId());
        assertEquals(List.of("Import Success", "Assignments Success", "Users Started", "Users Success", "Action Success"), heard);
        assertEquals(heard, storedWhenHeard, "each step is in the log before the listener hears it");
        assertEquals(List.of(0, 0, 0, 1, 1), zendeskUsersWhenHeard, "the steps before the write are readable before it is made");
        ProvisioningLogEntry run = runEntry(cycleId);
        assertEquals(ProvisioningStatus.SUCCESS, run.status());
        assertEquals("alice@contoso.com", run.steps().get(0).outcome());
        assertTrue(run.reason().startsWith("provision on demand of user " + id + " requested by alice@contoso.com"), run.reason());
        assertEquals(result.steps(), run.steps().subList(1, run.steps().size()));
    }

    @Test
    void whileUnderWayTheRunEntryIsAWarningSayingSo() {
        String id = t.entra.addUser("erin@contoso.com", "erin");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        List<ProvisioningLogEntry> seen = new ArrayList<>();

        t.engine().provision(id, "run-0002-abcd", alice, new OnDemandProvisioning.Listener() {
            @Override
            public void step(LogStep step) {
                if (step.name().equals("Users") && step.outcome().equals("Started")) seen.add(runEntry(OnDemandProvisioning.cycleIdOf("run-0002-abcd")));
            }
        });

        assertEquals(ProvisioningStatus.WARNING, seen.get(0).status());
        assertTrue(seen.get(0).reason().contains("under way"), seen.get(0).reason());
    }

    @Test
    void aGroupRunReportsItsMembersAndEachBatchOfUsersAsTheyAreWritten() {
        String group = t.entra.addGroup("Support");
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = t.entra.addUser("agent" + i + "@contoso.com", "agent" + i);
            t.entra.addMember(group, id);
            members.add(id);
        }
        t.entra.assign(group, true, FakeEntra.ROLE_AGENT);
        List<String> heard = new ArrayList<>();
        List<Integer> entriesHeard = new ArrayList<>();

        var result = t.engine().provision(group, null, alice, new OnDemandProvisioning.Listener() {
            @Override
            public void step(LogStep step) {
                heard.add(step.name() + " " + step.outcome());
            }

            @Override
            public void entries(List<ProvisioningLogEntry> entries) {
                entriesHeard.add(entries.size());
            }
        });

        assertEquals(List.of("Import Success", "Assignments Success", "Members Success", "Users Started", "Users Success",
                "Group Started", "Group Success", "Action Success"), heard);
        assertEquals(result.entries().size(), entriesHeard.stream().mapToInt(Integer::intValue).sum());
        assertEquals(3, t.zendesk.allUsers().size());
        assertTrue(result.cycleId().startsWith(OnDemandProvisioning.CYCLE_PREFIX), result.cycleId());
    }

    @Test
    void aRunThatStopsOnAnErrorEndsItsEntryAsAFailureNamingTheError() {
        String id = t.entra.addUser("fay@contoso.com", "fay");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        t.entra.addAppRole("role-light-agent", "Light Agent"); // so the run reads Zendesk's custom roles, which fail
        t.zendesk.failCustomRoles = new ZendeskException(new ZendeskError(500, "InternalError", "try later", List.of(), true));

        assertThrows(ZendeskException.class, () -> t.engine().provision(id, "run-0003-abcd", alice, OnDemandProvisioning.Listener.NONE));

        ProvisioningLogEntry run = runEntry(OnDemandProvisioning.cycleIdOf("run-0003-abcd"));
        assertEquals(ProvisioningStatus.FAILURE, run.status());
        LogStep last = run.steps().get(run.steps().size() - 1);
        assertEquals("Action", last.name());
        assertTrue(last.detail().contains("it stopped: ZendeskException"), last.detail());
    }

    @Test
    void aRunIdIsUsedOnceAndMustLookLikeOne() {
        String id = t.entra.addUser("gus@contoso.com", "gus");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        t.engine().provision(id, "run-0004-abcd", alice, OnDemandProvisioning.Listener.NONE);

        var again = assertThrows(OnDemandProvisioning.RunIdInUseException.class,
                () -> t.engine().provision(id, "run-0004-abcd", alice, OnDemandProvisioning.Listener.NONE));
        assertTrue(again.getMessage().contains("\"run-0004-abcd\" was used before"), again.getMessage());
        var bad = assertThrows(OnDemandProvisioning.InvalidRunIdException.class,
                () -> t.engine().provision(id, "x/../y", alice, OnDemandProvisioning.Listener.NONE));
        assertTrue(bad.getMessage().startsWith("runId \"x/../y\" is not a run id"), bad.getMessage());
        assertEquals(1, t.zendesk.allUsers().size(), "a refused run writes nothing");
    }
}
