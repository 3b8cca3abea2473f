package io.github.zendeskprovisioning.benchmarks;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueClientBuilder;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The counter sees each request the Azure SDK sends, and sorts it by kind. */
@ExtendWith(AzuriteExtension.class)
class StorageOperationCounterTest {

    @Test
    void countsPointReadsQueriesWritesAndTransactionsOfTheTableClient(AzuriteExtension.Azurite azurite) {
        StorageOperationCounter counter = new StorageOperationCounter();
        TableClient table = new TableClientBuilder().connectionString(azurite.connectionString())
                .tableName(azurite.uniquePrefix()).addPolicy(counter.tables()).buildClient();
        table.createTable();
        table.upsertEntity(new TableEntity("p", "a"));
        table.getEntity("p", "a");
        table.listEntities(new ListEntitiesOptions().setFilter("PartitionKey eq 'p'"), null, null).forEach(e -> { });
        table.submitTransaction(List.of(new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE, new TableEntity("p", "b")),
                new TableTransactionAction(TableTransactionActionType.UPSERT_MERGE, new TableEntity("p", "c"))));
        table.deleteEntity("p", "a");

        StorageOperationCounter.Counts counts = counter.snapshot();
        assertEquals(1, counts.reads());
        assertEquals(1, counts.queries());
        assertEquals(3, counts.writes(), "create table, upsert, delete");
        assertEquals(1, counts.transactions());
        assertEquals(6, counts.tableOperations());
        assertEquals(0, counts.queueSends() + counts.queueReceives() + counts.queueDeletes() + counts.queueOther());
    }

    @Test
    void countsMessagesSentReceivedAndDeletedOfTheQueueClient(AzuriteExtension.Azurite azurite) {
        StorageOperationCounter counter = new StorageOperationCounter();
        QueueClient queue = new QueueClientBuilder().connectionString(azurite.connectionString())
                .queueName(azurite.uniquePrefix()).addPolicy(counter.queues()).buildClient();
        queue.create();
        queue.sendMessage("one");
        queue.sendMessage("two");
        queue.receiveMessages(2).forEach(m -> queue.deleteMessage(m.getMessageId(), m.getPopReceipt()));

        StorageOperationCounter.Counts counts = counter.snapshot();
        assertEquals(new StorageOperationCounter.Counts(0, 0, 0, 0, 2, 1, 2, 1), counts);
        assertEquals(StorageOperationCounter.Counts.NONE, counts.minus(counts));
    }

    @Test
    void otherCaseChangesTheLetterCaseOfAnEmailButNotTheAddress() {
        assertEquals("Ada0.Lovelace@EXAMPLE.ORG", PreExistingUsers.otherCase("ada0.lovelace@example.org"));
    }
}
