package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Table {@code Assignments}: PartitionKey = generation, RowKey = {@code <principalId>~-<assignmentId>}, so a
 * principal's assignments are one key range (7 principals per query: 2 comparisons each plus the partition).
 * Table {@code Members} holds each membership twice, {@code g<groupId>}/{@code <userId>} and
 * {@code u<userId>}/{@code <groupId>}, so both "members of" and "groups of" are partition reads.
 */
final class AzureScopeSnapshotStore implements ScopeSnapshotStore {
    static final String ASSIGNMENTS = "Assignments";
    static final String MEMBERS = "Members";
    private static final String SEPARATOR = "~-";
    private static final int PRINCIPALS_PER_QUERY = (ODataFilter.MAX_COMPARISONS - 1) / 2;

    private final Tables tables;

    AzureScopeSnapshotStore(Tables tables) {
        this.tables = tables;
    }

    @Override
    public void saveAssignments(String generation, List<Assignment> assignments) {
        String partition = TableKeys.encode(generation);
        List<TableTransactionAction> rows = new ArrayList<>();
        for (Assignment a : assignments) {
            if (a == null || a.id() == null || a.id().isEmpty() || a.principalId() == null || a.principalId().isEmpty()) {
                throw new IllegalArgumentException("an assignment needs an id and a principal id");
            }
            TableEntity e = new TableEntity(partition, TableKeys.encode(a.principalId()) + SEPARATOR + TableKeys.encode(a.id()));
            EntityColumns.put(e, "AssignmentId", a.id());
            EntityColumns.put(e, "PrincipalId", a.principalId());
            EntityColumns.put(e, "PrincipalType", a.principalType() == null ? null : a.principalType().name());
            EntityColumns.put(e, "AppRoleId", a.appRoleId());
            EntityColumns.put(e, "PrincipalDisplayName", LogDetailLimits.cut(a.principalDisplayName(), LogDetailLimits.NAME_CHARS));
            rows.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, e));
        }
        TableBatches.submit(assignments(), "saving assignments", rows);
    }

    @Override
    public Map<String, List<Assignment>> assignmentsOf(String generation, Collection<String> principalIds) {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(principalIds));
        Map<String, List<Assignment>> found = new LinkedHashMap<>();
        ODataFilter partition = ODataFilter.eq("PartitionKey", TableKeys.encode(generation));
        for (int from = 0; from < ids.size(); from += PRINCIPALS_PER_QUERY) {
            List<ODataFilter> ranges = ids.subList(from, Math.min(ids.size(), from + PRINCIPALS_PER_QUERY)).stream()
                    .map(p -> ODataFilter.startsWith("RowKey", TableKeys.encode(p) + SEPARATOR)).toList();
            ListEntitiesOptions options = new ListEntitiesOptions().setFilter(partition.and(ODataFilter.or(ranges)).text());
            for (Assignment a : new PagedRows<>("reading assignments", assignments().listEntities(options, null, null),
                    AzureScopeSnapshotStore::assignment)) {
                found.computeIfAbsent(a.principalId(), p -> new ArrayList<>()).add(a);
            }
        }
        Map<String, List<Assignment>> inRequestOrder = new LinkedHashMap<>();
        for (String id : ids) if (found.containsKey(id)) inRequestOrder.put(id, List.copyOf(found.get(id)));
        return inRequestOrder;
    }

    @Override
    public Iterable<Assignment> assignments(String generation) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.eq("PartitionKey", TableKeys.encode(generation)).text());
        return new PagedRows<>("reading assignments", assignments().listEntities(options, null, null),
                AzureScopeSnapshotStore::assignment);
    }

    @Override
    public void deleteGeneration(String generation) {
        RowReads.deleteWhere(assignments(), "deleting an assignment generation",
                ODataFilter.eq("PartitionKey", TableKeys.encode(generation)));
    }

    @Override
    public void addMembers(String groupId, Collection<String> userIds) {
        String group = TableKeys.encode(groupId);
        List<TableTransactionAction> rows = new ArrayList<>();
        for (String userId : userIds) {
            String user = TableKeys.encode(userId);
            rows.add(upsert(membership("g" + group, user, groupId, userId)));
            rows.add(upsert(membership("u" + user, group, groupId, userId)));
        }
        TableBatches.submit(members(), "adding group members", rows);
    }

    @Override
    public void removeMembers(String groupId, Collection<String> userIds) {
        String group = TableKeys.encode(groupId);
        List<TableEntity> keys = new ArrayList<>();
        for (String userId : userIds) {
            String user = TableKeys.encode(userId);
            keys.add(new TableEntity("g" + group, user));
            keys.add(new TableEntity("u" + user, group));
        }
        TableBatches.deleteRows(members(), "removing group members", keys);
    }

    @Override
    public void removeGroup(String groupId) {
        removeMembers(groupId, membersOf(groupId));
    }

    @Override
    public Map<String, Set<String>> groupsOf(Collection<String> userIds) {
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            Set<String> groups = column("u" + TableKeys.encode(userId), "GroupId");
            if (!groups.isEmpty()) found.put(userId, groups);
        }
        return found;
    }

    @Override
    public Set<String> membersOf(String groupId) {
        return column("g" + TableKeys.encode(groupId), "UserId");
    }

    @Override
    public void clear() {
        RowReads.deleteAll(assignments(), "clearing assignments");
        RowReads.deleteAll(members(), "clearing memberships");
    }

    private Set<String> column(String partition, String column) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.eq("PartitionKey", partition).text()).setSelect(List.of(column));
        Set<String> values = new TreeSet<>();
        new PagedRows<>("reading memberships", members().listEntities(options, null, null),
                e -> EntityColumns.text(e, column)).forEach(values::add);
        return Set.copyOf(values);
    }

    private static TableEntity membership(String partition, String row, String groupId, String userId) {
        TableEntity e = new TableEntity(partition, row);
        EntityColumns.put(e, "GroupId", groupId);
        EntityColumns.put(e, "UserId", userId);
        return e;
    }

    private static TableTransactionAction upsert(TableEntity e) {
        return new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, e);
    }

    private static Assignment assignment(TableEntity e) {
        return new Assignment(EntityColumns.text(e, "AssignmentId"), EntityColumns.text(e, "PrincipalId"),
                EntityColumns.enumValue(e, "PrincipalType", PrincipalType.class), EntityColumns.text(e, "AppRoleId"),
                EntityColumns.text(e, "PrincipalDisplayName"));
    }

    private TableClient assignments() {
        return tables.table(ASSIGNMENTS);
    }

    private TableClient members() {
        return tables.table(MEMBERS);
    }
}
