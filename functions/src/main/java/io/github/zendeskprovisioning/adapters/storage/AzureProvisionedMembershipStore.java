package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore;
import io.github.zendeskprovisioning.engine.state.ProvisionedMembership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Table {@code ProvisionedMemberships}: PartitionKey = Zendesk group id, RowKey = Zendesk user id, so that one
 * group's memberships are one partition query and are written in transactions of up to 100.
 */
final class AzureProvisionedMembershipStore implements ProvisionedMembershipStore {
    static final String TABLE = "ProvisionedMemberships";

    private final Tables tables;

    AzureProvisionedMembershipStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void record(Collection<ProvisionedMembership> memberships) {
        if (memberships.isEmpty()) return;
        List<TableTransactionAction> actions = new ArrayList<>();
        for (ProvisionedMembership m : memberships) {
            TableEntity e = new TableEntity(Long.toString(m.zendeskGroupId()), Long.toString(m.zendeskUserId()));
            EntityColumns.put(e, "GroupId", m.zendeskGroupId());
            EntityColumns.put(e, "UserId", m.zendeskUserId());
            EntityColumns.put(e, "RecordedAt", m.recordedAt());
            actions.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, e));
        }
        TableBatches.submit(table(), "recording provisioned group memberships", actions);
    }

    @Override
    public Set<Long> usersOf(long zendeskGroupId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.eq("PartitionKey", Long.toString(zendeskGroupId)).text())
                .setSelect(List.of("PartitionKey", "RowKey", "UserId"));
        Set<Long> users = new HashSet<>();
        for (TableEntity e : new PagedRows<>("reading the provisioned memberships of group " + zendeskGroupId,
                table().listEntities(options, null, null), r -> r)) {
            users.add(EntityColumns.number(e, "UserId", Long.parseLong(e.getRowKey())));
        }
        return Set.copyOf(users);
    }

    @Override
    public void forget(long zendeskGroupId, Collection<Long> zendeskUserIds) {
        if (zendeskUserIds.isEmpty()) return;
        String group = Long.toString(zendeskGroupId);
        TableBatches.deleteRows(table(), "forgetting provisioned group memberships",
                zendeskUserIds.stream().distinct().map(u -> new TableEntity(group, Long.toString(u))).toList());
    }

    private TableClient table() {
        return tables.table(TABLE);
    }
}
