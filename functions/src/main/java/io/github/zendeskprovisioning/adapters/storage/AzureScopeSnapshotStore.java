package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.github.zendeskprovisioning.engine.directory.Assignment;
import io.github.zendeskprovisioning.engine.directory.PrincipalType;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.state.MemberPage;
import io.github.zendeskprovisioning.engine.state.Membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Table {@code Assignments}: PartitionKey = generation, RowKey = {@code <principalId>~-<assignmentId>}, so a
 * principal's assignments are one key range (7 principals per query: 2 comparisons each plus the partition).
 * <p>
 * Table {@code Members} holds each membership twice. Forward: {@code g<groupId>}/{@code <userId>}, so a page
 * of a group's members is one partition (transactions of 100) and "members of" is a partition read. Reverse:
 * {@code r<bucket>}/{@code <userId>~-<groupId>}, the bucket being one of {@value #BUCKETS} chosen by the
 * user id's hash, so a page of members lands in at most {@value #BUCKETS} partitions (transactions again)
 * and "groups of" 100 users is one query per bucket and 7 users (about 20 queries), each scanning only its
 * bucket's sixteenth of the index instead of one query per user.
 * <p>
 * Until this layout (marked by the row {@code layout}/{@code members}), the reverse rows were
 * {@code u<userId>}/{@code <groupId>}, one partition per user. The forward rows are the same in both, so the
 * first use of a table without the mark rebuilds the reverse rows from them and then writes the mark; the old
 * per-user rows are never read again (they are left in place: deleting them would cost one transaction
 * each; {@link #clear()}, which every initial cycle does, removes them).
 */
final class AzureScopeSnapshotStore implements ScopeSnapshotStore {
    static final String ASSIGNMENTS = "Assignments";
    static final String MEMBERS = "Members";
    private static final String SEPARATOR = "~-";
    private static final int PRINCIPALS_PER_QUERY = (ODataFilter.MAX_COMPARISONS - 1) / 2;
    /** Reverse-index partitions: few enough that a page of members makes few transactions. */
    static final int BUCKETS = 16;
    /** Users per reverse-index query: a key range (2 comparisons) each, plus the partition. */
    private static final int USERS_PER_QUERY = (ODataFilter.MAX_COMPARISONS - 1) / 2;
    private static final int REMOVAL_SLICE = BUCKETS * TableBatches.MAX_ACTIONS;
    private static final String LAYOUT_PARTITION = "layout";
    private static final String LAYOUT_ROW = "members";
    private static final int LAYOUT_VERSION = 2;
    /** Forward rows rebuilt into reverse rows per write while migrating, to keep memory bounded. */
    private static final int MIGRATION_CHUNK = 1_000;

    private final Tables tables;
    /** This process saw the current layout's mark (written once; {@link #clear()} writes it again). */
    private volatile boolean layoutCurrent;

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
        requireId(groupId, "group id");
        userIds.forEach(u -> requireId(u, "user id"));
        ensureLayout();
        List<TableTransactionAction> rows = new ArrayList<>();
        for (String userId : userIds) {
            rows.add(upsert(forward(groupId, userId)));
            rows.add(upsert(reverse(groupId, userId)));
        }
        // Forward and reverse rows may land in different transactions: a crash in between leaves a forward row
        // alone (the caller's step is redone and writes the rest), never a reverse row without its forward one,
        // because TableBatches sends partitions in the order first named: the group's partition first.
        TableBatches.submit(members(), "adding group members", rows);
    }

    /**
     * Every group's forward rows, then all the reverse rows together: those of a page of groups fill the 16 bucket
     * partitions' transactions together, instead of up to 16 small transactions per group. Forward rows are sent
     * first (TableBatches keeps the order partitions are first named in), so a crash never leaves a reverse row
     * without its forward one.
     */
    @Override
    public void addMembers(Map<String, ? extends Collection<String>> membersByGroup) {
        membersByGroup.forEach((groupId, userIds) -> {
            requireId(groupId, "group id");
            userIds.forEach(u -> requireId(u, "user id"));
        });
        ensureLayout();
        List<TableTransactionAction> rows = new ArrayList<>();
        membersByGroup.forEach((groupId, userIds) -> userIds.forEach(u -> rows.add(upsert(forward(groupId, u)))));
        membersByGroup.forEach((groupId, userIds) -> userIds.forEach(u -> rows.add(upsert(reverse(groupId, u)))));
        TableBatches.submit(members(), "adding group members", rows);
    }

    @Override
    public void removeMembers(String groupId, Collection<String> userIds) {
        ensureLayout();
        List<String> users = new ArrayList<>(new LinkedHashSet<>(userIds));
        // Slices of about one full transaction per bucket, reverse rows first: a crash leaves at most one slice
        // with forward rows whose reverse rows are gone, and only that slice's redo meets missing rows (which
        // TableBatches then deletes one by one), however large the group.
        for (int from = 0; from < users.size(); from += REMOVAL_SLICE) {
            List<String> slice = users.subList(from, Math.min(users.size(), from + REMOVAL_SLICE));
            TableBatches.deleteRows(members(), "removing group members", slice.stream().map(u -> reverse(groupId, u)).toList());
            TableBatches.deleteRows(members(), "removing group members", slice.stream().map(u -> forward(groupId, u)).toList());
        }
    }

    @Override
    public void removeGroup(String groupId) {
        removeMembers(groupId, membersOf(groupId));
    }

    @Override
    public Map<String, Set<String>> groupsOf(Collection<String> userIds) {
        ensureLayout();
        Map<String, List<String>> byBucket = new TreeMap<>();
        for (String userId : new LinkedHashSet<>(userIds)) {
            byBucket.computeIfAbsent(bucket(userId), b -> new ArrayList<>()).add(userId);
        }
        Map<String, Set<String>> found = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> bucket : byBucket.entrySet()) {
            ODataFilter partition = ODataFilter.eq("PartitionKey", bucket.getKey());
            List<String> users = bucket.getValue();
            for (int from = 0; from < users.size(); from += USERS_PER_QUERY) {
                List<ODataFilter> ranges = users.subList(from, Math.min(users.size(), from + USERS_PER_QUERY)).stream()
                        .map(u -> ODataFilter.startsWith("RowKey", TableKeys.encode(u) + SEPARATOR)).toList();
                ListEntitiesOptions options = new ListEntitiesOptions().setFilter(partition.and(ODataFilter.or(ranges)).text())
                        .setSelect(List.of("GroupId", "UserId"));
                for (TableEntity e : new PagedRows<>("reading the groups of users", members().listEntities(options, null, null), x -> x)) {
                    found.computeIfAbsent(EntityColumns.text(e, "UserId"), u -> new TreeSet<>()).add(EntityColumns.text(e, "GroupId"));
                }
            }
        }
        Map<String, Set<String>> inRequestOrder = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(userIds)) if (found.containsKey(id)) inRequestOrder.put(id, Set.copyOf(found.get(id)));
        return inRequestOrder;
    }

    @Override
    public Set<String> membersOf(String groupId) {
        ListEntitiesOptions options = new ListEntitiesOptions()
                .setFilter(ODataFilter.eq("PartitionKey", "g" + TableKeys.encode(groupId)).text()).setSelect(List.of("UserId"));
        Set<String> values = new TreeSet<>();
        new PagedRows<>("reading memberships", members().listEntities(options, null, null),
                e -> EntityColumns.text(e, "UserId")).forEach(values::add);
        return Set.copyOf(values);
    }

    /** The reverse rows, partitions {@code r0} to {@code rf}: the key range [r, s) holds them and nothing else. */
    @Override
    public Iterable<Membership> memberships() {
        ensureLayout();
        ODataFilter reverseRows = ODataFilter.ge("PartitionKey", "r").and(ODataFilter.lt("PartitionKey", "s"));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(reverseRows.text()).setSelect(List.of("GroupId", "UserId"));
        return new PagedRows<>("reading every membership", members().listEntities(options, null, null),
                e -> new Membership(EntityColumns.text(e, "UserId"), EntityColumns.text(e, "GroupId")));
    }

    @Override
    public MemberPage membersPage(String groupId, String continuation, int max) {
        if (max < 1 || max > MAX_PAGE) throw new IllegalArgumentException("a page of members holds 1 to " + MAX_PAGE + ", not " + max);
        // Our own cursor (the last row key read) rather than the service's token: a plain key range in the
        // group's partition, and a page the service cuts short is simply continued by the iterator below.
        ODataFilter filter = ODataFilter.eq("PartitionKey", "g" + TableKeys.encode(groupId));
        if (continuation != null) filter = filter.and(ODataFilter.gt("RowKey", continuation));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter.text()).setTop(max).setSelect(List.of("RowKey", "UserId"));
        Iterator<TableEntity> rows = new PagedRows<>("reading a page of memberships", members().listEntities(options, null, null),
                e -> e).iterator();
        List<String> users = new ArrayList<>();
        String last = null;
        while (users.size() < max && rows.hasNext()) {
            TableEntity row = rows.next();
            last = row.getRowKey();
            users.add(EntityColumns.text(row, "UserId"));
        }
        return new MemberPage(users, users.size() == max ? last : null);
    }

    @Override
    public void clear() {
        RowReads.deleteAll(assignments(), "clearing assignments");
        RowReads.deleteAll(members(), "clearing memberships");
        // An empty table is in the current layout: marked at once, so no process rebuilds from nothing.
        markLayout();
        layoutCurrent = true;
    }

    /**
     * Makes sure the reverse index is in this layout: one point read per process, and on the first use after
     * an upgrade a rebuild of the reverse rows from the forward rows (which both layouts share). Repeating it
     * is harmless (upserts), so processes that do it at once, or one killed half-way, leave it right; the mark
     * is written last.
     */
    private void ensureLayout() {
        if (layoutCurrent) return;
        if (RowReads.find(members(), "reading the membership layout", LAYOUT_PARTITION, LAYOUT_ROW).isEmpty()) {
            rebuildReverseIndex();
            markLayout();
        }
        layoutCurrent = true;
    }

    private void markLayout() {
        TableEntity mark = new TableEntity(LAYOUT_PARTITION, LAYOUT_ROW);
        mark.addProperty("Version", LAYOUT_VERSION);
        StorageFailures.run("writing the membership layout", () -> members().upsertEntity(mark));
    }

    private void rebuildReverseIndex() {
        // Forward partitions are g<group>: the key range [g, h) holds them all and nothing else.
        ODataFilter forwardRows = ODataFilter.ge("PartitionKey", "g").and(ODataFilter.lt("PartitionKey", "h"));
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(forwardRows.text()).setSelect(List.of("GroupId", "UserId"));
        List<TableTransactionAction> rows = new ArrayList<>();
        for (TableEntity e : new PagedRows<>("rebuilding the groups-of index", members().listEntities(options, null, null), x -> x)) {
            String groupId = EntityColumns.text(e, "GroupId");
            String userId = EntityColumns.text(e, "UserId");
            if (groupId == null || userId == null) continue;
            rows.add(upsert(reverse(groupId, userId)));
            if (rows.size() >= MIGRATION_CHUNK) {
                TableBatches.submit(members(), "rebuilding the groups-of index", rows);
                rows = new ArrayList<>();
            }
        }
        TableBatches.submit(members(), "rebuilding the groups-of index", rows);
    }

    /** The reverse-index partition of a user: String.hashCode is fixed by the language, so stable across runs. */
    static String bucket(String userId) {
        return "r" + Integer.toHexString(Math.floorMod(userId.hashCode(), BUCKETS));
    }

    private static TableEntity forward(String groupId, String userId) {
        return membership("g" + TableKeys.encode(groupId), TableKeys.encode(userId), groupId, userId);
    }

    private static TableEntity reverse(String groupId, String userId) {
        return membership(bucket(userId), TableKeys.encode(userId) + SEPARATOR + TableKeys.encode(groupId), groupId, userId);
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

    private static void requireId(String id, String what) {
        if (id == null || id.isEmpty()) throw new IllegalArgumentException("a " + what + " must not be empty");
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
