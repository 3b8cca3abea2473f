package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.state.CycleControl;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.Watermark;
import io.github.zendeskprovisioning.engine.state.WriteIntent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

abstract class CycleStoreContract extends StoreContract {
    private static final Instant T = Instant.parse("2026-03-01T10:00:00.000000001Z");

    private CycleStore cycles() {
        return stores().cycles();
    }

    static CycleRecord cycle(String id, Instant startedAt) {
        return new CycleRecord(id, CycleMode.INITIAL, false, "timer", CycleStatus.RUNNING, startedAt, null,
                Map.of("Create.Success", 3L), 0, 0, false, "planning", null,
                new Watermark("users-delta", null, "gen-1", startedAt, "mapping-hash-1"), null);
    }

    @Test
    void createdCycleIsFoundWithAllItsFields() {
        CycleRecord stored = cycles().create(cycle("c1", T));
        assertNotNull(stored.etag());
        CycleRecord found = cycles().find("c1").orElseThrow();
        assertEquals(stored, found);
        assertEquals(Map.of("Create.Success", 3L), found.counts());
        assertEquals("users-delta", found.pendingWatermark().usersDeltaToken());
        assertEquals("mapping-hash-1", found.pendingWatermark().mappingHash());
        assertTrue(cycles().find("c2").isEmpty());
    }

    @Test
    void theControlFieldsRoundTrip() {
        CycleControl control = new CycleControl("{\"v\":1}", "token-1", T.plusSeconds(60), "sync (pid 7 on host)",
                T.plusSeconds(30), T, "held:12");
        cycles().create(cycle("c1", T).withControl(control));
        assertEquals(control, cycles().find("c1").orElseThrow().control());
        CycleRecord released = cycles().update("c1", c -> c.withControl(c.control().withClaim(null, null)));
        assertEquals(control.withClaim(null, null), cycles().find("c1").orElseThrow().control());
        assertEquals(released, cycles().find("c1").orElseThrow());
    }

    @Test
    void aPlanStepAsLongAsAQueueMessageIsKept() {
        String long45k = "{\"roles\":\"" + "é".repeat(44_980) + "\"}";
        cycles().create(cycle("c1", T).withControl(CycleControl.NONE.withPlanStep(long45k)));
        assertEquals(long45k, cycles().find("c1").orElseThrow().control().planStep());
        cycles().update("c1", c -> c.withControl(c.control().withPlanStep("short")));
        assertEquals("short", cycles().find("c1").orElseThrow().control().planStep());
    }

    @Test
    void stepDoneTellsWhetherAStepWasCompleted() {
        cycles().create(cycle("c1", T));
        assertFalse(cycles().stepDone("c1", "plan-users-3"));
        cycles().completeStep("c1", "plan-users-3", c -> c);
        assertTrue(cycles().stepDone("c1", "plan-users-3"));
        assertFalse(cycles().stepDone("c2", "plan-users-3"));
    }

    @Test
    void workHandedOnToAStepIsReadBackWholeReplacedAndKeptApartFromItsStepMarker() {
        cycles().create(cycle("c1", T));
        assertNull(cycles().carriedWork("c1", "plan-users-1"));
        String large = "{\"users\":[" + "\"w\u00e9\",".repeat(9_999) + "\"end\"]}"; // about 60,000 characters
        cycles().carryWork("c1", "plan-users-1", large);
        assertEquals(large, cycles().carriedWork("c1", "plan-users-1"));
        assertNull(cycles().carriedWork("c1", "plan-users-2"));
        assertNull(cycles().carriedWork("c2", "plan-users-1"));
        assertFalse(cycles().stepDone("c1", "plan-users-1"), "handed-on work is not a step marker");
        cycles().carryWork("c1", "plan-users-1", "again");
        assertEquals("again", cycles().carriedWork("c1", "plan-users-1"));
        assertThrows(IllegalArgumentException.class, () -> cycles().carryWork("c1", "plan-users-1", "x".repeat(60_001)));
    }

    @Test
    void aBatchsWriteIntentsAreReplacedAndKeptApartFromItsStepMarker() {
        cycles().create(cycle("c1", T));
        assertEquals(List.of(), cycles().intents("c1", "users-0-all-0"));
        List<WriteIntent> full = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            // As large as a batch's intents get: every modified value cut to about 100 characters.
            List<ModifiedProperty> modified = new java.util.ArrayList<>();
            for (int p = 0; p < 12; p++) modified.add(new ModifiedProperty("field" + p, "o".repeat(103), "n\u00e9".repeat(51)));
            full.add(new WriteIntent("user-" + i, ProvisioningAction.CREATE, "hash-" + i, "created as agent", modified, "agent"));
        }
        cycles().recordIntents("c1", "users-0-all-0", full);
        List<WriteIntent> back = cycles().intents("c1", "users-0-all-0");
        assertEquals(full.size(), back.size());
        for (int i = 0; i < full.size(); i++) assertEquals(full.get(i).toString(), back.get(i).toString(), "intent " + i);
        assertFalse(cycles().stepDone("c1", "users-0-all-0"), "an intent is not a step marker");
        assertTrue(cycles().completeStep("c1", "users-0-all-0", r -> r).isPresent(), "nor does it stand in the marker's way");

        List<WriteIntent> replaced = List.of(new WriteIntent("user-1", ProvisioningAction.SKIP, "hash-1", null, List.of(), null));
        cycles().recordIntents("c1", "users-0-all-0", replaced);
        assertEquals(replaced, cycles().intents("c1", "users-0-all-0"));
        assertEquals(List.of(), cycles().intents("c1", "users-0-all-1"));
        cycles().clear();
        assertEquals(List.of(), cycles().intents("c1", "users-0-all-0"));
    }

    @Test
    void stagedRemovalsStayUntilSettledAndRestagingKeepsTheSettledMark() {
        StagedRemoval a = new StagedRemoval(ObjectKind.USER, "user-a", "A", 11, ProvisioningAction.DISABLE, "unassigned", true);
        StagedRemoval b = new StagedRemoval(ObjectKind.USER, "O'Brien/#?", "B", 12, ProvisioningAction.DELETE, "deleted", false);
        StagedRemoval g = new StagedRemoval(ObjectKind.GROUP, "group-g", "G", 13, ProvisioningAction.DELETE, "unassigned", true);
        List<StagedRemoval> many = new java.util.ArrayList<>();
        for (int i = 0; i < 130; i++) many.add(new StagedRemoval(ObjectKind.USER, "m-" + i, "M", i, ProvisioningAction.DISABLE, "r", true));
        cycles().stageRemovals("c1", List.of(a, b, g));
        cycles().stageRemovals("c1", many);
        cycles().stageRemovals("c2", List.of(a));
        assertEquals(133, cycles().stagedRemovals("c1", false).size());
        assertTrue(cycles().stagedRemovals("c1", false).containsAll(List.of(a, b, g)));

        cycles().settleRemovals("c1", List.of(a, g));
        cycles().stageRemovals("c1", List.of(a)); // a batch delivered again
        assertEquals(Set.of(a, g), Set.copyOf(cycles().stagedRemovals("c1", true)));
        assertEquals(131, cycles().stagedRemovals("c1", false).size());
        assertEquals(List.of(a), cycles().stagedRemovals("c2", false));
        assertEquals(cycles().stagedRemovals("c1", false), cycles().stagedRemovals("c1", false), "a stable order");
        cycles().clear();
        assertTrue(cycles().stagedRemovals("c1", false).isEmpty());
    }

    @Test
    void aStagedDeletionIsNeverTurnedIntoASuspensionByALaterStagingOfTheSameUser() {
        StagedRemoval delete = new StagedRemoval(ObjectKind.USER, "user-d", "D", 21, ProvisioningAction.DELETE, "deleted in Entra", false);
        StagedRemoval suspend = new StagedRemoval(ObjectKind.USER, "user-d", "D", 21, ProvisioningAction.DISABLE, "no longer found", true);
        cycles().stageRemovals("c1", List.of(delete));
        cycles().stageRemovals("c1", List.of(suspend));
        assertEquals(List.of(delete), cycles().stagedRemovals("c1", false));

        cycles().stageRemovals("c2", List.of(suspend));
        cycles().stageRemovals("c2", List.of(delete));
        assertEquals(List.of(delete), cycles().stagedRemovals("c2", false));
    }

    @Test
    void creatingACycleThatExistsIsAConcurrentUpdate() {
        cycles().create(cycle("c1", T));
        assertThrows(ConcurrentUpdateException.class, () -> cycles().create(cycle("c1", T.plusSeconds(1))));
    }

    @Test
    void updateAppliesTheChangeAndReturnsTheStoredResult() {
        CycleRecord created = cycles().create(cycle("c1", T));
        CycleRecord updated = cycles().update("c1", c -> withBatches(c, c.batchesDone() + 1));
        assertEquals(1, updated.batchesDone());
        assertTrue(!created.etag().equals(updated.etag()));
        assertEquals(updated, cycles().find("c1").orElseThrow());
    }

    @Test
    void updateFromARecordReadEarlierAppliesTheChangeToWhatIsStoredWhenTheRecordMovedOn() {
        CycleRecord read = cycles().create(cycle("c1", T));
        CycleRecord fresh = cycles().update(read, c -> withBatches(c, c.batchesDone() + 1));
        assertEquals(1, fresh.batchesDone());
        assertEquals(fresh, cycles().find("c1").orElseThrow());

        cycles().update("c1", c -> withBatches(c, c.batchesDone() + 10)); // another writer: `fresh` is stale now
        CycleRecord afterStale = cycles().update(fresh, c -> withBatches(c, c.batchesDone() + 1));

        assertEquals(12, afterStale.batchesDone(), "the change applied again to the stored record, no increment lost");
        assertEquals(afterStale, cycles().find("c1").orElseThrow());
        assertEquals(12, cycles().update(read.withEtag(null), c -> c).batchesDone(), "a record without etag is read first");
    }

    @Test
    void completeStepFromAHeldRecordCountsOnceAndAppliesToWhatIsStoredWhenTheRecordMovedOn() {
        CycleRecord read = cycles().create(cycle("c1", T));
        CycleRecord first = cycles().completeStep(read, "batch-1", c -> withBatches(c, c.batchesDone() + 1)).orElseThrow();
        assertEquals(1, first.batchesDone());

        cycles().update("c1", c -> withBatches(c, c.batchesDone() + 10));
        Optional<CycleRecord> fromStale = cycles().completeStep(first, "batch-2", c -> withBatches(c, c.batchesDone() + 1));
        assertEquals(12, fromStale.orElseThrow().batchesDone(), "applied to the stored record, not to the stale one");

        CycleRecord stored = cycles().find("c1").orElseThrow();
        assertTrue(cycles().completeStep(stored, "batch-2", c -> withBatches(c, c.batchesDone() + 1)).isEmpty(),
                "a step done already is not applied again, even from a fresh record");
        assertTrue(cycles().completeStep(read, "batch-1", c -> withBatches(c, c.batchesDone() + 1)).isEmpty(),
                "nor from a stale one");
        assertEquals(12, cycles().find("c1").orElseThrow().batchesDone());
        assertTrue(cycles().stepDone("c1", "batch-1") && cycles().stepDone("c1", "batch-2"));
    }

    @Test
    void twoThreadsCompletingFiftyStepsEachFromRecordsTheyHoldEndAtOneHundred() throws Exception {
        CycleRecord created = cycles().create(cycle("c1", T));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            java.util.function.IntFunction<Runnable> fifty = thread -> () -> {
                CycleRecord held = created;
                for (int i = 0; i < 50; i++) {
                    held = cycles().completeStep(held, "t" + thread + "-" + i, c -> withBatches(c, c.batchesDone() + 1)).orElseThrow();
                    if (held.etag() == null) held = cycles().find("c1").orElseThrow();
                }
            };
            CompletableFuture.allOf(CompletableFuture.runAsync(fifty.apply(1), pool),
                    CompletableFuture.runAsync(fifty.apply(2), pool)).get();
        } finally {
            pool.shutdown();
        }
        assertEquals(100, cycles().find("c1").orElseThrow().batchesDone());
    }

    @Test
    void updateOfAnUnknownCycleThrowsNoSuchElement() {
        assertThrows(NoSuchElementException.class, () -> cycles().update("nope", c -> c));
    }

    @Test
    void twoThreadsIncrementingFiftyTimesEachEndAtOneHundred() throws Exception {
        cycles().create(cycle("c1", T));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Runnable fifty = () -> {
                for (int i = 0; i < 50; i++) cycles().update("c1", c -> withBatches(c, c.batchesDone() + 1));
            };
            CompletableFuture.allOf(CompletableFuture.runAsync(fifty, pool), CompletableFuture.runAsync(fifty, pool)).get();
        } finally {
            pool.shutdown();
        }
        assertEquals(100, cycles().find("c1").orElseThrow().batchesDone());
    }

    @Test
    void recentListsTheLatestCyclesNewestFirst() {
        cycles().create(cycle("b-middle", T.plusSeconds(60)));
        cycles().create(cycle("a-newest", T.plusSeconds(120)));
        cycles().create(cycle("c-oldest", T));
        cycles().create(cycle("O'Brien/#?", T.plusNanos(1)));
        assertEquals(List.of("a-newest", "b-middle"), cycles().recent(2).stream().map(CycleRecord::cycleId).toList());
        assertEquals(List.of("a-newest", "b-middle", "O'Brien/#?", "c-oldest"),
                cycles().recent(10).stream().map(CycleRecord::cycleId).toList());
    }

    @Test
    void jobStateStartsInitialAndConcurrentUpdatesAreAllApplied() throws Exception {
        assertEquals(JobState.initial(), cycles().jobState());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Runnable twenty = () -> {
                for (int i = 0; i < 20; i++) {
                    cycles().updateJobState(j -> j.withQuarantine(j.quarantine(), j.failingCycles() + 1));
                }
            };
            CompletableFuture.allOf(CompletableFuture.runAsync(twenty, pool), CompletableFuture.runAsync(twenty, pool)).get();
        } finally {
            pool.shutdown();
        }
        JobState job = cycles().jobState();
        assertEquals(40, job.failingCycles());
        assertNotNull(job.etag());
    }

    @Test
    void jobStateKeepsItsWatermarkQuarantineAndHold() {
        Instant next = T.plusSeconds(3600);
        Quarantine quarantine = new Quarantine(Quarantine.CREDENTIALS_REFUSED, "Zendesk refused the credentials", T, 2, next);
        cycles().updateJobState(j -> new JobState(true, quarantine, 3, "c9", "c8",
                new Watermark("u-token", "g-token", "gen-7", T, "mapping-hash-7"), "c7", 30, true, j.etag()));
        JobState job = cycles().jobState();
        assertTrue(job.paused());
        assertEquals(quarantine, job.quarantine());
        assertEquals(3, job.failingCycles());
        assertEquals(new Watermark("u-token", "g-token", "gen-7", T, "mapping-hash-7"), job.watermark());
        assertEquals("c7", job.heldCycleId());
        assertEquals(30, job.heldCount());
        assertTrue(job.deletionsApproved());

        cycles().updateJobState(j -> j.withQuarantine(new Quarantine(Quarantine.TOO_MANY_DELETES, "held", T, 1, null), 0));
        assertNull(cycles().jobState().quarantine().nextAttemptAt(), "the deletion guard's quarantine names no next attempt");
        cycles().updateJobState(j -> j.withQuarantine(null, 0).withHeld(null, 0));
        assertNull(cycles().jobState().quarantine());
        assertNull(cycles().jobState().heldCycleId());
        assertFalse(cycles().jobState().deletionsApproved(), "a new hold (or none) is not approved");
    }

    @Test
    void heldRemovalsAreThoseSettledAsHeldAndSettlingAgainKeepsTheMark() {
        List<StagedRemoval> staged = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) staged.add(new StagedRemoval(ObjectKind.USER, "u-" + i, "U", i, ProvisioningAction.DISABLE, "unassigned", true));
        cycles().stageRemovals("c1", staged);

        cycles().settleRemovals("c1", staged, staged.subList(0, 3));
        cycles().settleRemovals("c1", staged); // a chunk made again after a crash

        assertEquals(staged.subList(0, 3), cycles().heldRemovals("c1"));
        assertEquals(staged, cycles().stagedRemovals("c1", true));
        assertTrue(cycles().heldRemovals("c2").isEmpty());
    }

    @Test
    void clearRemovesEveryCycleAndResetsTheJobState() {
        cycles().create(cycle("c1", T));
        cycles().updateJobState(j -> new JobState(true, null, 0, "c1", null, null, null, 0, false, j.etag()));
        cycles().clear();
        assertTrue(cycles().find("c1").isEmpty());
        assertTrue(cycles().recent(5).isEmpty());
        assertNull(cycles().jobState().currentCycleId());
    }

    private static CycleRecord withBatches(CycleRecord c, int done) {
        Map<String, Long> counts = new HashMap<>(c.counts());
        counts.merge("batches", 1L, Long::sum);
        return new CycleRecord(c.cycleId(), c.mode(), c.dryRun(), c.trigger(), c.status(), c.startedAt(), c.finishedAt(),
                counts, c.batchesEnqueued(), done, c.planningDone(), c.phase(), c.statusReason(), c.pendingWatermark(), c.etag());
    }
}
