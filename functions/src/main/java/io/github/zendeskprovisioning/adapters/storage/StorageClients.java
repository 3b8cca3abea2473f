package io.github.zendeskprovisioning.adapters.storage;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.TableServiceClientBuilder;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.azure.storage.queue.QueueServiceClientBuilder;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Table and Queue service clients of one storage account, built from the Functions host's settings:
 * a connection string ({@code AzureWebJobsStorage}, {@code UseDevelopmentStorage=true} included) or an
 * identity with the account name or the two service URIs. Building contacts nothing. Queue bodies are
 * base64, as the Functions queue trigger expects.
 */
record StorageClients(TableServiceClient tables, QueueServiceClient queues) {
    private static final Pattern ACCOUNT = Pattern.compile("[a-z0-9]{3,24}");
    /** Azurite's well-known development account; its key is published in Microsoft's documentation. */
    private static final String DEVELOPMENT_STORAGE = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;"
            + "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;"
            + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    static StorageClients fromConnectionString(String connectionString) {
        return fromConnectionString(connectionString, null, null);
    }

    /**
     * With an extra pipeline policy on the Table and on the Queue client (null for none): the benchmark counts
     * the storage operations the product sends this way.
     */
    static StorageClients fromConnectionString(String connectionString, HttpPipelinePolicy tablePolicy,
                                               HttpPipelinePolicy queuePolicy) {
        if (connectionString == null || connectionString.isBlank()) {
            throw new IllegalArgumentException("the storage connection string is empty");
        }
        String cs = connectionString.trim().replace(" ", "").equalsIgnoreCase("UseDevelopmentStorage=true")
                ? DEVELOPMENT_STORAGE : connectionString.trim();
        try {
            TableServiceClientBuilder tables = new TableServiceClientBuilder().connectionString(cs);
            QueueServiceClientBuilder queues = new QueueServiceClientBuilder().connectionString(cs)
                    .messageEncoding(QueueMessageEncoding.BASE64);
            if (tablePolicy != null) tables.addPolicy(tablePolicy);
            if (queuePolicy != null) queues.addPolicy(queuePolicy);
            return new StorageClients(tables.buildClient(), queues.buildClient());
        } catch (RuntimeException e) {
            // The SDK's message may quote the connection string, key included: say what is wrong without it.
            throw new IllegalArgumentException("the storage connection string is not valid: expected"
                    + " 'DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...' (optionally with"
                    + " TableEndpoint/QueueEndpoint) or 'UseDevelopmentStorage=true'");
        }
    }

    /** {@code AzureWebJobsStorage__accountName}: the account's public endpoints, reached with an identity. */
    static StorageClients fromIdentity(String accountName, TokenCredential credential) {
        if (accountName == null || !ACCOUNT.matcher(accountName).matches()) {
            throw new IllegalArgumentException("storage account name '" + accountName
                    + "' is not valid: 3 to 24 lower-case letters and digits");
        }
        return fromIdentity(URI.create("https://" + accountName + ".table.core.windows.net"),
                URI.create("https://" + accountName + ".queue.core.windows.net"), credential);
    }

    /** {@code AzureWebJobsStorage__tableServiceUri} and {@code __queueServiceUri}, reached with an identity. */
    static StorageClients fromIdentity(URI tableServiceUri, URI queueServiceUri, TokenCredential credential) {
        Objects.requireNonNull(credential, "credential");
        String tableUri = serviceUri(tableServiceUri, "table");
        String queueUri = serviceUri(queueServiceUri, "queue");
        TableServiceClient tables = new TableServiceClientBuilder().endpoint(tableUri).credential(credential).buildClient();
        QueueServiceClient queues = new QueueServiceClientBuilder().endpoint(queueUri).credential(credential)
                .messageEncoding(QueueMessageEncoding.BASE64).buildClient();
        return new StorageClients(tables, queues);
    }

    private static String serviceUri(URI uri, String service) {
        if (uri == null || !uri.isAbsolute() || uri.getHost() == null || uri.getRawQuery() != null
                || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))
                && !("http".equals(uri.getScheme()) && isLoopback(uri.getHost()))) {
            throw new IllegalArgumentException("the " + service + " service URI must be an https URL without a query"
                    + " (http only for 127.0.0.1/localhost), such as https://myaccount." + service + ".core.windows.net");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]");
    }
}
