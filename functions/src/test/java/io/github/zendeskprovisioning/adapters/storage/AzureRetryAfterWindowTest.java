package io.github.zendeskprovisioning.adapters.storage;

import io.github.zendeskprovisioning.testing.AzuriteExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The app-wide Retry-After row on Azurite: what one instance writes, every instance reads, and only longer. */
@ExtendWith(AzuriteExtension.class)
class AzureRetryAfterWindowTest {
    private static final URI ZENDESK = URI.create("https://my-tenant.zendesk.com");
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");

    @Test
    void aWindowOneInstanceWritesIsReadByAnotherAndNeverShortened(AzuriteExtension.Azurite azurite) throws Exception {
        String prefix = azurite.uniquePrefix();
        AzureRetryAfterWindow one = AzureRetryAfterWindow.fromConnectionString(azurite.connectionString(), prefix, ZENDESK);
        AzureRetryAfterWindow other = AzureRetryAfterWindow.fromConnectionString(azurite.connectionString(), prefix, ZENDESK);
        assertEquals(Instant.EPOCH, other.openAt());

        ExecutorService instances = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                Instant until = T.plusSeconds(i * 10L);
                AzureRetryAfterWindow writer = i % 2 == 0 ? one : other;
                writes.add(instances.submit(() -> writer.closeUntil(until)));
            }
            for (Future<?> w : writes) w.get();
        } finally {
            instances.shutdownNow();
        }
        one.closeUntil(T);

        assertEquals(T.plusSeconds(80), other.openAt(), "the longest window wins, whatever the order of writes");
        assertEquals(Instant.EPOCH, AzureRetryAfterWindow.fromConnectionString(azurite.connectionString(), prefix,
                URI.create("https://other.zendesk.com")).openAt(), "one row per service host");
    }
}
