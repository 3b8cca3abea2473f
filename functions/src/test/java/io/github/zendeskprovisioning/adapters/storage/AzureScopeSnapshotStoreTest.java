package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.HttpMethod;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AzuriteExtension.class)
class AzureScopeSnapshotStoreTest extends ScopeSnapshotStoreContract {
    private AzuriteExtension.Azurite azurite;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }

    /** Requests to the Table service, by kind, seen by the stores built over it. */
    private static final class Counted {
        final AtomicInteger transactions = new AtomicInteger();
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger otherWrites = new AtomicInteger();
        final TableServiceClient tables;
        final ScopeSnapshotStore scope;

        Counted(String connectionString, String prefix) {
            tables = new TableServiceClientBuilder().connectionString(connectionString)
                    .addPolicy((context, next) -> {
                        var request = context.getHttpRequest();
                        if (request.getUrl().getPath().endsWith("$batch")) transactions.incrementAndGet();
                        else if (request.getHttpMethod() == HttpMethod.GET) queries.incrementAndGet();
                        else otherWrites.incrementAndGet();
                        return next.process();
                    }).buildClient();
            var queues = new QueueServiceClientBuilder().connectionString(connectionString).buildClient();
            scope = AzureStateStores.over(new StorageClients(tables, queues), prefix).scope();
        }

        void reset() {
            transactions.set(0);
            queries.set(0);
            otherWrites.set(0);
        }

        int all() {
            return transactions.get() + queries.get() + otherWrites.get();
        }
    }

    private static List<String> users(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void aPageOfTwentyGroupsOfFiftyMembersSharesTheByUserTransactions() {
        Counted counted = new Counted(azurite.connectionString(), azurite.uniquePrefix());
        counted.scope.groupsOf(List.of("warm-up"));
        counted.reset();
        Map<String, List<String>> page = new java.util.LinkedHashMap<>();
        for (int g = 0; g < 20; g++) page.put("group-" + g, users("user-" + g, 50));

        counted.scope.addMembers(page);

        // Forward rows: one transaction per group; reverse rows: the 1,000 of the page in the 16 buckets, about
        // 63 each, one transaction per bucket (one group at a time, that was up to 16 per group: 320).
        assertTrue(counted.transactions.get() <= 20 + 2 * AzureScopeSnapshotStore.BUCKETS, counted.transactions + " transactions");
        assertEquals(0, counted.otherWrites.get(), "no single-row write");
        assertEquals(50, counted.scope.membersOf("group-7").size());
        assertEquals(Set.of("group-3"), counted.scope.groupsOf(List.of("user-3-9")).get("user-3-9"));
    }

    @Test
    void aPageOfOneThousandMembersIsStoredInTransactionsOfOneHundredPerPartition() {
        Counted counted = new Counted(azurite.connectionString(), azurite.uniquePrefix());
        counted.scope.groupsOf(List.of("warm-up")); // creates the table and reads the layout mark: once per process
        counted.reset();

        counted.scope.addMembers("group-a", users("user", 1_000));

        // Forward rows: 10 transactions in the group's partition; reverse rows: one per bucket (about 63 each).
        System.out.printf("addMembers of 1000: %d transactions, %d reads, %d other requests%n",
                counted.transactions.get(), counted.queries.get(), counted.otherWrites.get());
        assertTrue(counted.transactions.get() <= 10 + 2 * AzureScopeSnapshotStore.BUCKETS, counted.transactions + " transactions");
        assertEquals(0, counted.queries.get());
        assertEquals(0, counted.otherWrites.get(), "no single-row write");
        assertEquals(1_000, counted.scope.membersOf("group-a").size());

        counted.reset();
        counted.scope.removeGroup("group-a");
        System.out.printf("removeGroup of 1000: %d transactions, %d reads, %d other requests%n",
                counted.transactions.get(), counted.queries.get(), counted.otherWrites.get());
        assertTrue(counted.transactions.get() <= 10 + 2 * AzureScopeSnapshotStore.BUCKETS, counted.transactions + " transactions");
        assertEquals(0, counted.otherWrites.get(), "no single-row delete");
        assertTrue(counted.scope.membersOf("group-a").isEmpty());
        assertTrue(counted.scope.groupsOf(users("user", 1_000).subList(0, 100)).isEmpty());
    }

    @Test
    void theGroupsOfOneHundredUsersTakeAboutOneQueryPerBucketNotOnePerUser() {
        Counted counted = new Counted(azurite.connectionString(), azurite.uniquePrefix());
        List<String> all = users("user", 1_000);
        counted.scope.addMembers("group-a", all);
        counted.scope.addMembers("group-b", all.subList(0, 300));
        counted.scope.addMembers("group-c", users("other", 100));
        List<String> asked = all.subList(250, 350);
        counted.reset();

        Map<String, Set<String>> groups = counted.scope.groupsOf(asked);

        System.out.printf("groupsOf 100 users: %d requests%n", counted.all());
        assertEquals(100, groups.size());
        assertEquals(Set.of("group-a", "group-b"), groups.get("user-299"));
        assertEquals(Set.of("group-a"), groups.get("user-300"));
        // One query per bucket and 7 users: at most 16 + 100 / 7 however large the index.
        assertTrue(counted.queries.get() <= AzureScopeSnapshotStore.BUCKETS + (100 + 6) / 7, counted.queries + " queries");
        assertEquals(counted.queries.get(), counted.all(), "reads only");
    }

    @Test
    void everyMembershipIsReadInPagesOfAboutAThousandRows() {
        Counted counted = new Counted(azurite.connectionString(), azurite.uniquePrefix());
        counted.scope.addMembers("group-a", users("user", 1_500));
        counted.scope.addMembers("group-b", users("user", 500));
        counted.reset();

        int read = 0;
        for (var m : counted.scope.memberships()) read++;

        System.out.printf("memberships() of 2000: %d requests%n", counted.all());
        assertEquals(2_000, read);
        // The reverse rows only (not the forward copy of each): 2,000 rows are 2 or 3 pages of the service.
        assertTrue(counted.queries.get() <= 3, counted.queries + " queries");
        assertEquals(counted.queries.get(), counted.all(), "reads only");
    }

    @Test
    void membershipsOfTheOldPerUserLayoutAreRebuiltOnFirstUseAndNoneIsLost() {
        String prefix = azurite.uniquePrefix();
        TableServiceClient service = new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        String name = new StorageNames(prefix).table(AzureScopeSnapshotStore.MEMBERS);
        service.createTableIfNotExists(name);
        TableClient table = service.getTableClient(name);
        // As the previous version wrote them: g<group>/<user> and u<user>/<group>, one user partition each.
        for (String user : users("old", 40)) {
            table.upsertEntity(oldRow("gsupport", user, "support", user));
            table.upsertEntity(oldRow("u" + user, "support", "support", user));
        }
        // A reverse row whose forward row a crashed removal already deleted: the member had left.
        table.upsertEntity(oldRow("uleft", "support", "support", "left"));

        ScopeSnapshotStore scope = AzureStateStores.fromConnectionString(azurite.connectionString(), prefix).scope();
        Map<String, Set<String>> groups = scope.groupsOf(List.of("old-0", "old-39", "left"));

        assertEquals(Map.of("old-0", Set.of("support"), "old-39", Set.of("support")), groups);
        assertEquals(40, scope.membersOf("support").size());
        scope.removeMembers("support", List.of("old-0"));
        scope.addMembers("sales", List.of("old-1"));
        // A second process finds the mark and does not rebuild (that would bring old-0 back from nowhere, but
        // there is nowhere: the forward row is gone too).
        ScopeSnapshotStore later = AzureStateStores.fromConnectionString(azurite.connectionString(), prefix).scope();
        assertTrue(later.groupsOf(List.of("old-0")).isEmpty());
        assertEquals(Set.of("support", "sales"), later.groupsOf(List.of("old-1")).get("old-1"));

        // An initial cycle clears the snapshot (and reads it again from Graph): the old rows go with it.
        later.clear();
        assertEquals(List.of("layout"), table.listEntities().stream().map(TableEntity::getPartitionKey).toList());
    }

    private static TableEntity oldRow(String partition, String row, String groupId, String userId) {
        return new TableEntity(partition, row).addProperty("GroupId", groupId).addProperty("UserId", userId);
    }
}
