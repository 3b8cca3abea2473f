package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.github.zendeskprovisioning.engine.ports.StateStores;

import java.net.URI;

/**
 * Every state port over Azure Table Storage and Queue Storage of one account. Tables and queues are named
 * {@code prefix + name} and created on first use. Building the stores contacts nothing.
 */
public final class AzureStateStores {
    private AzureStateStores() {
    }

    /** From {@code AzureWebJobsStorage} (a connection string, or {@code UseDevelopmentStorage=true}). */
    public static StateStores fromConnectionString(String connectionString, String prefix) {
        return over(StorageClients.fromConnectionString(connectionString), prefix);
    }

    /** As above, with a pipeline policy on the Table and on the Queue client (the benchmark's operation counter). */
    public static StateStores fromConnectionString(String connectionString, String prefix, HttpPipelinePolicy tablePolicy,
                                                   HttpPipelinePolicy queuePolicy) {
        return over(StorageClients.fromConnectionString(connectionString, tablePolicy, queuePolicy), prefix);
    }

    /** From {@code AzureWebJobsStorage__accountName} and an identity (managed identity in Azure). */
    public static StateStores fromIdentity(String accountName, TokenCredential credential, String prefix) {
        return over(StorageClients.fromIdentity(accountName, credential), prefix);
    }

    /** From {@code AzureWebJobsStorage__tableServiceUri} and {@code __queueServiceUri} and an identity. */
    public static StateStores fromIdentity(URI tableServiceUri, URI queueServiceUri, TokenCredential credential,
                                           String prefix) {
        return over(StorageClients.fromIdentity(tableServiceUri, queueServiceUri, credential), prefix);
    }

    static StateStores over(StorageClients clients, String prefix) {
        StorageNames names = new StorageNames(prefix);
        Tables tables = new Tables(clients.tables(), names);
        JsonColumns json = new JsonColumns();
        AzureCycleStore cycles = new AzureCycleStore(tables, json);
        return new StateStores(new AzureLinkStore(tables, json), cycles,
                new AzureProvisioningLog(tables, json), new AzureEscrowStore(tables),
                new AzureScopeSnapshotStore(tables), new AzureMessageQueues(clients.queues(), names),
                new AzureProvisionedMembershipStore(tables), new AzureRetention(tables, cycles));
    }
}
