package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes many rows as entity group transactions: one partition each, at most 100 actions and well under
 * the 4 MiB request limit per transaction. A row named twice keeps its last action (Table Storage refuses
 * a transaction that names a row twice).
 */
final class TableBatches {
    static final int MAX_ACTIONS = 100;
    private static final long MAX_PAYLOAD_CHARS = 3L * 1024 * 1024 / 3;

    private TableBatches() {
    }

    static void submit(TableClient table, String what, List<TableTransactionAction> actions) {
        Map<String, Map<String, TableTransactionAction>> byPartition = new LinkedHashMap<>();
        for (TableTransactionAction action : actions) {
            TableEntity e = action.getEntity();
            byPartition.computeIfAbsent(e.getPartitionKey(), p -> new LinkedHashMap<>()).put(e.getRowKey(), action);
        }
        for (Map<String, TableTransactionAction> partition : byPartition.values()) {
            List<TableTransactionAction> chunk = new ArrayList<>();
            long chars = 0;
            for (TableTransactionAction action : partition.values()) {
                long size = estimatedChars(action.getEntity());
                if (!chunk.isEmpty() && (chunk.size() == MAX_ACTIONS || chars + size > MAX_PAYLOAD_CHARS)) {
                    send(table, what, chunk);
                    chunk = new ArrayList<>();
                    chars = 0;
                }
                chunk.add(action);
                chars += size;
            }
            if (!chunk.isEmpty()) send(table, what, chunk);
        }
    }

    /**
     * Deletes rows by key in transactions; a transaction that fails because one of its rows is gone already
     * is redone row by row (a single delete of a missing row counts as done).
     */
    static void deleteRows(TableClient table, String what, List<TableEntity> keys) {
        Map<String, Map<String, TableEntity>> byPartition = new LinkedHashMap<>();
        for (TableEntity key : keys) {
            byPartition.computeIfAbsent(key.getPartitionKey(), p -> new LinkedHashMap<>()).put(key.getRowKey(), key);
        }
        for (Map<String, TableEntity> partition : byPartition.values()) {
            List<TableEntity> rows = new ArrayList<>(partition.values());
            for (int from = 0; from < rows.size(); from += MAX_ACTIONS) {
                List<TableEntity> chunk = rows.subList(from, Math.min(rows.size(), from + MAX_ACTIONS));
                List<TableTransactionAction> deletes = chunk.stream()
                        .map(r -> new TableTransactionAction(TableTransactionActionType.DELETE,
                                new TableEntity(r.getPartitionKey(), r.getRowKey()))).toList();
                try {
                    table.submitTransaction(deletes);
                } catch (RuntimeException e) {
                    if (StorageFailures.status(e) != 404) throw StorageFailures.map(what, e);
                    for (TableEntity r : chunk) {
                        StorageFailures.run(what, () -> table.deleteEntity(r.getPartitionKey(), r.getRowKey()));
                    }
                }
            }
        }
    }

    private static void send(TableClient table, String what, List<TableTransactionAction> chunk) {
        StorageFailures.run(what + " (" + chunk.size() + " rows in table " + table.getTableName() + ")",
                () -> table.submitTransaction(chunk));
    }

    /** Characters of the JSON payload, roughly: keys, names and text values. */
    private static long estimatedChars(TableEntity e) {
        long chars = 200 + e.getPartitionKey().length() + e.getRowKey().length();
        for (Map.Entry<String, Object> p : e.getProperties().entrySet()) {
            chars += p.getKey().length() + 40 + (p.getValue() == null ? 0 : p.getValue().toString().length());
        }
        return chars;
    }
}
