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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The provisioning log in three tables holding the same entry, each laid out for one way of reading it
 * newest first (Table Storage returns rows in PartitionKey, then RowKey order, and {@code T} below is the
 * entry's time as inverted fixed-width nanoseconds, {@code D} its inverted UTC day, so ascending keys are
 * descending times). An append of one cycle's entries costs one transaction per 100 rows of each partition
 * it touches and one marker query per batch, whatever the number of objects:
 * <ul>
 *   <li>{@code LogByCycle}: PartitionKey = cycle id; RowKey {@code t<T>~-<changeId>}. The same partition
 *   also holds one marker row per change ({@code m<changeId>}) with the time the change was first logged;
 *   markers are written with the entry in one transaction, and a replay of a change reuses that time, so
 *   all its rows are overwritten in place: one entry per change id in a cycle. Change ids of one batch share
 *   their first 8 characters ({@code LogEntries}), so a batch's markers are read by one key range.</li>
 *   <li>{@code LogByObjectDay}: PartitionKey = {@code D}; RowKey {@code <objectId>~-<T>~-<changeId>~-<cycleId>}:
 *   an object's history is one key range per day, newest day first; a batch of entries for many objects
 *   is one partition. Its {@code InvertedTime} column ({@code T}) lets retention cut the cutoff's own day.</li>
 *   <li>{@code Log}: PartitionKey = {@code D}; RowKey {@code <T>~-<changeId>~-<cycleId>}: everything, newest
 *   first, without one hot partition forever.</li>
 * </ul>
 * Until this layout, the by-object table was {@code LogByObject} with PartitionKey = object id and RowKey
 * {@code <T>~-<changeId>~-<cycleId>}, one transaction per object. It is not migrated: a query by object
 * reads the new table, then that object's partition of the old one (one more query, on an empty partition
 * once retention has pruned the old table, which it keeps doing). Its entries predate every entry of the new
 * table, so they come last. A change first logged in the old layout (its marker has no {@code Layout}) is
 * rewritten there on replay, so it never shows twice.
 * <p>
 * A query reads the table that fits (cycle, else object, else all) and filters the rest (status, action,
 * object within a cycle) on the server. Continuation tokens are the table and keys of the last row returned
 * (base64url, so they pass through a URL query as they are); the next page starts after them. Ids are
 * escaped by {@link TableKeys}; {@code ~-} never occurs in an escaped id, so composite keys cannot collide.
 */
final class AzureProvisioningLog implements ProvisioningLog {
    static final String BY_CYCLE = "LogByCycle";
    static final String BY_OBJECT = "LogByObjectDay";
    /** The by-object table of the layout before {@link #BY_OBJECT}: read and pruned until it is empty. */
    static final String OLD_BY_OBJECT = "LogByObject";
    static final String ALL = "Log";
    static final int MAX_TOP = 1000;
    // Package-private for AzureRetention, which prunes old entries by these keys.
    static final String SEPARATOR = "~-";
    static final String ENTRY = "t";
    static final String MARKER = "m";
    static final String INVERTED_TIME = "InvertedTime";
    /** Three ids in one row key: each at most this long escaped, so the key stays under Azure's 512 chars. */
    private static final int ID_CHARS = 150;
    private static final String LAYOUT = "Layout";
    private static final int CURRENT_LAYOUT = 2;
    /** Change ids of one step share this many leading characters (see LogEntries#changeId). */
    private static final int STEP_PREFIX = 8;
    private static final int CHANGES_PER_QUERY = ODataFilter.MAX_COMPARISONS - 1;
    /** This many changes of one step or more are looked up as a key range, the rest pooled in OR filters. */
    private static final int RANGE_FROM = CHANGES_PER_QUERY / 2;
    private static final String TOKEN_VERSION = "a1";

    private final Tables tables;
    private final JsonColumns json;

    AzureProvisioningLog(Tables tables, JsonColumns json) {
        this.tables = tables;
        this.json = json;
    }

    /** When a change was first logged, and whether in the old by-object layout. */
    private record Marker(Instant time, boolean oldLayout) {
    }

    /** A row read for a query by object, with the table it came from (for the continuation token). */
    private record Found(String table, TableEntity row) {
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
        List<TableTransactionAction> oldObjectRows = new ArrayList<>();
        List<TableTransactionAction> allRows = new ArrayList<>();
        for (Map.Entry<String, Map<String, ProvisioningLogEntry>> cycle : byCycle.entrySet()) {
            Map<String, Marker> firstLogged = firstLogged(cycle.getKey(), new ArrayList<>(cycle.getValue().keySet()));
            for (ProvisioningLogEntry given : cycle.getValue().values()) {
                Marker first = firstLogged.get(given.changeId());
                boolean oldLayout = first != null && first.oldLayout();
                ProvisioningLogEntry entry = LogDetailLimits.shorten(first == null ? given : at(given, first.time()));
                String time = TableKeys.invertedTime(entry.time());
                String change = TableKeys.encode(entry.changeId());
                String cycleKey = TableKeys.encode(entry.cycleId());
                TableEntity marker = new TableEntity(cycleKey, MARKER + change);
                EntityColumns.put(marker, "ChangeId", entry.changeId());
                EntityColumns.put(marker, "Time", entry.time());
                if (!oldLayout) EntityColumns.put(marker, LAYOUT, CURRENT_LAYOUT);
                cycleRows.add(upsert(marker));
                cycleRows.add(upsert(entity(entry, cycleKey, ENTRY + time + SEPARATOR + change)));
                String wideRow = time + SEPARATOR + change + SEPARATOR + cycleKey;
                String day = TableKeys.invertedDay(entry.time());
                if (entry.sourceId() != null && !entry.sourceId().isEmpty()) {
                    if (oldLayout) {
                        oldObjectRows.add(upsert(entity(entry, TableKeys.encode(entry.sourceId()), wideRow)));
                    } else {
                        TableEntity row = entity(entry, day, objectRowKey(entry.sourceId(), time, entry.changeId(), entry.cycleId()));
                        row.addProperty(INVERTED_TIME, time);
                        objectRows.add(upsert(row));
                    }
                }
                allRows.add(upsert(entity(entry, day, wideRow)));
            }
        }
        // Markers first: after a crash part-way, the replay finds them and overwrites the same rows.
        TableBatches.submit(tables.table(BY_CYCLE), "writing log entries", cycleRows);
        TableBatches.submit(tables.table(BY_OBJECT), "writing log entries", objectRows);
        if (!oldObjectRows.isEmpty()) TableBatches.submit(tables.table(OLD_BY_OBJECT), "writing log entries", oldObjectRows);
        TableBatches.submit(tables.table(ALL), "writing log entries", allRows);
    }

    @Override
    public LogPage query(LogQuery query, int top, String continuationToken) {
        if (top < 1 || top > MAX_TOP) throw new IllegalArgumentException("top must be between 1 and " + MAX_TOP);
        LogQuery q = query == null ? LogQuery.all() : query;
        List<ODataFilter> columns = new ArrayList<>();
        if (q.status() != null) columns.add(ODataFilter.eq("Status", q.status().name()));
        if (q.action() != null) columns.add(ODataFilter.eq("Action", q.action().name()));
        if (q.cycleId() == null && q.objectId() != null) {
            String[] after = continuationToken == null ? null : decode(continuationToken, Set.of(BY_OBJECT, OLD_BY_OBJECT));
            return byObject(q.objectId(), columns, top, after);
        }
        String tableName;
        List<ODataFilter> filters = new ArrayList<>();
        if (q.cycleId() != null) {
            tableName = BY_CYCLE;
            filters.add(ODataFilter.eq("PartitionKey", TableKeys.encode(q.cycleId())));
            filters.add(ODataFilter.startsWith("RowKey", ENTRY));
            if (q.objectId() != null) filters.add(ODataFilter.eq("SourceId", q.objectId()));
        } else {
            tableName = ALL;
        }
        filters.addAll(columns);
        if (continuationToken != null) filters.add(after(decode(continuationToken, Set.of(tableName)), tableName));

        ListEntitiesOptions options = new ListEntitiesOptions().setTop(Math.min(top + 1, MAX_TOP));
        if (!filters.isEmpty()) options.setFilter(ODataFilter.and(filters).text());
        List<Found> rows = new ArrayList<>();
        read(tableName, options, top + 1, rows);
        return page(rows, top);
    }

    @Override
    public void clear() {
        for (String table : List.of(BY_CYCLE, BY_OBJECT, OLD_BY_OBJECT, ALL)) {
            RowReads.deleteAll(tables.table(table), "clearing the provisioning log");
        }
    }

    /**
     * An object's entries newest first: its key range in each day partition of {@link #BY_OBJECT}, newest day
     * first (each next day found by one query that seeks past the last), then its partition of the old table.
     */
    private LogPage byObject(String objectId, List<ODataFilter> columns, int top, String[] after) {
        String prefix = TableKeys.encode(objectId, ID_CHARS) + SEPARATOR;
        List<Found> rows = new ArrayList<>();
        boolean oldTable = after != null && after[0].equals(OLD_BY_OBJECT);
        if (!oldTable) {
            String day = after == null ? nextDay(null) : after[1];
            String afterRow = after == null ? null : after[2];
            while (day != null && rows.size() <= top) {
                List<ODataFilter> filters = new ArrayList<>();
                filters.add(ODataFilter.eq("PartitionKey", day));
                ODataFilter range = ODataFilter.startsWith("RowKey", prefix);
                filters.add(afterRow == null ? range : ODataFilter.gt("RowKey", afterRow).and(range));
                filters.addAll(columns);
                int wanted = top + 1 - rows.size();
                read(BY_OBJECT, new ListEntitiesOptions().setTop(Math.min(wanted, MAX_TOP))
                        .setFilter(ODataFilter.and(filters).text()), top + 1, rows);
                afterRow = null;
                if (rows.size() <= top) day = nextDay(day);
            }
        }
        if (rows.size() <= top) {
            List<ODataFilter> filters = new ArrayList<>();
            filters.add(ODataFilter.eq("PartitionKey", TableKeys.encode(objectId)));
            if (oldTable) filters.add(ODataFilter.gt("RowKey", after[2]));
            filters.addAll(columns);
            int wanted = top + 1 - rows.size();
            read(OLD_BY_OBJECT, new ListEntitiesOptions().setTop(Math.min(wanted, MAX_TOP))
                    .setFilter(ODataFilter.and(filters).text()), top + 1, rows);
        }
        return page(rows, top);
    }

    /** The day partition of {@link #BY_OBJECT} after {@code day} (the first one when null), or null. */
    private String nextDay(String day) {
        ListEntitiesOptions options = new ListEntitiesOptions().setTop(1).setSelect(List.of("PartitionKey"));
        if (day != null) options.setFilter(ODataFilter.gt("PartitionKey", day).text());
        for (TableEntity row : new PagedRows<>("reading the provisioning log", tables.table(BY_OBJECT).listEntities(options, null, null), r -> r)) {
            return row.getPartitionKey();
        }
        return null;
    }

    /** Adds rows of {@code tableName} until {@code rows} holds {@code limit}. */
    private void read(String tableName, ListEntitiesOptions options, int limit, List<Found> rows) {
        if (rows.size() >= limit) return;
        TableClient table = tables.table(tableName);
        for (TableEntity row : new PagedRows<>("reading the provisioning log", table.listEntities(options, null, null), r -> r)) {
            rows.add(new Found(tableName, row));
            if (rows.size() >= limit) return;
        }
    }

    private LogPage page(List<Found> rows, int top) {
        boolean more = rows.size() > top;
        List<Found> page = more ? rows.subList(0, top) : rows;
        String next = more ? encode(page.get(page.size() - 1)) : null;
        return new LogPage(page.stream().map(f -> entry(f.row())).toList(), next);
    }

    /**
     * When each of these changes of a cycle was first logged (absent: never). Changes sharing a step prefix
     * with many others are read as one key range of markers (other markers of the step come along and are
     * dropped); the few left over are named one by one, 14 to a query.
     */
    private Map<String, Marker> firstLogged(String cycleId, List<String> changeIds) {
        Map<String, List<String>> byStep = new LinkedHashMap<>();
        for (String changeId : changeIds) {
            String key = TableKeys.encode(changeId);
            byStep.computeIfAbsent(key.substring(0, Math.min(STEP_PREFIX, key.length())), p -> new ArrayList<>()).add(changeId);
        }
        List<ODataFilter> lookups = new ArrayList<>();
        List<ODataFilter> named = new ArrayList<>();
        for (Map.Entry<String, List<String>> step : byStep.entrySet()) {
            if (step.getValue().size() >= RANGE_FROM) {
                lookups.add(ODataFilter.startsWith("RowKey", MARKER + step.getKey()));
                continue;
            }
            for (String changeId : step.getValue()) {
                named.add(ODataFilter.eq("RowKey", MARKER + TableKeys.encode(changeId)));
                if (named.size() == CHANGES_PER_QUERY) {
                    lookups.add(ODataFilter.or(named));
                    named = new ArrayList<>();
                }
            }
        }
        if (!named.isEmpty()) lookups.add(ODataFilter.or(named));
        Set<String> wanted = new HashSet<>(changeIds);
        Map<String, Marker> first = new HashMap<>();
        TableClient table = tables.table(BY_CYCLE);
        ODataFilter partition = ODataFilter.eq("PartitionKey", TableKeys.encode(cycleId));
        for (ODataFilter lookup : lookups) {
            ListEntitiesOptions options = new ListEntitiesOptions().setFilter(partition.and(lookup).text())
                    .setSelect(List.of("ChangeId", "Time", LAYOUT));
            for (TableEntity marker : new PagedRows<>("reading log markers", table.listEntities(options, null, null), r -> r)) {
                String changeId = EntityColumns.text(marker, "ChangeId");
                if (!wanted.contains(changeId)) continue;
                first.put(changeId, new Marker(EntityColumns.instant(marker, "Time"), marker.getProperty(LAYOUT) == null));
            }
        }
        return first;
    }

    private static String objectRowKey(String objectId, String time, String changeId, String cycleId) {
        return TableKeys.encode(objectId, ID_CHARS) + SEPARATOR + time + SEPARATOR + TableKeys.encode(changeId, ID_CHARS)
                + SEPARATOR + TableKeys.encode(cycleId, ID_CHARS);
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
        ODataFilter laterRow = ODataFilter.gt("RowKey", keys[2]);
        if (!tableName.equals(ALL)) return laterRow;
        return ODataFilter.or(List.of(ODataFilter.eq("PartitionKey", keys[1]).and(laterRow),
                ODataFilter.gt("PartitionKey", keys[1])));
    }

    private static String encode(Found last) {
        String raw = TOKEN_VERSION + "\n" + last.table() + "\n" + last.row().getPartitionKey() + "\n" + last.row().getRowKey();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The table, PartitionKey and RowKey a token names; refused unless the table is one the query reads. */
    private static String[] decode(String token, Set<String> tableNames) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 4 || !TOKEN_VERSION.equals(parts[0])) {
            throw new IllegalArgumentException("continuationToken is not one this log handed out");
        }
        if (!tableNames.contains(parts[1])) {
            throw new IllegalArgumentException("continuationToken belongs to a query with other filters");
        }
        return new String[]{parts[1], parts[2], parts[3]};
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
