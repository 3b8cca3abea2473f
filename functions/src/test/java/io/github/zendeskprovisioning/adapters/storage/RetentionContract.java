package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.LogRetention;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retention as the timer applies it (30 days, a clock the test moves), against every adapter: what is older
 * than the period goes, what is not stays, and no call deletes more rows than it was allowed.
 */
abstract class RetentionContract extends StoreContract {
    private static final Instant NOW = Instant.parse("2026-05-10T00:30:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(30));
    private final ManualClock clock = new ManualClock(NOW);

    /** Stored rows one log entry takes in this adapter. */
    protected abstract int rowsPerLogEntry();

    /** Stored rows one cycle record takes, besides its step markers. */
    protected abstract int rowsPerCycleRecord();

    private Retention retention() {
        return stores().retention();
    }

    private LogRetention thirtyDays(int perTick) {
        return new LogRetention(retention(), 30, clock, perTick);
    }

    private static ProvisioningLogEntry entry(String cycle, int i, Instant time) {
        return ProvisioningLogContract.entry(cycle, "change-" + i, time, "object-" + (i % 7), ProvisioningAction.UPDATE,
                ProvisioningStatus.SUCCESS);
    }

    private List<ProvisioningLogEntry> all(LogQuery query) {
        List<ProvisioningLogEntry> read = new ArrayList<>();
        String token = null;
        do {
            var page = stores().log().query(query, 1000, token);
            read.addAll(page.entries());
            token = page.continuationToken();
        } while (token != null);
        return read;
    }

    @Test
    void entriesOlderThanTheRetentionPeriodGoAndTheRestStayInEveryView() {
        List<ProvisioningLogEntry> old = List.of(
                entry("old-cycle", 1, CUTOFF.minus(Duration.ofDays(3))),
                entry("old-cycle", 2, CUTOFF.minus(Duration.ofHours(1))),
                entry("edge-cycle", 3, CUTOFF.minusMillis(1)));
        List<ProvisioningLogEntry> kept = List.of(
                entry("edge-cycle", 4, CUTOFF),
                entry("new-cycle", 5, CUTOFF.plus(Duration.ofHours(2))),
                entry("new-cycle", 6, NOW));
        List<ProvisioningLogEntry> both = new ArrayList<>(old);
        both.addAll(kept);
        stores().log().append(both);

        Retention.Pruned pruned = thirtyDays(1000).pruneOnce();

        assertTrue(pruned.finished());
        assertEquals(old.size() * rowsPerLogEntry(), pruned.deleted());
        assertEquals(List.of("change-6", "change-5", "change-4"), all(LogQuery.all()).stream().map(ProvisioningLogEntry::changeId).toList());
        assertTrue(all(new LogQuery("old-cycle", null, null, null)).isEmpty(), "by cycle");
        assertEquals(List.of("change-4"), all(new LogQuery("edge-cycle", null, null, null)).stream().map(ProvisioningLogEntry::changeId).toList());
        assertTrue(all(new LogQuery(null, "object-1", null, null)).isEmpty(), "by object");
        assertEquals(1, all(new LogQuery(null, "object-4", null, null)).size());
        assertEquals(new Retention.Pruned(0, true), thirtyDays(1000).pruneOnce(), "a second tick finds nothing");
    }

    @Test
    void eachCallDeletesNoMoreThanItsBudgetAndTheTicksTogetherDeleteExactlyTheOldRows() {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < 120; i++) entries.add(entry(i < 60 ? "cycle-a" : "cycle-b", i, CUTOFF.minus(Duration.ofMinutes(10L * (i + 1)))));
        for (int i = 120; i < 130; i++) entries.add(entry("cycle-c", i, CUTOFF.plus(Duration.ofMinutes(i))));
        stores().log().append(entries);

        int budget = 50;
        int total = 0;
        int calls = 0;
        Retention.Pruned pruned;
        do {
            pruned = thirtyDays(budget).pruneOnce();
            assertTrue(pruned.deleted() <= budget, pruned + " exceeds the budget of " + budget);
            assertTrue(pruned.finished() || pruned.deleted() > 0, "an unfinished tick makes progress");
            total += pruned.deleted();
            calls++;
        } while (!pruned.finished() && calls < 100);

        assertTrue(pruned.finished());
        assertEquals(120 * rowsPerLogEntry(), total, "every row of every old entry, once");
        assertTrue(calls >= 120 * rowsPerLogEntry() / budget, calls + " calls");
        assertEquals(10, all(LogQuery.all()).size());
        assertTrue(all(LogQuery.all()).stream().allMatch(e -> e.cycleId().equals("cycle-c")));
    }

    @Test
    void oldCyclesLoseTheirStepMarkersAndRecordsButTheCurrentTheLastAndNewOnesStay() {
        var cycles = stores().cycles();
        Instant longAgo = CUTOFF.minus(Duration.ofDays(5));
        for (String id : List.of("old-1", "old-2", "current", "last")) {
            cycles.create(CycleStoreContract.cycle(id, longAgo));
            for (String step : List.of("plan", "batch-1", "batch-2")) cycles.completeStep(id, step, c -> c);
        }
        cycles.create(CycleStoreContract.cycle("new", NOW.minus(Duration.ofDays(1))));
        cycles.completeStep("new", "plan", c -> c);
        cycles.updateJobState(j -> j.withLastCycle("last").withCurrentCycle("current"));

        Retention.Pruned pruned = thirtyDays(1000).pruneOnce();

        assertTrue(pruned.finished());
        assertEquals(2 * (3 + rowsPerCycleRecord()), pruned.deleted());
        assertTrue(cycles.find("old-1").isEmpty());
        assertTrue(cycles.find("old-2").isEmpty());
        assertEquals(List.of("new", "current", "last"), cycles.recent(10).stream().map(c -> c.cycleId()).sorted(
                java.util.Comparator.comparing(id -> List.of("new", "current", "last").indexOf(id))).toList());
        assertEquals(3, cycles.recent(10).size());
        assertTrue(cycles.completeStep("current", "batch-1", c -> c).isEmpty(), "the current cycle's markers stay");
        assertTrue(cycles.completeStep("new", "plan", c -> c).isEmpty(), "a new cycle's markers stay");
        // The same id made again counts its steps afresh: the old markers are gone, not just hidden.
        cycles.create(CycleStoreContract.cycle("old-1", NOW));
        assertTrue(cycles.completeStep("old-1", "batch-1", c -> c).isPresent());
    }

    @Test
    void aHeldCycleKeepsItsHeldRemovalsWhileItIsHeldHoweverOld() {
        var cycles = stores().cycles();
        Instant longAgo = CUTOFF.minus(Duration.ofDays(5));
        var removal = new io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval(
                io.github.zendeskprovisioning.engine.state.ObjectKind.USER, "u-1", "U", 1,
                io.github.zendeskprovisioning.engine.state.ProvisioningAction.DISABLE, "unassigned", true);
        cycles.create(CycleStoreContract.cycle("held", longAgo));
        cycles.stageRemovals("held", List.of(removal));
        cycles.settleRemovals("held", List.of(removal), List.of(removal));
        cycles.updateJobState(j -> j.withLastCycle("later").withHeld("held", 1));

        assertTrue(thirtyDays(1000).pruneOnce().finished());
        assertEquals(List.of(removal), cycles.heldRemovals("held"), "what an approval releases is still there");

        cycles.updateJobState(j -> j.withHeld(null, 0));
        assertTrue(thirtyDays(1000).pruneOnce().finished());
        assertTrue(cycles.heldRemovals("held").isEmpty(), "no longer held: pruned as any old cycle");
    }

    @Test
    void cyclesArePrunedInBoundedStepsAcrossTicks() {
        var cycles = stores().cycles();
        for (int c = 0; c < 4; c++) {
            String id = "old-" + c;
            cycles.create(CycleStoreContract.cycle(id, CUTOFF.minus(Duration.ofDays(1 + c))));
            for (int s = 0; s < 5; s++) cycles.completeStep(id, "step-" + s, x -> x);
        }
        cycles.updateJobState(j -> j.withLastCycle("none-of-these"));
        int total = 0;
        int calls = 0;
        Retention.Pruned pruned;
        do {
            pruned = thirtyDays(4).pruneOnce();
            assertTrue(pruned.deleted() <= 4, pruned.toString());
            total += pruned.deleted();
            calls++;
        } while (!pruned.finished() && calls < 100);
        assertTrue(pruned.finished());
        assertEquals(4 * (5 + rowsPerCycleRecord()), total);
        assertTrue(cycles.recent(10).isEmpty());
        assertFalse(calls < 4 * (5 + rowsPerCycleRecord()) / 4, calls + " calls");
    }
}
