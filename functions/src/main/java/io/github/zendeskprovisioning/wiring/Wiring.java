package io.github.zendeskprovisioning.wiring;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.zendeskprovisioning.adapters.entra.GraphCredential;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the settings once and builds the adapters behind the engine's ports: Azure Storage (connection
 * string or managed identity), the Zendesk client (OAuth client credentials, a fixed bearer token, or an
 * API token), and the Graph reader (a fixed token, or DefaultAzureCredential).
 */
public final class Wiring {
    private Wiring() {
    }

    /** The app (Functions host, command line): Zendesk's Retry-After reaches every instance through storage. */
    public static Product build(Settings settings) {
        return build(settings, storage(settings), new TelemetryProvisioningObserver(), ServiceGates::forApp);
    }

    /** With given stores (the demo's in-memory ones, a test's Azurite prefix) and observer. */
    public static Product build(Settings settings, StateStores stores, ProvisioningObserver observer) {
        return build(settings, stores, observer, ServiceGates::forHost);
    }

    private static Product build(Settings settings, StateStores stores, ProvisioningObserver observer,
                                 Function<Settings, ServiceGates> gatesFor) {
        List<String> problems = settings.problems();
        if (!problems.isEmpty()) throw new SettingsException(String.join("; ", problems));
        ProvisioningSettings engineSettings = engineSettings(settings);
        // One gate per service for the whole process: every client built here shares it.
        ServiceGates gates = gatesFor.apply(settings);
        ZendeskClient zendesk = zendesk(settings, gates.zendesk());
        GraphEntraSource entra = graph(settings, gates.graph());
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(zendesk::close);
        ProvisioningEngine engine = new ProvisioningEngine(new EngineContext(engineSettings, entra, zendesk, stores, observer, Clock.systemUTC()));
        return new Product(settings, engine, stores, resources);
    }

    public static ProvisioningSettings engineSettings(Settings settings) {
        return new ProvisioningSettings(settings.get(Settings.SERVICE_PRINCIPAL_ID), ScopeMode.fromSetting(settings.get(Settings.SCOPE)),
                mappings(settings.get(Settings.MAPPINGS)), settings.deleteThreshold(), settings.dryRun());
    }

    static MappingConfiguration mappings(String value) {
        if (value == null) return MappingConfiguration.defaults();
        if (value.trim().startsWith("{")) return MappingConfiguration.parse(value);
        Path file = Path.of(value);
        if (!Files.isRegularFile(file)) throw new SettingsException(Settings.MAPPINGS + " names no file and is not inline JSON: " + value);
        try {
            return MappingConfiguration.parse(Files.readString(file));
        } catch (IOException e) {
            throw new SettingsException(Settings.MAPPINGS + " file " + file + " cannot be read: " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(e.getMessage() + " (in " + file + ")");
        }
    }

    public static StateStores storage(Settings settings) {
        String connection = settings.get(Settings.STORAGE);
        if (connection != null) {
            try {
                return AzureStateStores.fromConnectionString(connection, "");
            } catch (RuntimeException e) {
                throw new SettingsException(Settings.STORAGE + " is not a usable storage connection string ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        var credential = new DefaultAzureCredentialBuilder().build();
        if (settings.has(Settings.STORAGE_TABLE_URI) && settings.has(Settings.STORAGE_QUEUE_URI)) {
            return AzureStateStores.fromIdentity(URI.create(settings.get(Settings.STORAGE_TABLE_URI)),
                    URI.create(settings.get(Settings.STORAGE_QUEUE_URI)), credential, "");
        }
        if (settings.has(Settings.STORAGE_ACCOUNT)) {
            return AzureStateStores.fromIdentity(settings.get(Settings.STORAGE_ACCOUNT), credential, "");
        }
        throw new SettingsException(Settings.STORAGE + " is not set (use UseDevelopmentStorage=true for Azurite, or "
                + Settings.STORAGE_ACCOUNT + " with a managed identity in Azure)");
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

    public static GraphEntraSource graph(Settings settings) {
        return graph(settings, ServiceGates.forHost(settings).graph());
    }

    static GraphEntraSource graph(Settings settings, RetryAfterWindow window) {
        String baseUrl = settings.has(Settings.GRAPH_BASE_URL) ? settings.get(Settings.GRAPH_BASE_URL) : GraphEntraSource.DEFAULT_BASE_URL;
        GraphCredential credential = settings.has(Settings.GRAPH_ACCESS_TOKEN)
                ? GraphCredential.accessToken(settings.get(Settings.GRAPH_ACCESS_TOKEN))
                : GraphCredential.tokenCredential(new DefaultAzureCredentialBuilder().build());
        return GraphEntraSource.builder().baseUrl(baseUrl).credential(credential).retryAfterWindow(window).build();
    }
}
