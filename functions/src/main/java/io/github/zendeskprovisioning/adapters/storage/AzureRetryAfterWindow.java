package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableEntityUpdateMode;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;

/**
 * A service's Retry-After window for every instance of the app: one row of the {@code RetryAfter} table (partition
 * {@code window}, row key the service's host and port) holding the instant before which nothing may be sent. A
 * writer keeps the later of the stored and its own instant, with the row's ETag so that two instances writing at
 * once cannot shorten each other's window. Read through a {@code PolledWindow}, not on every request.
 */
public final class AzureRetryAfterWindow implements RetryAfterWindow {
    static final String TABLE = "RetryAfter";
    private static final String PARTITION = "window";
    private static final String OPEN_AT = "OpenAtEpochMillis";
    private static final int WRITE_ATTEMPTS = 5;

    private final Tables tables;
    private final String rowKey;

    private AzureRetryAfterWindow(StorageClients clients, String prefix, URI service) {
        this.tables = new Tables(clients.tables(), new StorageNames(prefix));
        String host = service.getHost() == null ? "unknown" : service.getHost().toLowerCase(Locale.ROOT);
        // Row keys may not hold '/', '\', '#' or '?'; a host name and port never do.
        this.rowKey = host + ":" + (service.getPort() == -1 ? ("http".equalsIgnoreCase(service.getScheme()) ? 80 : 443) : service.getPort());
    }

    /** From {@code AzureWebJobsStorage} (a connection string, or {@code UseDevelopmentStorage=true}). */
    public static AzureRetryAfterWindow fromConnectionString(String connectionString, String prefix, URI service) {
        return new AzureRetryAfterWindow(StorageClients.fromConnectionString(connectionString), prefix, service);
    }

    /** From {@code AzureWebJobsStorage__accountName} and an identity. */
    public static AzureRetryAfterWindow fromIdentity(String accountName, TokenCredential credential, String prefix, URI service) {
        return new AzureRetryAfterWindow(StorageClients.fromIdentity(accountName, credential), prefix, service);
    }

    /** From {@code AzureWebJobsStorage__tableServiceUri} (and the queue URI, which is not used here) and an identity. */
    public static AzureRetryAfterWindow fromIdentity(URI tableServiceUri, URI queueServiceUri, TokenCredential credential,
                                                     String prefix, URI service) {
        return new AzureRetryAfterWindow(StorageClients.fromIdentity(tableServiceUri, queueServiceUri, credential), prefix, service);
    }

    @Override
    public Instant openAt() {
        TableEntity row = row();
        return row == null ? Instant.EPOCH : stored(row);
    }

    @Override
    public void closeUntil(Instant until) {
        TableClient table = tables.table(TABLE);
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            TableEntity row = row();
            if (row != null && !stored(row).isBefore(until)) {
                return;
            }
            TableEntity next = new TableEntity(PARTITION, rowKey).addProperty(OPEN_AT, until.toEpochMilli());
            try {
                if (row == null) {
                    table.createEntity(next);
                } else {
                    table.updateEntityWithResponse(EntityColumns.withEtag(next, row.getETag()), TableEntityUpdateMode.REPLACE, true, null, null);
                }
                return;
            } catch (TableServiceException e) {
                int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
                // 409: another instance created the row first; 412: it changed since we read it. Read again.
                if (status != 409 && status != 412) {
                    throw new StorageAccessException("writing the shared Retry-After window", e);
                }
            }
        }
    }

    private TableEntity row() {
        try {
            return tables.table(TABLE).getEntity(PARTITION, rowKey);
        } catch (TableServiceException e) {
            if (e.getValue() != null && e.getValue().getErrorCode() == TableErrorCode.RESOURCE_NOT_FOUND
                    || e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw new StorageAccessException("reading the shared Retry-After window", e);
        }
    }

    private static Instant stored(TableEntity row) {
        Object value = row.getProperty(OPEN_AT);
        return value instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : Instant.EPOCH;
    }
}
