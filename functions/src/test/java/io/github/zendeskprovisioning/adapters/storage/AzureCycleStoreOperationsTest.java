package io.github.zendeskprovisioning.adapters.storage;

import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueServiceClientBuilder;
import io.github.zendeskprovisioning.benchmarks.StorageOperationCounter;
import io.github.zendeskprovisioning.engine.ports.CycleStore;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the cycle record's writes cost in table operations: a write from a record the caller holds with its etag is
 * one operation (no read first), one from a record that moved on costs the failed write, a read and the write; a
 * step completed after losing a race on the record does not look for its marker.
 */
@ExtendWith(AzuriteExtension.class)
class AzureCycleStoreOperationsTest {
    private static final Instant T = Instant.parse("2026-03-03T10:00:00Z");

    private final StorageOperationCounter counter = new StorageOperationCounter();
    private CycleStore cycles;

    @BeforeEach
    void useAzurite(AzuriteExtension.Azurite azurite) {
        TableServiceClient tableService = new TableServiceClientBuilder().connectionString(azurite.connectionString())
                .addPolicy(counter.tables()).buildClient();
        var queueService = new QueueServiceClientBuilder().connectionString(azurite.connectionString()).buildClient();
        cycles = AzureStateStores.over(new StorageClients(tableService, queueService), azurite.uniquePrefix()).cycles();
    }

    private <T> Counted<T> counted(Supplier<T> call) {
        StorageOperationCounter.Counts before = counter.snapshot();
        T result = call.get();
        return new Counted<>(result, counter.snapshot().minus(before));
    }

    private record Counted<T>(T result, StorageOperationCounter.Counts operations) {
    }

    private static CycleRecord plusOne(CycleRecord c) {
        return c.withProgress(0, 1, c.counts());
    }

    @Test
    void updateFromAHeldRecordIsOneWriteAndFromAStaleOneAFailedWriteAReadAndAWrite() {
        CycleRecord created = cycles.create(CycleStoreContract.cycle("c1", T));
        assertNotNull(created.etag(), "a created record comes back with its etag");

        Counted<CycleRecord> held = counted(() -> cycles.update(created, AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(0, 0, 1, 0, 0, 0, 0, 0), held.operations(), "one write, no read");
        assertNotNull(held.result().etag(), "the written record comes back with its new etag");

        Counted<CycleRecord> stale = counted(() -> cycles.update(created, AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(1, 0, 2, 0, 0, 0, 0, 0), stale.operations(),
                "the write refused (412), the record read, the write again");
        assertEquals(2, stale.result().batchesDone(), "applied to the stored record: nothing lost");

        Counted<CycleRecord> byId = counted(() -> cycles.update("c1", AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(1, 0, 1, 0, 0, 0, 0, 0), byId.operations(), "by id: a read and a write");
    }

    @Test
    void completeStepFromAHeldRecordIsOneTransactionAndFromAStaleOneNeverReadsItsMarker() {
        CycleRecord created = cycles.create(CycleStoreContract.cycle("c1", T));

        Counted<Optional<CycleRecord>> held = counted(() -> cycles.completeStep(created, "s1", AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(0, 0, 0, 1, 0, 0, 0, 0), held.operations(), "one transaction, no read");
        CycleRecord after = held.result().orElseThrow();

        Counted<Optional<CycleRecord>> stale = counted(() -> cycles.completeStep(created, "s2", AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(1, 0, 0, 2, 0, 0, 0, 0), stale.operations(),
                "the transaction refused (412), the record read (not the marker), the transaction again");
        assertEquals(2, stale.result().orElseThrow().batchesDone());

        Counted<Optional<CycleRecord>> byId = counted(() -> cycles.completeStep("c1", "s3", AzureCycleStoreOperationsTest::plusOne));
        assertEquals(new StorageOperationCounter.Counts(1, 0, 0, 1, 0, 0, 0, 0), byId.operations(), "by id: a read and a transaction");

        CycleRecord fresh = byId.result().orElseThrow().etag() != null ? byId.result().orElseThrow() : cycles.find("c1").orElseThrow();
        Counted<Optional<CycleRecord>> again = counted(() -> cycles.completeStep(fresh, "s1", AzureCycleStoreOperationsTest::plusOne));
        assertTrue(again.result().isEmpty(), "a step done already is not applied again");
        assertEquals(new StorageOperationCounter.Counts(1, 0, 0, 1, 0, 0, 0, 0), again.operations(),
                "its marker's insert refused (409), then the marker read");
        assertEquals(3, cycles.find("c1").orElseThrow().batchesDone());
        assertNotNull(after);
    }
}
