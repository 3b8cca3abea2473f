package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ProvisioningEngine.RestartScope;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.state.Requester;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OperatorActionLogTest {
    private final Tenant t = new Tenant();
    private static final Duration SECOND = Duration.ofSeconds(1);
    private final Requester alice = Requester.principal("alice@contoso.com");

    private List<ProvisioningLogEntry> operatorActions() {
        return t.stores.log().query(new LogQuery(null, null, null, ProvisioningAction.OPERATOR_ACTION), 1000, null).entries();
    }

    private static LogStep requestedBy(ProvisioningLogEntry e) {
        return e.steps().stream().filter(s -> s.name().equals("RequestedBy")).findFirst().orElseThrow();
    }

    @Test
    void eachOperatorActionLogsOneEntryNamingWhoAskedAndFromWhere() {
        ProvisioningEngine engine = t.engine();
        engine.pause(alice);
        t.clock.advance(SECOND);
        engine.resume(Requester.commandLine("bob"));
        t.clock.advance(SECOND);
        engine.approveDeletions(Requester.functionKey());
        t.clock.advance(SECOND);
        engine.restart(EnumSet.of(RestartScope.WATERMARK, RestartScope.ESCROWS), Requester.serveKey());

        List<ProvisioningLogEntry> entries = operatorActions();

        assertEquals(4, entries.size(), entries.toString());
        for (ProvisioningLogEntry e : entries) {
            assertEquals(ObjectKind.JOB, e.kind());
            assertEquals(LogEntries.OPERATOR_CYCLE, e.cycleId());
            assertEquals(ProvisioningStatus.SUCCESS, e.status());
        }
        assertEquals(List.of("serve key (local)", "function key", "command line (bob)", "alice@contoso.com (App Service Authentication)"),
                entries.stream().map(e -> new Requester(requestedBy(e).outcome(), requestedBy(e).detail()).text()).toList(),
                "newest first");
        assertTrue(entries.get(0).reason().startsWith("restart [escrows, watermark] requested by serve key (local)"), entries.get(0).reason());
        assertEquals("pause requested by alice@contoso.com (App Service Authentication): timer cycles are paused", entries.get(3).reason());
        assertEquals("paused", entries.get(3).modified().get(0).name());
        assertEquals("true", entries.get(3).modified().get(0).newValue());
    }

    @Test
    void startingASyncLogsTheRequesterUnderTheNewCycle() {
        String id = t.entra.addUser("carol@contoso.com", "carol");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);

        ProvisioningEngine.StartResult started = t.engine().startCycle(true, true, "http", "http", alice);

        String cycleId = started.cycle().cycleId();
        List<ProvisioningLogEntry> logged = t.log(cycleId);
        assertEquals(1, logged.size());
        assertEquals(ProvisioningAction.OPERATOR_ACTION, logged.get(0).action());
        assertEquals("alice@contoso.com", requestedBy(logged.get(0)).outcome());
        assertTrue(logged.get(0).dryRun());
        assertTrue(logged.get(0).reason().startsWith("dry-run initial sync requested by alice@contoso.com"), logged.get(0).reason());
    }

    @Test
    void aRefusedExplicitStartIsLoggedAsSkippedButTheTimersIsNot() {
        t.engine().pause(Requester.timer());
        t.engine().startCycle(false, false, "timer");
        long afterTimer = operatorActions().size();

        CycleRecord running = t.engine().startCycle(false, false, "cli", "cli", Requester.commandLine("bob")).cycle();
        t.clock.advance(SECOND);
        ProvisioningEngine.StartResult again = t.engine().startCycle(false, false, "http", "http", alice);

        assertEquals(1, afterTimer, "only the pause: a paused timer tick logs nothing");
        assertEquals(ProvisioningEngine.StartOutcome.ALREADY_RUNNING, again.outcome());
        ProvisioningLogEntry refused = operatorActions().get(0);
        assertEquals(ProvisioningStatus.SKIPPED, refused.status());
        assertEquals(running.cycleId(), refused.cycleId(), "logged under the running cycle it joined");
    }

    @Test
    void provisionOnDemandLogsTheRequesterUnderItsOwnCycle() {
        String id = t.entra.addUser("dave@contoso.com", "dave");
        t.entra.assign(id, false, FakeEntra.ROLE_AGENT);

        var result = t.engine().provision(id, Requester.commandLine("bob"));

        ProvisioningLogEntry entry = t.log(result.cycleId()).stream()
                .filter(e -> e.action() == ProvisioningAction.OPERATOR_ACTION).findFirst().orElseThrow();
        assertEquals("command line", requestedBy(entry).outcome());
        assertEquals("bob", requestedBy(entry).detail());
        assertTrue(entry.reason().startsWith("provision on demand of user " + id), entry.reason());
        assertEquals(1, t.zendesk.allUsers().size());
    }

    @Test
    void aRequesterNameIsCleanedOfControlCharactersAndCut() {
        Requester r = Requester.principal("eve\r\nforged line" + "x".repeat(300));
        assertTrue(r.who().length() <= 200);
        assertTrue(!r.who().contains("\n") && !r.who().contains("\r"), r.who());
    }
}
