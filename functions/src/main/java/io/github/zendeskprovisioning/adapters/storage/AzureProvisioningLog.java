package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.zendeskprovisioning.engine.ports.ProvisioningLog;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The provisioning log in three tables holding the same entry, each laid out for one way of reading it
 * newest first (Table Storage returns rows in PartitionKey, then RowKey order, and {@code T} below is the
 * entry's time as inverted fixed-width nanoseconds, so ascending keys are descending times):
 * <ul>
 *   <li>{@code LogByCycle}: PartitionKey = cycle id; RowKey {@code t<T>~-<changeId>}. The same partition
 *   also holds one marker row per change ({@code m<changeId>}) with the time the change was first logged;
 *   markers are written with the entry in one transaction, and a replay of a change reuses that time, so
 *   all its rows are overwritten in place: one entry per change id in a cycle.</li>
 *   <li>{@code LogByObject}: PartitionKey = Entra object id; RowKey {@code <T>~-<changeId>~-<cycleId>}:
 *   an object's history across cycles.</li>
 *   <li>{@code Log}: PartitionKey = inverted UTC day; RowKey as in {@code LogByObject}: everything, newest
 *   first, without one hot partition forever.</li>
 * </ul>
 * A query reads the table that fits (cycle, else object, else all) and filters the rest (status, action,
 * object within a cycle) on the server. Continuation tokens are the keys of the last row returned
 * (base64url, so they pass through a URL query as they are); the next page starts after them. Ids are
 * escaped by {@link TableKeys}; {@code ~-} never occurs in an escaped id, so composite keys cannot collide.
 */
final class AzureProvisioningLog implements ProvisioningLog {
    static final String BY_CYCLE = "LogByCycle";
    static final String BY_OBJECT = "LogByObject";
    static final String ALL = "Log";
    static final int MAX_TOP = 1000;
    // Package-private for AzureRetention, which prunes old entries by these keys.
    static final String SEPARATOR = "~-";
    static final String ENTRY = "t";
    static final String MARKER = "m";
    private static final int CHANGES_PER_QUERY = ODataFilter.MAX_COMPARISONS - 1;
    private static final String TOKEN_VERSION = "a1";

    private final Tables tables;
    private final JsonColumns json;

    AzureProvisioningLog(Tables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    @Override
    public void append(List<ProvisioningLogEntry> entries) {
        Map<String, Map<String, ProvisioningLogEntry>> byCycle = new LinkedHashMap<>();
        for (ProvisioningLogEntry entry : entries) {
            check(entry);
            Map<String, ProvisioningLogEntry> changes = byCycle.computeIfAbsent(entry.cycleId(), c -> new LinkedHashMap<>());
            ProvisioningLogEntry earlier = changes.get(entry.changeId());
            changes.put(entry.changeId(), earlier == null ? entry : at(entry, earlier.time()));
        }
        List<TableTransactionAction> cycleRows = new ArrayList<>();
        List<TableTransactionAction> objectRows = new ArrayList<>();
        List<TableTransactionAction> allRows = new ArrayList<>();
        for (Map.Entry<String, Map<String, ProvisioningLogEntry>> cycle : byCycle.entrySet()) {
            Map<String, Instant> firstLogged = firstLogged(cycle.getKey(), new ArrayList<>(cycle.getValue().keySet()));
            for (ProvisioningLogEntry given : cycle.getValue().values()) {
                Instant first = firstLogged.get(given.changeId());
                ProvisioningLogEntry entry = LogDetailLimits.shorten(first == null ? given : at(given, first));
                String time = TableKeys.invertedTime(entry.time());
                String change = TableKeys.encode(entry.changeId());
                String cycleKey = TableKeys.encode(entry.cycleId());
                TableEntity marker = new TableEntity(cycleKey, MARKER + change);
                EntityColumns.put(marker, "ChangeId", entry.changeId());
                EntityColumns.put(marker, "Time", entry.time());
                cycleRows.add(upsert(marker));
                cycleRows.add(upsert(entity(entry, cycleKey, ENTRY + time + SEPARATOR + change)));
                String wideRow = time + SEPARATOR + change + SEPARATOR + cycleKey;
                if (entry.sourceId() != null && !entry.sourceId().isEmpty()) {
                    objectRows.add(upsert(entity(entry, TableKeys.encode(entry.sourceId()), wideRow)));
                }
                allRows.add(upsert(entity(entry, TableKeys.invertedDay(entry.time()), wideRow)));
            }
        }
        // Markers first: after a crash part-way, the replay finds them and overwrites the same rows.
        TableBatches.submit(tables.table(BY_CYCLE), "writing log entries", cycleRows);
        TableBatches.submit(tables.table(BY_OBJECT), "writing log entries", objectRows);
        TableBatches.submit(tables.table(ALL), "writing log entries", allRows);
    }

    @Override
    public LogPage query(LogQuery query, int top, String continuationToken) {
        if (top < 1 || top > MAX_TOP) throw new IllegalArgumentException("top must be between 1 and " + MAX_TOP);
        LogQuery q = query == null ? LogQuery.all() : query;
        String tableName;
        List<ODataFilter> filters = new ArrayList<>();
        if (q.cycleId() != null) {
            tableName = BY_CYCLE;
            filters.add(ODataFilter.eq("PartitionKey", TableKeys.encode(q.cycleId())));
            filters.add(ODataFilter.startsWith("RowKey", ENTRY));
            if (q.objectId() != null) filters.add(ODataFilter.eq("SourceId", q.objectId()));
        } else if (q.objectId() != null) {
            tableName = BY_OBJECT;
            filters.add(ODataFilter.eq("PartitionKey", TableKeys.encode(q.objectId())));
        } else {
            tableName = ALL;
        }
        if (q.status() != null) filters.add(ODataFilter.eq("Status", q.status().name()));
        if (q.action() != null) filters.add(ODataFilter.eq("Action", q.action().name()));
        if (continuationToken != null) filters.add(after(decode(continuationToken, tableName), tableName));

        ListEntitiesOptions options = new ListEntitiesOptions().setTop(Math.min(top + 1, MAX_TOP));
        if (!filters.isEmpty()) options.setFilter(ODataFilter.and(filters).text());
        TableClient table = tables.table(tableName);
        List<TableEntity> rows = new ArrayList<>();
        for (TableEntity row : new PagedRows<>("reading the provisioning log", table.listEntities(options, null, null), r -> r)) {
            rows.add(row);
            if (rows.size() > top) break;
        }
        boolean more = rows.size() > top;
        List<TableEntity> page = more ? rows.subList(0, top) : rows;
        String next = more ? encode(tableName, page.get(page.size() - 1)) : null;
        return new LogPage(page.stream().map(this::entry).toList(), next);
    }

    @Override
    public void clear() {
        for (String table : List.of(BY_CYCLE, BY_OBJECT, ALL)) {
            RowReads.deleteAll(tables.table(table), "clearing the provisioning log");
        }
    }

    /** When each of these changes of a cycle was first logged (absent: never). */
    private Map<String, Instant> firstLogged(String cycleId, List<String> changeIds) {
        Map<String, Instant> first = new HashMap<>();
        TableClient table = tables.table(BY_CYCLE);
        String cycleKey = TableKeys.encode(cycleId);
        for (int from = 0; from < changeIds.size(); from += CHANGES_PER_QUERY) {
            List<ODataFilter> markers = changeIds.subList(from, Math.min(changeIds.size(), from + CHANGES_PER_QUERY))
                    .stream().map(c -> ODataFilter.eq("RowKey", MARKER + TableKeys.encode(c))).toList();
            ODataFilter filter = ODataFilter.eq("PartitionKey", cycleKey).and(ODataFilter.or(markers));
            ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text()).setSelect(List.of("ChangeId", "Time"));
            for (TableEntity marker : new PagedRows<>("reading log markers", table.listEntities(options, null, null), r -> r)) {
                first.put(EntityColumns.text(marker, "ChangeId"), EntityColumns.instant(marker, "Time"));
            }
        }
        return first;
    }

    private TableEntity entity(ProvisioningLogEntry e, String partitionKey, String rowKey) {
        TableEntity row = new TableEntity(partitionKey, rowKey);
        EntityColumns.put(row, "CycleId", e.cycleId());
        EntityColumns.put(row, "ChangeId", e.changeId());
        EntityColumns.put(row, "Time", e.time());
        EntityColumns.put(row, "Kind", e.kind() == null ? null : e.kind().name());
        EntityColumns.put(row, "SourceId", e.sourceId());
        EntityColumns.put(row, "SourceName", e.sourceName());
        EntityColumns.put(row, "TargetId", e.targetId());
        EntityColumns.put(row, "Action", e.action() == null ? null : e.action().name());
        EntityColumns.put(row, "Status", e.status() == null ? null : e.status().name());
        EntityColumns.put(row, "DryRun", e.dryRun());
        EntityColumns.put(row, "Steps", json.stepsFitting(e.steps(), LogDetailLimits.JSON_COLUMN_CHARS));
        EntityColumns.put(row, "Modified", json.modifiedFitting(e.modified(), LogDetailLimits.JSON_COLUMN_CHARS));
        EntityColumns.put(row, "Reason", e.reason());
        return row;
    }

    private ProvisioningLogEntry entry(TableEntity row) {
        return new ProvisioningLogEntry(EntityColumns.text(row, "CycleId"), EntityColumns.text(row, "ChangeId"),
                EntityColumns.instant(row, "Time"), EntityColumns.enumValue(row, "Kind", ObjectKind.class),
                EntityColumns.text(row, "SourceId"), EntityColumns.text(row, "SourceName"),
                EntityColumns.nullableNumber(row, "TargetId"),
                EntityColumns.enumValue(row, "Action", ProvisioningAction.class),
                EntityColumns.enumValue(row, "Status", ProvisioningStatus.class), EntityColumns.flag(row, "DryRun"),
                json.steps(EntityColumns.text(row, "Steps")), json.modified(EntityColumns.text(row, "Modified")),
                EntityColumns.text(row, "Reason"));
    }

    /** Rows after the given keys in table order (within one partition for the indexed tables). */
    private static ODataFilter after(String[] keys, String tableName) {
        ODataFilter laterRow = ODataFilter.gt("RowKey", keys[1]);
        if (!tableName.equals(ALL)) return laterRow;
        return ODataFilter.or(List.of(ODataFilter.eq("PartitionKey", keys[0]).and(laterRow),
                ODataFilter.gt("PartitionKey", keys[0])));
    }

    private static String encode(String tableName, TableEntity last) {
        String raw = TOKEN_VERSION + "\n" + tableName + "\n" + last.getPartitionKey() + "\n" + last.getRowKey();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String token, String tableName) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 4 || !TOKEN_VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("continuationToken is not one this log handed out");
        }
        if (!parts[1].equals(tableName)) {
            throw new IllegalArgumentException("continuationToken belongs to a query with other filters");
        }
        return new String[]{parts[2], parts[3]};
    }

    private static TableTransactionAction upsert(TableEntity row) {
        return new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, row);
    }

    private static ProvisioningLogEntry at(ProvisioningLogEntry e, Instant time) {
        return new ProvisioningLogEntry(e.cycleId(), e.changeId(), time, e.kind(), e.sourceId(), e.sourceName(),
                e.targetId(), e.action(), e.status(), e.dryRun(), e.steps(), e.modified(), e.reason());
    }

    private static void check(ProvisioningLogEntry e) {
        if (e == null || e.changeId() == null || e.changeId().isEmpty() || e.cycleId() == null || e.cycleId().isEmpty()
                || e.time() == null) {
            throw new IllegalArgumentException("a log entry needs a cycle id, a change id and a time");
        }
        TableKeys.invertedTime(e.time());
    }
}
