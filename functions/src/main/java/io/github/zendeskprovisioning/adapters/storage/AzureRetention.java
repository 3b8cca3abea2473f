package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.engine.state.JobState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@link Retention} over the log and cycle tables, by their keys (see {@link AzureProvisioningLog} and
 * {@link AzureCycleStore}). "Older than the cutoff" is one range per table: {@code RowKey ge T'}, where T' is
 * the inverted time just before the cutoff, for the tables whose row keys start with the time (within the
 * day partitions from the cutoff's day on, for the table by day), and the same comparison on the
 * {@code InvertedTime} column for the by-object table, whose row keys start with the object. Old cycles are found by their recency rows the same way; a cycle's step markers go first, its record
 * and recency row last, so an interrupted tick leaves the cycle findable for the next one. Deletes are entity
 * group transactions of up to 100 rows of one partition; the budget counts rows.
 */
final class AzureRetention implements Retention {
    private static final String WHAT = "pruning old provisioning logs and cycles";
    private static final int MAX_PAGE = 1000;
    private static final List<String> KEYS = List.of("PartitionKey", "RowKey");

    private final Tables tables;
    private final CycleStore cycles;

    AzureRetention(Tables tables, CycleStore cycles) {
        this.tables = tables;
        this.cycles = cycles;
    }

    @Override
    public Pruned prune(Instant cutoff, int maxDeletes) {
        if (maxDeletes < 1) throw new IllegalArgumentException("maxDeletes must be at least 1, not " + maxDeletes);
        if (!cutoff.isAfter(Instant.EPOCH)) return new Pruned(0, true);
        String older = TableKeys.invertedTime(cutoff.minusNanos(1));
        Budget budget = new Budget(maxDeletes);

        // By cycle: each old entry with its replay marker (same partition), so the pair goes in one transaction.
        ODataFilter byCycle = ODataFilter.ge("RowKey", AzureProvisioningLog.ENTRY + older)
                .and(ODataFilter.lt("RowKey", nextPrefix(AzureProvisioningLog.ENTRY)));
        boolean done = prune(AzureProvisioningLog.BY_CYCLE, byCycle, List.of("PartitionKey", "RowKey", "ChangeId"), 2, budget,
                row -> List.of(keys(row.getPartitionKey(), row.getRowKey()),
                        keys(row.getPartitionKey(), AzureProvisioningLog.MARKER + TableKeys.encode(EntityColumns.text(row, "ChangeId")))));
        // By object, by day: the cutoff's own day and every earlier one (inverted days sort later); the row key
        // starts with the object, so the time is compared in its own column.
        String cutoffDay = TableKeys.invertedDay(cutoff.minusNanos(1));
        ODataFilter byObject = ODataFilter.ge("PartitionKey", cutoffDay)
                .and(ODataFilter.ge(AzureProvisioningLog.INVERTED_TIME, older));
        done &= prune(AzureProvisioningLog.BY_OBJECT, byObject, KEYS, 1, budget, row -> List.of(row));
        // The by-object table of the layout before: pruned as before until nothing is left in it.
        done &= prune(AzureProvisioningLog.OLD_BY_OBJECT, ODataFilter.ge("RowKey", older), KEYS, 1, budget, row -> List.of(row));
        ODataFilter byDay = ODataFilter.ge("PartitionKey", cutoffDay).and(ODataFilter.ge("RowKey", older));
        done &= prune(AzureProvisioningLog.ALL, byDay, KEYS, 1, budget, row -> List.of(row));
        if (done) done = pruneCycles(older, budget);
        return new Pruned(budget.used, done);
    }

    /**
     * Deletes the rows {@code filter} selects, {@code rowsPerMatch} for each, while the budget lasts.
     * Returns whether every selected row is gone.
     */
    private boolean prune(String tableName, ODataFilter filter, List<String> select, int rowsPerMatch, Budget budget,
                          Function<TableEntity, List<TableEntity>> rowsOf) {
        if (budget.left() < rowsPerMatch) return false;
        TableClient table = tables.table(tableName);
        int wanted = budget.left() / rowsPerMatch;
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text()).setSelect(select)
                .setTop(Math.min(wanted + 1, MAX_PAGE));
        List<TableEntity> doomed = new ArrayList<>();
        boolean more = false;
        int matches = 0;
        for (TableEntity row : new PagedRows<>(WHAT, table.listEntities(options, null, null), r -> r)) {
            if (matches == wanted) {
                more = true;
                break;
            }
            doomed.addAll(rowsOf.apply(row));
            matches++;
        }
        TableBatches.deleteRows(table, WHAT, doomed);
        budget.used += doomed.size();
        return !more;
    }

    /** Old cycles other than the current, the last and the held one: their step markers and staged removals, then their record and recency row. */
    private boolean pruneCycles(String older, Budget budget) {
        JobState job = cycles.jobState();
        Set<String> kept = new java.util.HashSet<>();
        if (job.currentCycleId() != null) kept.add(job.currentCycleId());
        if (job.lastCycleId() != null) kept.add(job.lastCycleId());
        if (job.heldCycleId() != null) kept.add(job.heldCycleId()); // its held removals are what an approval releases
        TableClient table = tables.table(AzureCycleStore.TABLE);
        String recent = AzureCycleStore.RECENT;
        ODataFilter oldCycles = ODataFilter.eq("PartitionKey", AzureCycleStore.CYCLES)
                .and(ODataFilter.ge("RowKey", recent + older))
                .and(ODataFilter.lt("RowKey", nextPrefix(recent)));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(oldCycles.text())
                .setSelect(List.of("PartitionKey", "RowKey", "CycleId"));
        for (TableEntity recency : new PagedRows<>(WHAT, table.listEntities(options, null, null), r -> r)) {
            String cycleId = EntityColumns.text(recency, "CycleId");
            if (cycleId == null || kept.contains(cycleId)) continue;
            String id = TableKeys.encode(cycleId);
            ODataFilter markers = ODataFilter.eq("PartitionKey", AzureCycleStore.CYCLES)
                    .and(ODataFilter.startsWith("RowKey", AzureCycleStore.STEP + id + ":"));
            if (!prune(AzureCycleStore.TABLE, markers, KEYS, 1, budget, row -> List.of(row))) return false;
            // The cycle's staged removals: settled long ago (or never made, when the cycle ended without them).
            ODataFilter staged = ODataFilter.eq("PartitionKey", AzureCycleStore.STAGED + id);
            if (!prune(AzureCycleStore.TABLE, staged, KEYS, 1, budget, row -> List.of(row))) return false;
            if (budget.left() < 2) return false;
            TableBatches.deleteRows(table, WHAT, List.of(keys(AzureCycleStore.CYCLES, AzureCycleStore.RECORD + id),
                    keys(recency.getPartitionKey(), recency.getRowKey())));
            budget.used += 2;
        }
        return true;
    }

    private static TableEntity keys(String partitionKey, String rowKey) {
        return new TableEntity(partitionKey, rowKey);
    }

    /** The smallest string above every string starting with {@code prefix}. */
    private static String nextPrefix(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    private static final class Budget {
        private final int max;
        private int used;

        Budget(int max) {
            this.max = max;
        }

        int left() {
            return max - used;
        }
    }
}
