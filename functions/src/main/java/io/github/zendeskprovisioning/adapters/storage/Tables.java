package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Opens tables by logical name, creating each one on first use (so building the stores needs no network). */
final class Tables {
    private final TableServiceClient service;
    private final StorageNames names;
    private final Map<String, TableClient> opened = new ConcurrentHashMap<>();

    Tables(TableServiceClient service, StorageNames names) {
        this.service = service;
        this.names = names;
    }

    TableClient table(String logicalName) {
        return opened.computeIfAbsent(logicalName, logical -> {
            String name = names.table(logical);
            StorageFailures.run("creating table " + name, () -> service.createTableIfNotExists(name));
            return service.getTableClient(name);
        });
    }
}
