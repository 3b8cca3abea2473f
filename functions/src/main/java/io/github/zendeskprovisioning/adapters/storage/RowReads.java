package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Point reads, deletes and clearing, the same for every table. */
final class RowReads {
    private static final List<String> KEYS_ONLY = List.of("PartitionKey", "RowKey");

    private RowReads() {
    }

    static Optional<TableEntity> find(TableClient table, String what, String partitionKey, String rowKey) {
        try {
            return Optional.of(table.getEntity(partitionKey, rowKey));
        } catch (RuntimeException e) {
            if (StorageFailures.status(e) == 404) return Optional.empty();
            throw StorageFailures.map(what, e);
        }
    }

    static void deleteIfExists(TableClient table, String what, String partitionKey, String rowKey) {
        // Deleting a missing row is a 404 the SDK already treats as done.
        StorageFailures.run(what, () -> table.deleteEntity(partitionKey, rowKey));
    }

    /** Deletes the rows a filter selects (null: all), in transactions of up to 100. */
    static void deleteWhere(TableClient table, String what, ODataFilter filter) {
        ListEntitiesOptions options = new ListEntitiesOptions().setSelect(KEYS_ONLY);
        if (filter != null) options.setFilter(filter.text());
        List<TableEntity> keys = new ArrayList<>();
        for (TableEntity row : new PagedRows<>(what, table.listEntities(options, null, null), r -> r)) {
            keys.add(row);
            if (keys.size() >= 1000) {
                TableBatches.deleteRows(table, what, keys);
                keys.clear();
            }
        }
        TableBatches.deleteRows(table, what, keys);
    }

    static void deleteAll(TableClient table, String what) {
        deleteWhere(table, what, null);
    }
}
