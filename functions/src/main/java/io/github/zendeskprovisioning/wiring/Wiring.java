package io.github.zendeskprovisioning.wiring;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.zendeskprovisioning.adapters.entra.GraphCredential;
import io.github.zendeskprovisioning.adapters.entra.GraphDirectorySearch;
import io.github.zendeskprovisioning.adapters.entra.GraphEntraSource;
import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.adapters.zendesk.RateLimitGate;
import io.github.zendeskprovisioning.adapters.zendesk.ZendeskClient;
import io.github.zendeskprovisioning.adapters.zendesk.ZendeskCredentials;
import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.settings.ScopeMode;
import io.github.zendeskprovisioning.telemetry.TelemetryProvisioningObserver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the settings once and builds the adapters behind the engine's ports: Azure Storage (managed identity,
 * else a connection string: {@link StorageTarget}), the Zendesk client (OAuth client credentials, a fixed bearer token, or an
 * API token), and the Graph reader (a fixed token, or DefaultAzureCredential).
 */
public final class Wiring {
    private Wiring() {
    }

    /** The app (Functions host, command line): Zendesk's Retry-After reaches every instance through storage. */
    public static Product build(Settings settings) {
        // Settings first: a wrong setting is reported as such even when the storage is not reachable either.
        requireUsable(settings);
        return build(settings, storage(settings), new TelemetryProvisioningObserver(), ServiceGates::forApp);
    }

    /** With given stores (the demo's in-memory ones, a test's Azurite prefix) and observer. */
    public static Product build(Settings settings, StateStores stores, ProvisioningObserver observer) {
        return build(settings, stores, observer, ServiceGates::forHost);
    }

    private static Product build(Settings settings, StateStores stores, ProvisioningObserver observer,
                                 Function<Settings, ServiceGates> gatesFor) {
        requireUsable(settings);
        ProvisioningSettings engineSettings = engineSettings(settings);
        // One gate per service for the whole process: every client built here shares it.
        ServiceGates gates = gatesFor.apply(settings);
        ZendeskClient zendesk = zendesk(settings, gates.zendesk());
        GraphEntraSource entra = graph(settings, engineSettings.mappings(), gates.graph());
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(zendesk::close);
        ProvisioningEngine engine = new ProvisioningEngine(new EngineContext(engineSettings, entra, zendesk, stores, observer, Clock.systemUTC()));
        return new Product(settings, engine, stores, resources);
    }

    private static void requireUsable(Settings settings) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) throw new SettingsException(String.join("; ", problems));
    }

    public static ProvisioningSettings engineSettings(Settings settings) {
        return new ProvisioningSettings(settings.get(Settings.SERVICE_PRINCIPAL_ID), ScopeMode.fromSetting(settings.get(Settings.SCOPE)),
                mappings(settings.get(Settings.MAPPINGS)), settings.deleteThreshold(), settings.dryRun());
    }

    /**
     * The mapping configuration of PROVISIONING_MAPPINGS (inline JSON or a file), else the defaults. A bad one is
     * a settings error naming each problem (JSON pointer, mapping, position), so every command stops with exit
     * 2 and every HTTP call with the settings error, before anything is written.
     */
    public static MappingConfiguration mappings(String value) {
        if (value == null) return MappingConfiguration.defaults();
        try {
            return MappingConfiguration.parse(mappingsText(value));
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage() + (isInline(value) ? "" : " (in " + value + ")"));
        }
    }

    /** The JSON PROVISIONING_MAPPINGS holds or names. */
    public static String mappingsText(String value) {
        if (isInline(value)) return value;
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) throw new SettingsException(Settings.MAPPINGS + " names no file and is not inline JSON: " + value);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SettingsException(Settings.MAPPINGS + " file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static boolean isInline(String value) {
        return value.trim().startsWith("{");
    }

    public static StateStores storage(Settings settings) {
        return storage(StorageTarget.of(settings));
    }

    static StateStores storage(StorageTarget target) {
        if (target instanceof StorageTarget.ServiceUris uris) {
            return AzureStateStores.fromIdentity(uris.tableServiceUri(), uris.queueServiceUri(), new DefaultAzureCredentialBuilder().build(), "");
        }
        if (target instanceof StorageTarget.AccountName account) {
            return AzureStateStores.fromIdentity(account.accountName(), new DefaultAzureCredentialBuilder().build(), "");
        }
        StorageTarget.ConnectionString connection = (StorageTarget.ConnectionString) target;
        if (connection.developmentStorage()) AzuriteCheck.requireRunning();
        try {
            return AzureStateStores.fromConnectionString(connection.value(), "");
        } catch (RuntimeException e) {
            throw new SettingsException(Settings.STORAGE + " is not a usable storage connection string ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    public static ZendeskClient zendesk(Settings settings) {
        return zendesk(settings, ServiceGates.forHost(settings).zendesk());
    }

    static ZendeskClient zendesk(Settings settings, RateLimitGate gate) {
        ZendeskClient.Builder b = ZendeskClient.builder().rateLimitGate(gate);
        if (settings.has(Settings.ZENDESK_BASE_URL)) b.baseUrl(settings.get(Settings.ZENDESK_BASE_URL));
        else b.subdomain(settings.get(Settings.ZENDESK_SUBDOMAIN));
        // OAuth first: API tokens stop working on 2027-04-30.
        if (settings.has(Settings.ZENDESK_OAUTH_CLIENT_ID)) {
            b.credentials(ZendeskCredentials.oauthClient(settings.get(Settings.ZENDESK_OAUTH_CLIENT_ID), settings.get(Settings.ZENDESK_OAUTH_CLIENT_SECRET)));
        } else if (settings.has(Settings.ZENDESK_OAUTH_ACCESS_TOKEN)) {
            b.credentials(ZendeskCredentials.bearerToken(settings.get(Settings.ZENDESK_OAUTH_ACCESS_TOKEN)));
        } else {
            b.credentials(ZendeskCredentials.apiToken(settings.get(Settings.ZENDESK_EMAIL), settings.get(Settings.ZENDESK_API_TOKEN)));
        }
        return b.build();
    }

    /** The console's search of Entra by name or mail, with the Graph reader's base URL and credential. */
    public static GraphDirectorySearch directorySearch(Settings settings) {
        String baseUrl = settings.has(Settings.GRAPH_BASE_URL) ? settings.get(Settings.GRAPH_BASE_URL) : GraphEntraSource.DEFAULT_BASE_URL;
        return new GraphDirectorySearch(baseUrl, settings.has(Settings.GRAPH_ACCESS_TOKEN)
                ? GraphCredential.accessToken(settings.get(Settings.GRAPH_ACCESS_TOKEN))
                : GraphCredential.tokenCredential(new DefaultAzureCredentialBuilder().build()),
                ServiceGates.forHost(settings).graph());
    }

    public static GraphEntraSource graph(Settings settings) {
        return graph(settings, mappings(settings.get(Settings.MAPPINGS)));
    }

    /** Reads exactly the user attributes the mapping configuration refers to, and what the engine needs. */
    public static GraphEntraSource graph(Settings settings, MappingConfiguration mappings) {
        return graph(settings, mappings, ServiceGates.forHost(settings).graph());
    }

    static GraphEntraSource graph(Settings settings, MappingConfiguration mappings, RetryAfterWindow window) {
        String baseUrl = settings.has(Settings.GRAPH_BASE_URL) ? settings.get(Settings.GRAPH_BASE_URL) : GraphEntraSource.DEFAULT_BASE_URL;
        GraphCredential credential = settings.has(Settings.GRAPH_ACCESS_TOKEN)
                ? GraphCredential.accessToken(settings.get(Settings.GRAPH_ACCESS_TOKEN))
                : GraphCredential.tokenCredential(new DefaultAzureCredentialBuilder().build());
        return GraphEntraSource.builder().baseUrl(baseUrl).credential(credential).retryAfterWindow(window)
                .userAttributes(mappings.referencedUserAttributes()).build();
    }
}
