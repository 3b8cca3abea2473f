package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.github.zendeskprovisioning.engine.ports.EscrowStore;
import io.github.zendeskprovisioning.engine.state.EscrowEntry;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Table {@code Escrow}: PartitionKey = kind, RowKey = escaped object id. {@code NextAttemptMillis} (Edm.Int64)
 * lets {@link #due} filter on the server. A row written before entries carried their action reads as UPDATE
 * (what every retry was then: a re-evaluation).
 */
final class AzureEscrowStore implements EscrowStore {
    static final String TABLE = "Escrow";

    private final Tables tables;

    AzureEscrowStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void put(EscrowEntry entry) {
        if (entry == null || entry.kind() == null || entry.objectId() == null || entry.objectId().isEmpty()
                || entry.action() == null || entry.nextAttemptAt() == null) {
            throw new IllegalArgumentException("an escrow entry needs a kind, an object id, an action and a next attempt time");
        }
        TableEntity e = new TableEntity(entry.kind().name(), TableKeys.encode(entry.objectId()));
        EntityColumns.put(e, "ObjectId", entry.objectId());
        EntityColumns.put(e, "Action", entry.action().name());
        EntityColumns.put(e, "CycleId", entry.cycleId());
        EntityColumns.put(e, "Attempts", entry.attempts());
        EntityColumns.put(e, "FirstFailedAt", entry.firstFailedAt());
        EntityColumns.put(e, "NextAttemptAt", entry.nextAttemptAt());
        EntityColumns.put(e, "NextAttemptMillis", entry.nextAttemptAt().toEpochMilli());
        EntityColumns.put(e, "LastReason", LogDetailLimits.cut(entry.lastReason(), LogDetailLimits.REASON_CHARS));
        StorageFailures.run("storing the escrow entry of '" + entry.objectId() + "'",
                () -> table().upsertEntityWithResponse(e, TableEntityUpdateMode.REPLACE, null, null));
    }

    @Override
    public Optional<EscrowEntry> find(ObjectKind kind, String objectId) {
        return RowReads.find(table(), "reading an escrow entry", kind.name(), TableKeys.encode(objectId))
                .map(AzureEscrowStore::entry);
    }

    @Override
    public void remove(ObjectKind kind, String objectId) {
        RowReads.deleteIfExists(table(), "removing an escrow entry", kind.name(), TableKeys.encode(objectId));
    }

    @Override
    public List<EscrowEntry> due(ObjectKind kind, Instant now, int max) {
        if (max < 0) throw new IllegalArgumentException("max must not be negative");
        if (max == 0) return List.of();
        // Millisecond column: a nextAttemptAt within the same millisecond as now but after it is checked exactly below.
        ODataFilter filter = ODataFilter.eq("PartitionKey", kind.name()).and(ODataFilter.le("NextAttemptMillis", now.toEpochMilli()));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text()).setTop(Math.min(max, 1000));
        List<EscrowEntry> due = new ArrayList<>();
        for (EscrowEntry entry : new PagedRows<>("reading due escrow entries", table().listEntities(options, null, null),
                AzureEscrowStore::entry)) {
            if (!entry.nextAttemptAt().isAfter(now)) due.add(entry);
            if (due.size() == max) break;
        }
        due.sort(Comparator.comparing(EscrowEntry::nextAttemptAt));
        return due;
    }

    @Override
    public List<EscrowEntry> startingWith(ObjectKind kind, String prefix) {
        if (prefix == null || prefix.isEmpty()) throw new IllegalArgumentException("an object id prefix must not be empty");
        // On the ObjectId column, not the row key: a long id's key is cut and hashed, which a prefix cannot match.
        ODataFilter filter = ODataFilter.eq("PartitionKey", kind.name()).and(ODataFilter.startsWith("ObjectId", prefix));
        List<EscrowEntry> found = new ArrayList<>();
        new PagedRows<>("reading escrow entries", table().listEntities(new ListEntitiesOptions().setFilter(filter.text()), null, null),
                AzureEscrowStore::entry).forEach(found::add);
        return found;
    }

    @Override
    public List<EscrowEntry> all() {
        List<EscrowEntry> all = new ArrayList<>();
        new PagedRows<>("reading escrow entries", table().listEntities(), AzureEscrowStore::entry).forEach(all::add);
        return all;
    }

    @Override
    public void clear() {
        RowReads.deleteAll(table(), "clearing escrow");
    }

    private TableClient table() {
        return tables.table(TABLE);
    }

    private static EscrowEntry entry(TableEntity e) {
        ProvisioningAction action = EntityColumns.enumValue(e, "Action", ProvisioningAction.class);
        return new EscrowEntry(ObjectKind.valueOf(e.getPartitionKey()), EntityColumns.text(e, "ObjectId"),
                action == null ? ProvisioningAction.UPDATE : action,
                (int) EntityColumns.number(e, "Attempts", 0), EntityColumns.instant(e, "FirstFailedAt"),
                EntityColumns.instant(e, "NextAttemptAt"), EntityColumns.text(e, "LastReason"), EntityColumns.text(e, "CycleId"));
    }
}
