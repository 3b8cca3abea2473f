package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ProvisioningEngine.StartOutcome;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cycle whose process died is taken over and finished; a live one is joined; a lost step is sent again. */
class CycleResumeTest {
    private final Tenant t = new Tenant();

    CycleResumeTest() {
        // The queues read the test's clock, so "after the visibility timeout" needs no waiting.
        t.stores = InMemoryStateStores.create(t.clock);
    }

    private void assigned(int n) {
        for (int i = 0; i < n; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "User " + i);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        }
    }

    /** Handles whatever is visible (as a runner would), moving the clock on when nothing is, until the cycle ends. */
    private CycleRecord workToEnd(ProvisioningEngine engine, String cycleId, String holder) throws InterruptedException {
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 2, t.problems::add, holder)) {
            for (int round = 0; round < 500; round++) {
                CycleRecord c = t.stores.cycles().find(cycleId).orElseThrow();
                if (c.finishedAt() != null) return c;
                if (runner.drainOnce() == 0) {
                    t.clock.advance(Duration.ofSeconds(31));
                    engine.keepAlive(holder);
                }
            }
        }
        throw new AssertionError("the cycle did not end");
    }

    /** The first process takes the first plan message and dies holding it. */
    private String startAndDie(ProvisioningEngine engine) {
        String cycleId = engine.startCycle(false, false, "cli", "sync (pid 1 on gone)").cycle().cycleId();
        List<QueueMessage> taken = t.stores.queues().queue(CycleQueues.PLAN).receive(1, Duration.ofSeconds(30));
        assertEquals(1, taken.size());
        return cycleId;
    }

    @Test
    void aRunnerStandingInForAFunctionsHostFinishesTheCycleWithoutEverTakingItsLease() throws InterruptedException {
        assigned(30);
        ProvisioningEngine engine = t.engine();
        CycleRecord started = engine.startCycle(false, false, "timer").cycle();
        String cycleId = started.cycleId();
        CycleRecord end = null;
        try (CycleRunner host = CycleRunner.asFunctionsHost(engine, Duration.ofSeconds(30), 5, 2, t.problems::add)) {
            for (int round = 0; round < 500 && end == null; round++) {
                CycleRecord c = t.stores.cycles().find(cycleId).orElseThrow();
                if (c.finishedAt() != null) end = c;
                else if (host.drainOnce() == 0) t.clock.advance(Duration.ofSeconds(31));
            }
        }

        assertEquals(CycleStatus.COMPLETED, end.status(), t.problems.toString());
        // The lease stays as the timer left it when it started the cycle: a Functions host renews none.
        assertEquals(started.control().leaseHolder(), end.control().leaseHolder());
        assertEquals(started.control().leaseUntil(), end.control().leaseUntil());
        assertEquals(30, t.zendesk.allUsers().size());
    }

    @Test
    void aSecondSyncWhileTheRunnerLivesJoinsItAndNamesItsHolder() {
        assigned(3);
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "cli", "sync (pid 1 on a)").cycle().cycleId();

        ProvisioningEngine.StartResult second = engine.startCycle(false, false, "cli", "sync (pid 2 on b)");

        assertEquals(StartOutcome.ALREADY_RUNNING, second.outcome());
        assertEquals(cycleId, second.cycle().cycleId());
        assertTrue(second.message().contains("held by sync (pid 1 on a)"), second.message());
    }

    @Test
    void aCycleWhoseRunnerWasKilledIsTakenOverAndEveryUserIsCreatedOnce() throws Exception {
        assigned(30);
        ProvisioningEngine engine = t.engine();
        String cycleId = startAndDie(engine);
        t.clock.advance(CycleSupervisor.STALL.plusSeconds(1));

        ProvisioningEngine.StartResult timer = engine.startCycle(false, false, "timer");

        assertEquals(StartOutcome.STARTED, timer.outcome(), timer.message());
        assertTrue(timer.resumed());
        assertEquals(cycleId, timer.cycle().cycleId());
        assertTrue(timer.message().contains("took it over"), timer.message());
        CycleRecord end = workToEnd(engine, cycleId, "sync (pid 3 on c)");
        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals(30, t.zendesk.allUsers().size());
        assertEquals(30, end.count("Create.Success"));
    }

    @Test
    void aJoiningRunnerTakesTheLeaseWhenTheHolderStopsRenewingAndFinishesTheCycle() throws Exception {
        assigned(12);
        ProvisioningEngine engine = t.engine();
        String cycleId = startAndDie(engine);
        assertEquals(StartOutcome.ALREADY_RUNNING, engine.startCycle(false, false, "cli", "sync (pid 4 on d)").outcome());

        CycleRecord end = workToEnd(engine, cycleId, "sync (pid 4 on d)");

        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals("sync (pid 4 on d)", end.control().leaseHolder());
        assertEquals(12, t.zendesk.allUsers().size());
    }

    @Test
    void aCycleWhoseHolderOnThisHostNoLongerRunsIsTakenOverAtOnce() throws Exception {
        assigned(4);
        Process ended = new ProcessBuilder("java", "-version").redirectErrorStream(true).start();
        ended.getInputStream().readAllBytes();
        ended.waitFor();
        String deadHolder = "sync " + CycleSupervisor.thisProcess().replace("pid " + ProcessHandle.current().pid(), "pid " + ended.pid());
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "cli", deadHolder).cycle().cycleId();
        t.stores.queues().queue(CycleQueues.PLAN).receive(1, Duration.ofSeconds(30));

        ProvisioningEngine.StartResult next = engine.startCycle(false, false, "cli", "sync " + CycleSupervisor.thisProcess());

        assertEquals(StartOutcome.STARTED, next.outcome(), next.message());
        assertTrue(next.resumed());
        assertTrue(next.message().contains("a process that no longer runs"), next.message());
        assertEquals(1, t.stores.queues().queue(CycleQueues.PLAN).receive(1, Duration.ofSeconds(30)).size(),
                "its due step was sent again without waiting for the first copy to come back");
        CycleRecord end = workToEnd(engine, cycleId, "sync " + CycleSupervisor.thisProcess());
        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals(4, t.zendesk.allUsers().size());
    }

    @Test
    void theWatchdogSendsAgainTheStepOfACycleWhosePlanMessageWasLost() throws Exception {
        assigned(5);
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "cli", "serve").cycle().cycleId();
        t.stores.queues().queue(CycleQueues.PLAN).clear();

        assertTrue(engine.keepAlive("serve").isEmpty(), "not stalled yet");
        t.clock.advance(CycleSupervisor.STALL.plusSeconds(1));
        assertEquals("sent plan-assignments-0 of cycle " + cycleId + " again", engine.keepAlive("serve").orElseThrow());

        CycleRecord end = workToEnd(engine, cycleId, "serve");
        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals(5, t.zendesk.allUsers().size());
    }

    @Test
    void aPlanStepClaimedByAnotherDeliveryIsNotReadAgainButComesBackLater() throws Exception {
        assigned(3);
        ProvisioningEngine engine = t.engine();
        String cycleId = engine.startCycle(false, false, "cli", "sync").cycle().cycleId();
        QueueMessage first = t.stores.queues().queue(CycleQueues.PLAN).receive(1, Duration.ofSeconds(30)).get(0);
        t.stores.cycles().update(cycleId, r -> r.withControl(r.control().withClaim("another delivery",
                t.clock.instant().plus(CycleSupervisor.CLAIM))));
        long graphBefore = t.entra.requestCountOnThisThread();

        engine.handle(first.body());

        assertEquals(graphBefore, t.entra.requestCountOnThisThread(), "the claimed step was not read a second time");
        assertFalse(t.stores.cycles().stepDone(cycleId, "plan-assignments-0"));
        assertTrue(t.stores.queues().queue(CycleQueues.PLAN).receive(1, Duration.ofSeconds(30)).stream()
                .noneMatch(m -> !m.messageId().equals(first.messageId())), "the copy waits for the claim to lapse");
        t.stores.queues().queue(CycleQueues.PLAN).delete(first);

        CycleRecord end = workToEnd(engine, cycleId, "sync");
        assertEquals(CycleStatus.COMPLETED, end.status(), end.statusReason());
        assertEquals(3, t.zendesk.allUsers().size());
    }
}
