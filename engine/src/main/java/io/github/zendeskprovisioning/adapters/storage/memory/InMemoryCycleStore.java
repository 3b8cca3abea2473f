package io.github.zendeskprovisioning.adapters.storage.memory;

import io.github.zendeskprovisioning.engine.cycle.messages.StagedRemoval;
import io.github.zendeskprovisioning.engine.ports.ConcurrentUpdateException;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.WriteIntent;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Cycles and the job state. {@code update} runs {@code change} outside the lock and writes back only if the
 * version it read is still current, so a racing writer makes it retry exactly as against Table Storage.
 */
final class InMemoryCycleStore implements CycleStore {
    private static final int MAX_ATTEMPTS = 1000;

    /** A stored cycle and the start time it was created with (the recency order never moves). */
    private record Stored(CycleRecord cycle, Instant createdStart) {
    }

    private final EtagSequence etags;
    private final Map<String, Stored> cycles = new HashMap<>();
    private final Map<String, java.util.Set<String>> completedSteps = new HashMap<>();
    private final Map<String, java.util.TreeMap<String, StagedRow>> staged = new HashMap<>();
    /** Work handed on between plan steps, by cycle, then by receiving step id. */
    private final Map<String, Map<String, String>> carried = new HashMap<>();
    /** Write intents by cycle, then by batch step id. */
    private final Map<String, Map<String, List<WriteIntent>>> intents = new HashMap<>();
    private JobState job = JobState.initial();

    private record StagedRow(StagedRemoval removal, boolean settled, boolean held) {
    }

    InMemoryCycleStore(EtagSequence etags) {
        this.etags = etags;
    }

    @Override
    public synchronized CycleRecord create(CycleRecord cycle) {
        checkNew(cycle);
        if (cycles.containsKey(cycle.cycleId())) {
            throw new ConcurrentUpdateException("cycle '" + cycle.cycleId() + "' exists already", null);
        }
        CycleRecord stored = withEtag(cycle, etags.next());
        cycles.put(cycle.cycleId(), new Stored(stored, cycle.startedAt()));
        return stored;
    }

    @Override
    public synchronized Optional<CycleRecord> find(String cycleId) {
        Stored stored = cycles.get(cycleId);
        return stored == null ? Optional.empty() : Optional.of(stored.cycle());
    }

    @Override
    public CycleRecord update(String cycleId, UnaryOperator<CycleRecord> change) {
        return update(cycleId, null, change);
    }

    @Override
    public CycleRecord update(CycleRecord read, UnaryOperator<CycleRecord> change) {
        return update(read.cycleId(), read.etag() == null ? null : read, change);
    }

    /** From {@code read} (null: read first), re-reading after every conflict. */
    private CycleRecord update(String cycleId, CycleRecord read, UnaryOperator<CycleRecord> change) {
        CycleRecord current = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, current = null) {
            if (current == null) current = find(cycleId).orElseThrow(() -> new NoSuchElementException("no cycle '" + cycleId + "'"));
            CycleRecord changed = change.apply(current);
            if (changed == null || !cycleId.equals(changed.cycleId())) {
                throw new IllegalArgumentException("a cycle update must keep the cycle id '" + cycleId + "'");
            }
            synchronized (this) {
                Stored stored = cycles.get(cycleId);
                if (stored == null) throw new NoSuchElementException("no cycle '" + cycleId + "'");
                if (stored.cycle().etag().equals(current.etag())) {
                    CycleRecord written = withEtag(changed, etags.next());
                    cycles.put(cycleId, new Stored(written, stored.createdStart()));
                    return written;
                }
            }
        }
        throw new ConcurrentUpdateException("cycle '" + cycleId + "' kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public Optional<CycleRecord> completeStep(String cycleId, String stepId, UnaryOperator<CycleRecord> change) {
        return completeStep(cycleId, null, stepId, change);
    }

    @Override
    public Optional<CycleRecord> completeStep(CycleRecord read, String stepId, UnaryOperator<CycleRecord> change) {
        return completeStep(read.cycleId(), read.etag() == null ? null : read, stepId, change);
    }

    private Optional<CycleRecord> completeStep(String cycleId, CycleRecord read, String stepId, UnaryOperator<CycleRecord> change) {
        CycleRecord current = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, current = null) {
            synchronized (this) {
                if (completedSteps.getOrDefault(cycleId, java.util.Set.of()).contains(stepId)) return Optional.empty();
                if (current == null) current = find(cycleId).orElseThrow(() -> new NoSuchElementException("no cycle '" + cycleId + "'"));
            }
            CycleRecord changed = change.apply(current);
            if (changed == null || !cycleId.equals(changed.cycleId())) {
                throw new IllegalArgumentException("a cycle update must keep the cycle id '" + cycleId + "'");
            }
            synchronized (this) {
                java.util.Set<String> done = completedSteps.computeIfAbsent(cycleId, k -> new java.util.HashSet<>());
                if (done.contains(stepId)) return Optional.empty();
                Stored stored = cycles.get(cycleId);
                if (stored == null) throw new NoSuchElementException("no cycle '" + cycleId + "'");
                if (stored.cycle().etag().equals(current.etag())) {
                    CycleRecord written = withEtag(changed, etags.next());
                    cycles.put(cycleId, new Stored(written, stored.createdStart()));
                    done.add(stepId);
                    return Optional.of(written);
                }
            }
        }
        throw new ConcurrentUpdateException("cycle '" + cycleId + "' kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public synchronized boolean stepDone(String cycleId, String stepId) {
        return completedSteps.getOrDefault(cycleId, java.util.Set.of()).contains(stepId);
    }

    @Override
    public synchronized void stageRemovals(String cycleId, List<StagedRemoval> removals) {
        java.util.TreeMap<String, StagedRow> rows = staged.computeIfAbsent(cycleId, k -> new java.util.TreeMap<>());
        for (StagedRemoval r : removals) {
            StagedRow before = rows.get(stagedKey(r));
            // A deletion is never turned back into a suspension (the same user staged twice in a cycle, in either order).
            StagedRemoval kept = before != null && before.removal().action() == ProvisioningAction.DELETE
                    && r.action() != ProvisioningAction.DELETE ? before.removal() : r;
            rows.put(stagedKey(r), new StagedRow(kept, before != null && before.settled(), before != null && before.held()));
        }
    }

    @Override
    public synchronized List<StagedRemoval> stagedRemovals(String cycleId, boolean settled) {
        return staged.getOrDefault(cycleId, new java.util.TreeMap<>()).values().stream()
                .filter(r -> r.settled() == settled).map(StagedRow::removal).toList();
    }

    @Override
    public synchronized void settleRemovals(String cycleId, List<StagedRemoval> removals, List<StagedRemoval> held) {
        java.util.TreeMap<String, StagedRow> rows = staged.computeIfAbsent(cycleId, k -> new java.util.TreeMap<>());
        java.util.Set<String> heldKeys = new java.util.HashSet<>();
        for (StagedRemoval r : held) heldKeys.add(stagedKey(r));
        for (StagedRemoval r : removals) {
            StagedRow before = rows.get(stagedKey(r));
            boolean wasHeld = before != null && before.held();
            rows.put(stagedKey(r), new StagedRow(before == null ? r : before.removal(), true, wasHeld || heldKeys.contains(stagedKey(r))));
        }
    }

    @Override
    public synchronized List<StagedRemoval> heldRemovals(String cycleId) {
        return staged.getOrDefault(cycleId, new java.util.TreeMap<>()).values().stream()
                .filter(StagedRow::held).map(StagedRow::removal).toList();
    }

    static String stagedKey(StagedRemoval r) {
        return r.kind().name() + "/" + r.entraId();
    }

    @Override
    public synchronized void recordIntents(String cycleId, String stepId, List<WriteIntent> written) {
        intents.computeIfAbsent(cycleId, k -> new HashMap<>()).put(stepId, List.copyOf(written));
    }

    @Override
    public synchronized List<WriteIntent> intents(String cycleId, String stepId) {
        return intents.getOrDefault(cycleId, Map.of()).getOrDefault(stepId, List.of());
    }

    @Override
    public synchronized void carryWork(String cycleId, String stepId, String work) {
        if (work == null || work.length() > 60_000) {
            throw new IllegalArgumentException("carried work must be text of at most 60,000 characters");
        }
        carried.computeIfAbsent(cycleId, k -> new HashMap<>()).put(stepId, work);
    }

    @Override
    public synchronized String carriedWork(String cycleId, String stepId) {
        return carried.getOrDefault(cycleId, Map.of()).get(stepId);
    }

    @Override
    public synchronized List<CycleRecord> recent(int max) {
        if (max < 0) throw new IllegalArgumentException("max must not be negative");
        return cycles.values().stream()
                .sorted(Comparator.comparing(Stored::createdStart).reversed()
                        .thenComparing(s -> s.cycle().cycleId()))
                .limit(max)
                .map(Stored::cycle)
                .toList();
    }

    @Override
    public synchronized JobState jobState() {
        return job;
    }

    @Override
    public JobState updateJobState(UnaryOperator<JobState> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            JobState current = jobState();
            JobState changed = change.apply(current);
            if (changed == null) throw new IllegalArgumentException("a job state update must return a state");
            synchronized (this) {
                if (java.util.Objects.equals(job.etag(), current.etag())) {
                    job = changed.withEtag(etags.next());
                    return job;
                }
            }
        }
        throw new ConcurrentUpdateException("the job state kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public synchronized void clear() {
        cycles.clear();
        completedSteps.clear();
        staged.clear();
        intents.clear();
        carried.clear();
        job = JobState.initial();
    }

    /**
     * Retention: removes up to {@code max} of the step markers and records of cycles started before
     * {@code cutoff} (a cycle's markers first, its record last), keeping the current, the last and the held cycle.
     */
    synchronized Retention.Pruned removeBefore(Instant cutoff, int max) {
        int removed = 0;
        List<String> old = cycles.entrySet().stream()
                .filter(e -> e.getValue().createdStart().isBefore(cutoff))
                .filter(e -> !e.getKey().equals(job.currentCycleId()) && !e.getKey().equals(job.lastCycleId())
                        && !e.getKey().equals(job.heldCycleId()))
                .sorted(Comparator.comparing(e -> e.getValue().createdStart()))
                .map(Map.Entry::getKey).toList();
        for (String id : old) {
            java.util.Set<String> steps = completedSteps.getOrDefault(id, java.util.Set.of());
            for (var it = steps.iterator(); it.hasNext(); ) {
                if (removed == max) return new Retention.Pruned(removed, false);
                it.next();
                it.remove();
                removed++;
            }
            java.util.Map<String, StagedRow> rows = staged.getOrDefault(id, new java.util.TreeMap<>());
            for (var it = rows.values().iterator(); it.hasNext(); ) {
                if (removed == max) return new Retention.Pruned(removed, false);
                it.next();
                it.remove();
                removed++;
            }
            Map<String, List<WriteIntent>> batches = intents.getOrDefault(id, new HashMap<>());
            for (var it = batches.values().iterator(); it.hasNext(); ) {
                if (removed == max) return new Retention.Pruned(removed, false);
                it.next();
                it.remove();
                removed++;
            }
            Map<String, String> handedOn = carried.getOrDefault(id, new HashMap<>());
            for (var it = handedOn.values().iterator(); it.hasNext(); ) {
                if (removed == max) return new Retention.Pruned(removed, false);
                it.next();
                it.remove();
                removed++;
            }
            if (removed == max) return new Retention.Pruned(removed, false);
            carried.remove(id);
            intents.remove(id);
            staged.remove(id);
            completedSteps.remove(id);
            cycles.remove(id);
            removed++;
        }
        return new Retention.Pruned(removed, true);
    }

    static void checkNew(CycleRecord cycle) {
        if (cycle == null || cycle.cycleId() == null || cycle.cycleId().isEmpty()) {
            throw new IllegalArgumentException("a cycle needs a non-empty id");
        }
        if (cycle.startedAt() == null) {
            throw new IllegalArgumentException("cycle '" + cycle.cycleId() + "' needs a start time");
        }
    }

    private static CycleRecord withEtag(CycleRecord c, String etag) {
        return c.withEtag(etag);
    }
}
