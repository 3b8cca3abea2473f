package io.github.zendeskprovisioning.wiring;

import java.net.URI;
import java.util.Locale;

/**
 * The storage account the settings name, decided once. The identity-based settings win over a connection
 * string when both are present: Azure sets only the identity-based ones, so a connection string beside them
 * can only be a leftover (a copied local.settings.json, a stale environment) and must not send the app to
 * Azurite.
 */
public sealed interface StorageTarget {

    /** {@code AzureWebJobsStorage__tableServiceUri} and {@code __queueServiceUri}, reached with the managed identity. */
    record ServiceUris(URI tableServiceUri, URI queueServiceUri) implements StorageTarget {
    }

    /** {@code AzureWebJobsStorage__accountName}: the account's public endpoints, reached with the managed identity. */
    record AccountName(String accountName) implements StorageTarget {
    }

    /** {@code AzureWebJobsStorage}: a connection string, {@code UseDevelopmentStorage=true} for Azurite. */
    record ConnectionString(String value) implements StorageTarget {
        public boolean developmentStorage() {
            return value.replace(" ", "").toLowerCase(Locale.ROOT).equals("usedevelopmentstorage=true");
        }

        @Override
        public String toString() {
            // The connection string may hold an account key.
            return "ConnectionString[" + (developmentStorage() ? value : "(hidden)") + "]";
        }
    }

    static StorageTarget of(Settings settings) {
        if (settings.has(Settings.STORAGE_TABLE_URI) && settings.has(Settings.STORAGE_QUEUE_URI)) {
            return new ServiceUris(uri(settings, Settings.STORAGE_TABLE_URI), uri(settings, Settings.STORAGE_QUEUE_URI));
        }
        if (settings.has(Settings.STORAGE_ACCOUNT)) return new AccountName(settings.get(Settings.STORAGE_ACCOUNT));
        if (settings.has(Settings.STORAGE)) return new ConnectionString(settings.get(Settings.STORAGE));
        throw new SettingsException(Settings.STORAGE + " is not set (use UseDevelopmentStorage=true for Azurite, or "
                + Settings.STORAGE_ACCOUNT + " with a managed identity in Azure)");
    }

    private static URI uri(Settings settings, String name) {
        String value = settings.get(name);
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new SettingsException(name + " is not a URL: '" + Settings.cut(value) + "'");
        }
    }
}
