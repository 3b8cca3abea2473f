package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionResponse;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionResult;
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
import io.github.zendeskprovisioning.engine.state.WriteIntent;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Table {@code Cycles}. Partition {@code cycle} holds, for each cycle, its record (RowKey {@code c:<id>})
 * and a recency row (RowKey {@code t:<inverted start time>:<id>}), written together in one transaction, so
 * {@link #recent} is one range query in newest-first key order. Partition {@code job} holds the single job
 * state row. Every update is conditional on the etag read; a lost race re-reads and re-applies. Partition
 * {@code r:<cycle id>} holds the cycle's staged removals, RowKey {@code <kind>~-<entra id>}, written in batch
 * transactions (one partition) and merged, so restaging a row never clears its {@code Settled} mark, nor settling
 * again its {@code Held} mark (the removals the deletion guard held, which an approval releases).
 * A work batch's write intents are one row beside the step markers (RowKey {@code s:<cycle id>:<step id>~i};
 * {@code ~} never ends an encoded id), so retention removes them with the markers.
 */
final class AzureCycleStore implements CycleStore {
    static final String TABLE = "Cycles";
    // Package-private for AzureRetention, which prunes old cycles' rows by these keys.
    static final String CYCLES = "cycle";
    static final String RECORD = "c:";
    static final String RECENT = "t:";
    static final String STEP = "s:";
    static final String STAGED = "r:";
    private static final String JOB = "job";
    private static final String JOB_ROW = "state";
    private static final int MAX_ATTEMPTS = 1000;
    private static final int COLUMN_CHARS = 30_000;

    private final Tables tables;
    private final JsonColumns json;

    AzureCycleStore(Tables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    @Override
    public CycleRecord create(CycleRecord cycle) {
        if (cycle == null || cycle.cycleId() == null || cycle.cycleId().isEmpty()) {
            throw new IllegalArgumentException("a cycle needs a non-empty id");
        }
        if (cycle.startedAt() == null) throw new IllegalArgumentException("cycle '" + cycle.cycleId() + "' needs a start time");
        TableEntity record = entity(cycle);
        TableEntity recent = new TableEntity(CYCLES, RECENT + TableKeys.invertedTime(cycle.startedAt()) + ":"
                + TableKeys.encode(cycle.cycleId()));
        EntityColumns.put(recent, "CycleId", cycle.cycleId());
        TableTransactionResult result = StorageFailures.call("creating cycle '" + cycle.cycleId() + "'",
                () -> table().submitTransaction(List.of(
                        new TableTransactionAction(TableTransactionActionType.CREATE, record),
                        new TableTransactionAction(TableTransactionActionType.CREATE, recent))));
        TableTransactionActionResponse created = result.getTableTransactionActionResponseByRowKey(record.getRowKey());
        String etag = created == null ? null : StorageFailures.etagHeader(created.getHeaders());
        return etag != null ? withEtag(cycle, etag) : find(cycle.cycleId()).orElseThrow();
    }

    @Override
    public Optional<CycleRecord> find(String cycleId) {
        return RowReads.find(table(), "reading cycle '" + cycleId + "'", CYCLES, RECORD + TableKeys.encode(cycleId))
                .map(this::cycle);
    }

    @Override
    public CycleRecord update(String cycleId, UnaryOperator<CycleRecord> change) {
        return update(cycleId, null, change);
    }

    @Override
    public CycleRecord update(CycleRecord read, UnaryOperator<CycleRecord> change) {
        return update(read.cycleId(), read.etag() == null ? null : read, change);
    }

    /** From {@code read} (null: read first); a lost race (412) re-reads and re-applies. */
    private CycleRecord update(String cycleId, CycleRecord read, UnaryOperator<CycleRecord> change) {
        String what = "updating cycle '" + cycleId + "'";
        CycleRecord current = read;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, current = null) {
            if (current == null) current = find(cycleId).orElseThrow(() -> new NoSuchElementException("no cycle '" + cycleId + "'"));
            CycleRecord changed = change.apply(current);
            if (changed == null || !cycleId.equals(changed.cycleId())) {
                throw new IllegalArgumentException("a cycle update must keep the cycle id '" + cycleId + "'");
            }
            TableEntity entity = EntityColumns.withEtag(entity(changed), current.etag());
            try {
                Response<Void> r = table().updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
                return withEtag(changed, StorageFailures.etagHeader(r.getHeaders()));
            } catch (RuntimeException e) {
                int status = StorageFailures.status(e);
                if (status == 404) throw new NoSuchElementException("no cycle '" + cycleId + "'");
                if (status != 412) throw StorageFailures.map(what, e);
            }
        }
        throw new ConcurrentUpdateException(what + ": it kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public Optional<CycleRecord> completeStep(String cycleId, String stepId, UnaryOperator<CycleRecord> change) {
        return completeStep(cycleId, null, stepId, change);
    }

    @Override
    public Optional<CycleRecord> completeStep(CycleRecord read, String stepId, UnaryOperator<CycleRecord> change) {
        return completeStep(read.cycleId(), read.etag() == null ? null : read, stepId, change);
    }

    /**
     * The step marker (RowKey {@code s:<cycle id>:<step id>}) lives in the cycle record's partition, so the
     * marker's insert and the record's conditional replace are one entity group transaction: both or neither.
     * Starts from {@code read} when given (null: reads the record first).
     */
    private Optional<CycleRecord> completeStep(String cycleId, CycleRecord read, String stepId, UnaryOperator<CycleRecord> change) {
        String what = "completing step '" + stepId + "' of cycle '" + cycleId + "'";
        String marker = STEP + TableKeys.encode(cycleId) + ":" + TableKeys.encode(stepId);
        CycleRecord current = read;
        boolean markerSeen = false;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++, current = null) {
            // The marker is looked for only after its insert failed (409): a first delivery, by far the most common,
            // and a lost race on the record (412, the next transaction tells again) save the read.
            if (markerSeen && RowReads.find(table(), what, CYCLES, marker).isPresent()) return Optional.empty();
            if (current == null) current = find(cycleId).orElseThrow(() -> new NoSuchElementException("no cycle '" + cycleId + "'"));
            CycleRecord changed = change.apply(current);
            if (changed == null || !cycleId.equals(changed.cycleId())) {
                throw new IllegalArgumentException("a cycle update must keep the cycle id '" + cycleId + "'");
            }
            TableEntity record = EntityColumns.withEtag(entity(changed), current.etag());
            try {
                TableTransactionResult result = table().submitTransaction(List.of(
                        new TableTransactionAction(TableTransactionActionType.CREATE, new TableEntity(CYCLES, marker)),
                        new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, record, true)));
                TableTransactionActionResponse updated = result.getTableTransactionActionResponseByRowKey(record.getRowKey());
                String etag = updated == null ? null : StorageFailures.etagHeader(updated.getHeaders());
                // Without the new etag (not every service returns it per action) the record is returned without one,
                // and a caller that writes from it has the record read first.
                return Optional.of(withEtag(changed, etag));
            } catch (RuntimeException e) {
                int status = StorageFailures.status(e);
                // 409: the marker exists (another delivery won; the next read returns empty). 412: the record moved on.
                if (status != 409 && status != 412) throw StorageFailures.map(what, e);
                markerSeen = status == 409;
            }
        }
        throw new ConcurrentUpdateException(what + ": it kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public boolean stepDone(String cycleId, String stepId) {
        String marker = STEP + TableKeys.encode(cycleId) + ":" + TableKeys.encode(stepId);
        return RowReads.find(table(), "reading step '" + stepId + "' of cycle '" + cycleId + "'", CYCLES, marker).isPresent();
    }

    @Override
    public void stageRemovals(String cycleId, List<StagedRemoval> removals) {
        List<TableTransactionAction> rows = new ArrayList<>();
        for (StagedRemoval r : removals) {
            TableEntity e = stagedRow(cycleId, r);
            EntityColumns.put(e, "SourceName", LogDetailLimits.cut(r.sourceName(), LogDetailLimits.NAME_CHARS));
            EntityColumns.put(e, "ZendeskId", r.zendeskId());
            EntityColumns.put(e, "Action", r.action().name());
            EntityColumns.put(e, "Reason", LogDetailLimits.cut(r.reason(), LogDetailLimits.REASON_CHARS));
            EntityColumns.put(e, "ScopeOnly", r.scopeOnly());
            // A deletion is never turned back into a suspension: the same user may be staged twice in a cycle (its
            // hard delete from the delta, a suspension when a read by id no longer finds it), in either order. Only
            // a deletion writes these columns, and merging keeps them.
            if (r.action() == ProvisioningAction.DELETE) {
                EntityColumns.put(e, "HardDelete", true);
                EntityColumns.put(e, "DeleteReason", LogDetailLimits.cut(r.reason(), LogDetailLimits.REASON_CHARS));
                EntityColumns.put(e, "DeleteScopeOnly", r.scopeOnly());
            }
            rows.add(new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE, e));
        }
        TableBatches.submit(table(), "staging removals of cycle '" + cycleId + "'", rows);
    }

    @Override
    public List<StagedRemoval> stagedRemovals(String cycleId, boolean settled) {
        return stagedRows(cycleId, "reading staged removals of cycle '" + cycleId + "'", e -> EntityColumns.flag(e, "Settled") == settled);
    }

    private List<StagedRemoval> stagedRows(String cycleId, String what, java.util.function.Predicate<TableEntity> wanted) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.eq("PartitionKey", STAGED + TableKeys.encode(cycleId)).text());
        List<StagedRemoval> found = new ArrayList<>();
        for (TableEntity e : new PagedRows<>(what, table().listEntities(options, null, null), x -> x)) {
            if (!wanted.test(e)) continue;
            boolean hardDelete = EntityColumns.flag(e, "HardDelete");
            found.add(new StagedRemoval(EntityColumns.enumValue(e, "Kind", ObjectKind.class), EntityColumns.text(e, "EntraId"),
                    EntityColumns.text(e, "SourceName"), EntityColumns.number(e, "ZendeskId", 0),
                    hardDelete ? ProvisioningAction.DELETE : EntityColumns.enumValue(e, "Action", ProvisioningAction.class),
                    hardDelete ? EntityColumns.text(e, "DeleteReason") : EntityColumns.text(e, "Reason"),
                    EntityColumns.flag(e, hardDelete ? "DeleteScopeOnly" : "ScopeOnly")));
        }
        return found;
    }

    @Override
    public void settleRemovals(String cycleId, List<StagedRemoval> removals, List<StagedRemoval> held) {
        java.util.Set<String> heldKeys = new java.util.HashSet<>();
        for (StagedRemoval r : held) heldKeys.add(stagedRow(cycleId, r).getRowKey());
        List<TableTransactionAction> rows = new ArrayList<>();
        for (StagedRemoval r : removals) {
            TableEntity e = stagedRow(cycleId, r);
            EntityColumns.put(e, "Settled", true);
            // Merged, so a row once marked held stays held when a repeated chunk settles it again.
            if (heldKeys.contains(e.getRowKey())) EntityColumns.put(e, "Held", true);
            rows.add(new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE, e));
        }
        TableBatches.submit(table(), "settling removals of cycle '" + cycleId + "'", rows);
    }

    @Override
    public List<StagedRemoval> heldRemovals(String cycleId) {
        return stagedRows(cycleId, "reading the held removals of cycle '" + cycleId + "'", e -> EntityColumns.flag(e, "Held"));
    }

    private static TableEntity stagedRow(String cycleId, StagedRemoval r) {
        TableEntity e = new TableEntity(STAGED + TableKeys.encode(cycleId), r.kind().name() + "~-" + TableKeys.encode(r.entraId()));
        EntityColumns.put(e, "Kind", r.kind().name());
        EntityColumns.put(e, "EntraId", r.entraId());
        return e;
    }

    @Override
    public void recordIntents(String cycleId, String stepId, List<WriteIntent> intents) {
        TableEntity e = new TableEntity(CYCLES, intentRow(cycleId, stepId));
        putSplit(e, "Intents", json.intents(intents));
        StorageFailures.call("recording write intents of step '" + stepId + "' of cycle '" + cycleId + "'",
                () -> table().upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null));
    }

    @Override
    public List<WriteIntent> intents(String cycleId, String stepId) {
        return RowReads.find(table(), "reading write intents of step '" + stepId + "' of cycle '" + cycleId + "'", CYCLES,
                intentRow(cycleId, stepId)).map(e -> json.intents(splitText(e, "Intents"))).orElse(List.of());
    }

    @Override
    public void carryWork(String cycleId, String stepId, String work) {
        if (work == null || work.length() > 60_000) {
            throw new IllegalArgumentException("carried work must be text of at most 60,000 characters");
        }
        TableEntity e = new TableEntity(CYCLES, carriedRow(cycleId, stepId));
        putSplit(e, "Work", work);
        StorageFailures.call("handing work on to step '" + stepId + "' of cycle '" + cycleId + "'",
                () -> table().upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null));
    }

    @Override
    public String carriedWork(String cycleId, String stepId) {
        return RowReads.find(table(), "reading the work handed on to step '" + stepId + "' of cycle '" + cycleId + "'", CYCLES,
                carriedRow(cycleId, stepId)).map(e -> splitText(e, "Work")).orElse(null);
    }

    /** Under the cycle's step rows, so retention removes it with them. */
    private static String carriedRow(String cycleId, String stepId) {
        return STEP + TableKeys.encode(cycleId) + ":" + TableKeys.encode(stepId) + "~w";
    }

    private static String intentRow(String cycleId, String stepId) {
        return STEP + TableKeys.encode(cycleId) + ":" + TableKeys.encode(stepId) + "~i";
    }

    @Override
    public List<CycleRecord> recent(int max) {
        if (max < 0) throw new IllegalArgumentException("max must not be negative");
        if (max == 0) return List.of();
        ODataFilter filter = ODataFilter.eq("PartitionKey", CYCLES).and(ODataFilter.startsWith("RowKey", RECENT));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text())
                .setTop(Math.min(max, 1000)).setSelect(List.of("CycleId"));
        List<CycleRecord> cycles = new ArrayList<>();
        for (String id : new PagedRows<>("listing cycles", table().listEntities(options, null, null),
                e -> EntityColumns.text(e, "CycleId"))) {
            find(id).ifPresent(cycles::add);
            if (cycles.size() == max) break;
        }
        return cycles;
    }

    @Override
    public JobState jobState() {
        return RowReads.find(table(), "reading the job state", JOB, JOB_ROW).map(this::job).orElse(JobState.initial());
    }

    @Override
    public JobState updateJobState(UnaryOperator<JobState> change) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            JobState current = jobState();
            JobState changed = change.apply(current);
            if (changed == null) throw new IllegalArgumentException("a job state update must return a state");
            TableEntity entity = entity(changed);
            try {
                Response<Void> r = current.etag() == null
                        ? table().createEntityWithResponse(entity, null, null)
                        : table().updateEntityWithResponse(EntityColumns.withEtag(entity, current.etag()),
                        TableEntityUpdateMode.REPLACE, true, null, null);
                return withEtag(changed, StorageFailures.etagHeader(r.getHeaders()));
            } catch (RuntimeException e) {
                int status = StorageFailures.status(e);
                if (status != 409 && status != 412 && status != 404) throw StorageFailures.map("updating the job state", e);
            }
        }
        throw new ConcurrentUpdateException("the job state kept changing; gave up after " + MAX_ATTEMPTS + " attempts", null);
    }

    @Override
    public void clear() {
        RowReads.deleteAll(table(), "clearing cycles");
    }

    private TableClient table() {
        return tables.table(TABLE);
    }

    private TableEntity entity(CycleRecord c) {
        TableEntity e = new TableEntity(CYCLES, RECORD + TableKeys.encode(c.cycleId()));
        EntityColumns.put(e, "CycleId", c.cycleId());
        EntityColumns.put(e, "Mode", c.mode() == null ? null : c.mode().name());
        EntityColumns.put(e, "DryRun", c.dryRun());
        EntityColumns.put(e, "Trigger", c.trigger());
        EntityColumns.put(e, "Status", c.status() == null ? null : c.status().name());
        EntityColumns.put(e, "StartedAt", c.startedAt());
        EntityColumns.put(e, "FinishedAt", c.finishedAt());
        EntityColumns.put(e, "Counts", json.counts(c.counts()));
        EntityColumns.put(e, "BatchesEnqueued", c.batchesEnqueued());
        EntityColumns.put(e, "BatchesDone", c.batchesDone());
        EntityColumns.put(e, "PlanningDone", c.planningDone());
        EntityColumns.put(e, "Phase", c.phase());
        EntityColumns.put(e, "StatusReason", LogDetailLimits.cut(c.statusReason(), LogDetailLimits.REASON_CHARS));
        EntityColumns.put(e, "PendingWatermark", json.watermark(c.pendingWatermark()));
        CycleControl k = c.control();
        putSplit(e, "PlanStep", k.planStep());
        EntityColumns.put(e, "ClaimToken", k.claimToken());
        EntityColumns.put(e, "ClaimUntil", k.claimUntil());
        EntityColumns.put(e, "LeaseHolder", LogDetailLimits.cut(k.leaseHolder(), LogDetailLimits.NAME_CHARS));
        EntityColumns.put(e, "LeaseUntil", k.leaseUntil());
        EntityColumns.put(e, "MovedAt", k.movedAt());
        EntityColumns.put(e, "FinishDecision", k.decision());
        return e;
    }

    private CycleRecord cycle(TableEntity e) {
        return new CycleRecord(EntityColumns.text(e, "CycleId"), EntityColumns.enumValue(e, "Mode", CycleMode.class),
                EntityColumns.flag(e, "DryRun"), EntityColumns.text(e, "Trigger"),
                EntityColumns.enumValue(e, "Status", CycleStatus.class), EntityColumns.instant(e, "StartedAt"),
                EntityColumns.instant(e, "FinishedAt"), json.counts(EntityColumns.text(e, "Counts")),
                (int) EntityColumns.number(e, "BatchesEnqueued", 0), (int) EntityColumns.number(e, "BatchesDone", 0),
                EntityColumns.flag(e, "PlanningDone"), EntityColumns.text(e, "Phase"),
                EntityColumns.text(e, "StatusReason"), json.watermark(EntityColumns.text(e, "PendingWatermark")),
                new CycleControl(splitText(e, "PlanStep"), EntityColumns.text(e, "ClaimToken"),
                        EntityColumns.instant(e, "ClaimUntil"), EntityColumns.text(e, "LeaseHolder"),
                        EntityColumns.instant(e, "LeaseUntil"), EntityColumns.instant(e, "MovedAt"),
                        EntityColumns.text(e, "FinishDecision")),
                e.getETag());
    }

    /**
     * A plan message may hold up to 45,000 characters (its roles); a string property holds at most 64 KiB of
     * UTF-16, so a long one is kept in consecutive columns {@code name}, {@code name1}, {@code name2}.
     */
    private static void putSplit(TableEntity e, String name, String value) {
        if (value == null) return;
        for (int from = 0, part = 0; from < value.length(); from += COLUMN_CHARS, part++) {
            EntityColumns.put(e, part == 0 ? name : name + part, value.substring(from, Math.min(value.length(), from + COLUMN_CHARS)));
        }
    }

    private static String splitText(TableEntity e, String name) {
        String first = EntityColumns.text(e, name);
        if (first == null) return null;
        StringBuilder value = new StringBuilder(first);
        for (int part = 1; EntityColumns.text(e, name + part) != null; part++) value.append(EntityColumns.text(e, name + part));
        return value.toString();
    }

    private TableEntity entity(JobState j) {
        TableEntity e = new TableEntity(JOB, JOB_ROW);
        EntityColumns.put(e, "Paused", j.paused());
        Quarantine q = j.quarantine();
        if (q != null) {
            EntityColumns.put(e, "QuarantineCode", q.code());
            EntityColumns.put(e, "QuarantineReason", LogDetailLimits.cut(q.reason(), LogDetailLimits.REASON_CHARS));
            EntityColumns.put(e, "QuarantineSince", q.since());
            EntityColumns.put(e, "QuarantineAttempts", q.attempts());
            EntityColumns.put(e, "QuarantineNextAttemptAt", q.nextAttemptAt());
        }
        EntityColumns.put(e, "FailingCycles", j.failingCycles());
        EntityColumns.put(e, "CurrentCycleId", j.currentCycleId());
        EntityColumns.put(e, "LastCycleId", j.lastCycleId());
        EntityColumns.put(e, "Watermark", json.watermark(j.watermark()));
        EntityColumns.put(e, "HeldCycleId", j.heldCycleId());
        EntityColumns.put(e, "HeldCount", j.heldCount());
        EntityColumns.put(e, "DeletionsApproved", j.deletionsApproved());
        return e;
    }

    private JobState job(TableEntity e) {
        String code = EntityColumns.text(e, "QuarantineCode");
        Quarantine q = code == null ? null : new Quarantine(code, EntityColumns.text(e, "QuarantineReason"),
                EntityColumns.instant(e, "QuarantineSince"), (int) EntityColumns.number(e, "QuarantineAttempts", 1),
                EntityColumns.instant(e, "QuarantineNextAttemptAt"));
        return new JobState(EntityColumns.flag(e, "Paused"), q, (int) EntityColumns.number(e, "FailingCycles", 0),
                EntityColumns.text(e, "CurrentCycleId"), EntityColumns.text(e, "LastCycleId"),
                json.watermark(EntityColumns.text(e, "Watermark")), EntityColumns.text(e, "HeldCycleId"),
                (int) EntityColumns.number(e, "HeldCount", 0), EntityColumns.flag(e, "DeletionsApproved"), e.getETag());
    }

    private static CycleRecord withEtag(CycleRecord c, String etag) {
        return c.withEtag(etag);
    }

    private static JobState withEtag(JobState j, String etag) {
        return j.withEtag(etag);
    }
}
