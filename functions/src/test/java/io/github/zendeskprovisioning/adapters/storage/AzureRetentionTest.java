package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.http.HttpMethod;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.github.zendeskprovisioning.engine.ports.Retention;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(AzuriteExtension.class)
class AzureRetentionTest extends RetentionContract {
    private AzuriteExtension.Azurite azurite;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        this.azurite = azurite;
    }

    @Override
    protected StateStores createStores() {
        return AzureStateStores.fromConnectionString(azurite.connectionString(), azurite.uniquePrefix());
    }

    /** By cycle (with its replay marker), by object, and by day. */
    @Override
    protected int rowsPerLogEntry() {
        return 4;
    }

    /** The record and its recency row. */
    @Override
    protected int rowsPerCycleRecord() {
        return 2;
    }

    @Test
    void aTickSendsAFewTransactionsOfAtMostOneHundredRowsEach() {
        AtomicInteger transactions = new AtomicInteger();
        AtomicInteger singleDeletes = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        var tableService = new TableServiceClientBuilder().connectionString(azurite.connectionString())
                .addPolicy((context, next) -> {
                    var request = context.getHttpRequest();
                    if (request.getUrl().getPath().endsWith("$batch")) transactions.incrementAndGet();
                    else if (request.getHttpMethod() == HttpMethod.DELETE) singleDeletes.incrementAndGet();
                    else if (request.getHttpMethod() == HttpMethod.GET) reads.incrementAndGet();
                    return next.process();
                }).buildClient();
        var queueService = new QueueServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        StateStores counted = AzureStateStores.over(new StorageClients(tableService, queueService), azurite.uniquePrefix());
        Instant cutoff = Instant.parse("2026-04-10T00:30:00Z");
        List<ProvisioningLogEntry> old = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            old.add(ProvisioningLogContract.entry("one-cycle", "change-" + i, cutoff.minus(Duration.ofMinutes(i + 1)),
                    "object-" + (i % 3), ProvisioningAction.CREATE, ProvisioningStatus.SUCCESS));
        }
        counted.log().append(old);
        transactions.set(0);
        reads.set(0);

        Retention.Pruned first = counted.retention().prune(cutoff, 100);

        // 50 entries with their markers, all in the one cycle's partition: one transaction of 100 deletes.
        assertEquals(new Retention.Pruned(100, false), first);
        assertEquals(1, transactions.get());
        assertEquals(0, singleDeletes.get());
        assertTrue(reads.get() <= 2, reads + " reads");

        transactions.set(0);
        Retention.Pruned second = counted.retention().prune(cutoff, 500);
        // 200 by-cycle rows (2 transactions), and 150 by-object and 150 by-day rows, each over two UTC days
        // (partitions), 30 on the cutoff's and 120 on the one before (1 + 2 each).
        assertEquals(new Retention.Pruned(500, true), second);
        assertEquals(8, transactions.get());
        assertEquals(0, singleDeletes.get());
    }
}
