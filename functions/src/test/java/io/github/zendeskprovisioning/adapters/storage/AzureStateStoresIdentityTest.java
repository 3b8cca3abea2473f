package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.credential.TokenCredential;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Identity-based settings build clients for the account's endpoints, contacting nothing. */
class AzureStateStoresIdentityTest {
    /** A credential that fails the test if anything asks it for a token (that would mean a request). */
    private static final TokenCredential NEVER_ASKED = request -> Mono.error(new AssertionError("a token was requested"));

    @Test
    void anAccountNameMeansTheTableAndQueueCoreEndpoints() {
        StorageClients clients = StorageClients.fromIdentity("zdprov01", NEVER_ASKED);
        assertEquals("https://zdprov01.table.core.windows.net", clients.tables().getServiceEndpoint());
        assertEquals("https://zdprov01.queue.core.windows.net", clients.queues().getQueueServiceUrl());
        assertNotNull(AzureStateStores.fromIdentity("zdprov01", NEVER_ASKED, "").queues());
    }

    @Test
    void explicitServiceUrisAreUsedAsGiven() {
        StorageClients clients = StorageClients.fromIdentity(URI.create("https://zdprov01.table.core.windows.net/"),
                URI.create("https://zdprov01.queue.core.windows.net"), NEVER_ASKED);
        assertEquals("https://zdprov01.table.core.windows.net", clients.tables().getServiceEndpoint());
        assertEquals("https://zdprov01.queue.core.windows.net", clients.queues().getQueueServiceUrl());
        assertNotNull(AzureStateStores.fromIdentity(URI.create("https://zdprov01.table.core.windows.net"),
                URI.create("https://zdprov01.queue.core.windows.net"), NEVER_ASKED, "Test1").links());
    }

    @Test
    void badAccountNamesAndUrisAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> StorageClients.fromIdentity("Bad_Name", NEVER_ASKED));
        assertThrows(IllegalArgumentException.class, () -> StorageClients.fromIdentity("evil.com/x", NEVER_ASKED));
        assertThrows(IllegalArgumentException.class, () -> StorageClients.fromIdentity(
                URI.create("http://zdprov01.table.core.windows.net"), URI.create("https://q.example"), NEVER_ASKED));
        assertThrows(IllegalArgumentException.class, () -> StorageClients.fromIdentity(
                URI.create("https://t.example?sig=secret"), URI.create("https://q.example"), NEVER_ASKED));
    }
}
