package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.data.tables.models.TableEntity;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.github.zendeskprovisioning.benchmarks.StorageOperationCounter;
import io.github.zendeskprovisioning.engine.LogRetention;
import io.github.zendeskprovisioning.engine.cycle.LogEntries;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import io.github.zendeskprovisioning.testing.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What appending to the Azure provisioning log costs in table operations, and that the cheap layout keeps
 * the replay guarantees and still reads entries that an earlier version wrote in the old by-object layout.
 */
@ExtendWith(AzuriteExtension.class)
class AzureProvisioningLogOperationsTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private AzuriteExtension.Azurite azurite;
    private final StorageOperationCounter counter = new StorageOperationCounter();
    /** Transactions still let through before the next one fails (negative: none fails). */
    private final AtomicInteger transactionsBeforeFailure = new AtomicInteger(-1);
    private StateStores stores;
    private String prefix;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
        this.prefix = azurite.uniquePrefix();
        // Before the client's retries, so that a failed transaction stays failed: the process dies there.
        HttpPipelinePolicy failing = new HttpPipelinePolicy() {
            @Override
            public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
                boolean batch = context.getHttpRequest().getUrl().getPath().endsWith("$batch");
                if (batch && transactionsBeforeFailure.get() >= 0 && transactionsBeforeFailure.getAndDecrement() == 0) {
                    return Mono.error(new IllegalStateException("process killed (injected)"));
                }
                return next.process();
            }

            @Override
            public HttpPipelinePosition getPipelinePosition() {
                return HttpPipelinePosition.PER_CALL;
            }
        };
        TableServiceClient tableService = new TableServiceClientBuilder().connectionString(azurite.connectionString())
                .addPolicy(counter.tables()).addPolicy(failing).buildClient();
        var queueService = new QueueServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        stores = AzureStateStores.over(new StorageClients(tableService, queueService), prefix);
        // Tables are created on first use; that is not what the tests below count.
        stores.log().append(List.of(entry("warm-up", "warm-up", "someone", T)));
    }

    /** One user batch's entries, made as the engine makes them (their change ids share the step's prefix). */
    private static List<ProvisioningLogEntry> batch(String cycle, String step, int users, Instant at) {
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            entries.add(new LogEntries(cycle, step, ObjectKind.USER, "user-" + i, "User " + i, false)
                    .step("Import", "Success", "read from Entra").target(1000L + i)
                    .finish(ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS, null, at.plusMillis(i)));
        }
        return entries;
    }

    private static ProvisioningLogEntry entry(String cycle, String change, String object, Instant at) {
        return ProvisioningLogContract.entry(cycle, change, at, object, ProvisioningAction.UPDATE, ProvisioningStatus.SUCCESS);
    }

    private List<ProvisioningLogEntry> all(LogQuery query, int top) {
        List<ProvisioningLogEntry> read = new ArrayList<>();
        String token = null;
        do {
            LogPage page = stores.log().query(query, top, token);
            read.addAll(page.entries());
            token = page.continuationToken();
        } while (token != null);
        return read;
    }

    private StorageOperationCounter.Counts appending(List<ProvisioningLogEntry> entries) {
        StorageOperationCounter.Counts before = counter.snapshot();
        stores.log().append(entries);
        return counter.snapshot().minus(before);
    }

    @Test
    void appendingAHundredEntriesOfOneBatchCostsFiveTableOperationsAndAReplayOverwritesThem() {
        List<ProvisioningLogEntry> first = batch("cycle-1", "users/batch-7", 100, T);

        StorageOperationCounter.Counts cost = appending(first);
        // One marker query, two transactions by cycle (100 entries and their markers), one by object, one by day.
        assertEquals(1, cost.queries(), cost.toString());
        assertEquals(4, cost.transactions(), cost.toString());
        assertEquals(5, cost.tableOperations(), cost.toString());

        List<ProvisioningLogEntry> replay = batch("cycle-1", "users/batch-7", 100, T.plus(Duration.ofMinutes(5)));
        assertEquals(5, appending(replay).tableOperations(), "a replay costs the same");

        List<ProvisioningLogEntry> byCycle = all(new LogQuery("cycle-1", null, null, null), 1000);
        assertEquals(100, byCycle.size());
        assertTrue(byCycle.stream().allMatch(e -> !e.time().isAfter(T.plusMillis(99))), "the first logged times stay");
        for (int i = 0; i < 100; i++) {
            List<ProvisioningLogEntry> history = all(new LogQuery(null, "user-" + i, null, null), 10);
            assertEquals(List.of(first.get(i)), history, "user-" + i);
        }
        assertEquals(101, all(LogQuery.all(), 1000).size(), "the batch and the warm-up entry");
    }

    @Test
    void aGroupsSkippedMembersAndAMixedBatchStayWithinAFewOperations() {
        // As MembershipWriter logs them: one step per group, one Skipped entry per end-user member.
        List<ProvisioningLogEntry> members = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            members.add(new LogEntries("cycle-1", "memberships/batch-1/group-9", ObjectKind.USER, "user-" + i, null, false)
                    .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, "an end-user cannot be a group member", T));
        }
        assertEquals(5, appending(members).tableOperations());

        // Ids with nothing in common (operator actions, hand-made ids) are looked up 14 to a query.
        List<ProvisioningLogEntry> unrelated = new ArrayList<>();
        for (int i = 0; i < 28; i++) unrelated.add(entry("cycle-1", i + "-unrelated", "object-" + i, T.plusSeconds(i)));
        StorageOperationCounter.Counts cost = appending(unrelated);
        assertEquals(2, cost.queries(), cost.toString());
        assertEquals(3, cost.transactions(), cost.toString());
    }

    @Test
    void theSkippedMembersOfAllTheGroupsOfABatchAreLookedUpWithOneQuery() {
        // As MembershipWriter logs them: keyed by group, prefixed by the group batch; 12 groups of 20 end-user members.
        List<ProvisioningLogEntry> members = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            for (int i = 0; i < 20; i++) {
                members.add(new LogEntries("cycle-1", "groups/batch-1/group-" + g, ObjectKind.USER, "user-" + i, null, false)
                        .prefixedBy("groups/batch-1")
                        .finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, "an end-user cannot be a group member", T));
            }
        }
        StorageOperationCounter.Counts cost = appending(members);
        assertEquals(1, cost.queries(), cost.toString());
        assertEquals(240, all(new LogQuery("cycle-1", null, null, null), 1000).size(), "one entry per group and member");
    }

    @Test
    void anAppendThatFailsPartWayIsCompletedExactlyByItsReplay() {
        List<ProvisioningLogEntry> first = batch("cycle-1", "users/batch-1", 100, T);
        transactionsBeforeFailure.set(2); // the entries by cycle are written, those by object and by day are not
        assertThrows(RuntimeException.class, () -> stores.log().append(first));
        transactionsBeforeFailure.set(-1);

        stores.log().append(batch("cycle-1", "users/batch-1", 100, T.plus(Duration.ofMinutes(1))));

        assertEquals(100, all(new LogQuery("cycle-1", null, null, null), 1000).size());
        assertEquals(101, all(LogQuery.all(), 1000).size());
        for (int i = 0; i < 100; i += 9) {
            assertEquals(List.of(first.get(i)), all(new LogQuery(null, "user-" + i, null, null), 10), "user-" + i);
        }
    }

    @Test
    void anObjectsHistoryRunsNewestFirstAcrossDaysAndPagesWithTokens() {
        List<ProvisioningLogEntry> history = new ArrayList<>();
        for (int day = 0; day < 5; day++) {
            for (int i = 0; i < 3; i++) {
                history.add(entry("cycle-" + day, "change-" + day + "-" + i, "user-1", T.plus(Duration.ofDays(day)).plusSeconds(i)));
            }
            stores.log().append(List.of(entry("cycle-" + day, "other-" + day, "user-2", T.plus(Duration.ofDays(day)))));
        }
        stores.log().append(history);
        List<String> newestFirst = history.stream().sorted((a, b) -> b.time().compareTo(a.time()))
                .map(ProvisioningLogEntry::changeId).toList();

        for (int top : List.of(1, 2, 4, 15, 100)) {
            assertEquals(newestFirst, all(new LogQuery(null, "user-1", null, null), top).stream()
                    .map(ProvisioningLogEntry::changeId).toList(), "pages of " + top);
        }
    }

    @Test
    void entriesOfTheOldByObjectLayoutAreStillReadAfterTheNewOnesAndAReplayOfThemMakesNoSecondEntry() {
        Instant before = T.minus(Duration.ofDays(2));
        List<ProvisioningLogEntry> old = List.of(entry("old-cycle", "old-1", "user-1", before),
                entry("old-cycle", "old-2", "user-1", before.plusSeconds(1)));
        writeInTheOldLayout(old);
        ProvisioningLogEntry newer = entry("new-cycle", "new-1", "user-1", T.plus(Duration.ofHours(1)));
        stores.log().append(List.of(newer));

        List<String> expected = List.of("new-1", "old-2", "old-1");
        for (int top : List.of(1, 2, 10)) {
            assertEquals(expected, all(new LogQuery(null, "user-1", null, null), top).stream()
                    .map(ProvisioningLogEntry::changeId).toList(), "pages of " + top);
        }

        // A late replay of an old change overwrites its old row; it does not add one in the new table.
        ProvisioningLogEntry replayed = ProvisioningLogContract.entry("old-cycle", "old-2", T.plus(Duration.ofHours(2)), "user-1",
                ProvisioningAction.UPDATE, ProvisioningStatus.FAILURE);
        stores.log().append(List.of(replayed));
        List<ProvisioningLogEntry> read = all(new LogQuery(null, "user-1", null, null), 10);
        assertEquals(expected, read.stream().map(ProvisioningLogEntry::changeId).toList());
        assertEquals(ProvisioningStatus.FAILURE, read.get(1).status());
        assertEquals(before.plusSeconds(1), read.get(1).time());

        // Retention prunes the old table as well as the new ones.
        var pruned = new LogRetention(stores.retention(), 1, new ManualClock(T.plus(Duration.ofHours(1)).plus(Duration.ofDays(1))), 1000)
                .pruneOnce();
        assertTrue(pruned.finished());
        assertEquals(List.of("new-1"), all(new LogQuery(null, "user-1", null, null), 10).stream()
                .map(ProvisioningLogEntry::changeId).toList());
        assertTrue(table(AzureProvisioningLog.OLD_BY_OBJECT).listEntities().stream().findAny().isEmpty());
    }

    /**
     * Rows as the version before wrote them: by object in {@code LogByObject} (PartitionKey = object id) and
     * markers without a layout. Made by appending and then moving the by-object rows into the old table.
     */
    private void writeInTheOldLayout(List<ProvisioningLogEntry> entries) {
        stores.log().append(entries);
        TableClient byObject = table(AzureProvisioningLog.BY_OBJECT);
        TableClient oldByObject = table(AzureProvisioningLog.OLD_BY_OBJECT);
        oldByObject.createTable();
        TableClient byCycle = table(AzureProvisioningLog.BY_CYCLE);
        for (ProvisioningLogEntry e : entries) {
            String time = TableKeys.invertedTime(e.time());
            String sep = AzureProvisioningLog.SEPARATOR;
            String newKey = TableKeys.encode(e.sourceId()) + sep + time + sep + TableKeys.encode(e.changeId()) + sep
                    + TableKeys.encode(e.cycleId());
            TableEntity row = byObject.getEntity(TableKeys.invertedDay(e.time()), newKey);
            TableEntity moved = new TableEntity(TableKeys.encode(e.sourceId()),
                    time + sep + TableKeys.encode(e.changeId()) + sep + TableKeys.encode(e.cycleId()));
            row.getProperties().forEach((name, value) -> {
                if (!name.equals(AzureProvisioningLog.INVERTED_TIME) && !name.equals("PartitionKey") && !name.equals("RowKey")
                        && !name.startsWith("odata") && !name.equals("Timestamp")) {
                    moved.addProperty(name, value);
                }
            });
            oldByObject.upsertEntity(moved);
            byObject.deleteEntity(row);
            TableEntity marker = byCycle.getEntity(TableKeys.encode(e.cycleId()), AzureProvisioningLog.MARKER + TableKeys.encode(e.changeId()));
            TableEntity oldMarker = new TableEntity(marker.getPartitionKey(), marker.getRowKey())
                    .addProperty("ChangeId", marker.getProperty("ChangeId")).addProperty("Time", marker.getProperty("Time"));
            byCycle.updateEntity(oldMarker, com.azure.data.tables.models.TableEntityUpdateMode.REPLACE);
        }
    }

    private TableClient table(String logicalName) {
        return new TableServiceClientBuilder().connectionString(azurite.connectionString()).buildClient()
                .getTableClient(new StorageNames(prefix).table(logicalName));
    }

    @Test
    void tokensOfOneKindOfQueryAreRefusedByAnother() {
        stores.log().append(List.of(entry("c1", "ch1", "o1", T), entry("c1", "ch2", "o1", T.plusSeconds(1))));
        String byObject = stores.log().query(new LogQuery(null, "o1", null, null), 1, null).continuationToken();
        assertThrows(IllegalArgumentException.class, () -> stores.log().query(LogQuery.all(), 1, byObject));
        assertThrows(IllegalArgumentException.class, () -> stores.log().query(new LogQuery("c1", null, null, null), 1, byObject));
    }
}
