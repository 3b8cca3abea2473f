package io.github.zendeskprovisioning.wiring;

import com.azure.identity.DefaultAzureCredentialBuilder;
import io.github.zendeskprovisioning.adapters.entra.GraphEntraSource;
import io.github.zendeskprovisioning.adapters.retryafter.HostFileWindow;
import io.github.zendeskprovisioning.adapters.retryafter.PolledWindow;
import io.github.zendeskprovisioning.adapters.retryafter.RetryAfterWindow;
import io.github.zendeskprovisioning.adapters.storage.AzureRetryAfterWindow;
import io.github.zendeskprovisioning.adapters.zendesk.RateLimitGate;
import io.github.zendeskprovisioning.adapters.zendesk.ZendeskSubdomain;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * What one process shares between all its clients of a service, built once per process by {@link Wiring}: the
 * Zendesk gate (this instance's share of {@code ZENDESK_REQUESTS_PER_MINUTE}, and the Retry-After window) and
 * Graph's Retry-After window. Windows reach this host's other processes through a file named by the service's
 * host; for the app in Azure, Zendesk's also reaches every instance through a Table Storage row, read at most
 * every {@link #APP_WINDOW_REFRESH} and at once after a 429.
 *
 * <p>The budget is divided, not shared through storage: each instance paces itself to
 * {@code ZENDESK_REQUESTS_PER_MINUTE / PROVISIONING_MAX_INSTANCES}. That holds the whole app under the limit
 * with no storage call per request and nothing to go wrong when storage is slow; the cost is that one instance
 * alone uses only its share, which is ample (a cycle sends bulk calls of 100 records each).
 */
public record ServiceGates(RateLimitGate zendesk, RetryAfterWindow graph) {
    static final Duration APP_WINDOW_REFRESH = Duration.ofSeconds(10);

    /** For a process on its own (demo, tests, tools): windows shared by this process's threads and this host's processes. */
    public static ServiceGates forHost(Settings settings) {
        return build(settings, null);
    }

    /** For the app (Functions host, command line): Zendesk's window also reaches every instance through storage. */
    public static ServiceGates forApp(Settings settings) {
        URI zendesk = zendeskUrl(settings);
        return build(settings, new PolledWindow(appWideWindow(settings, zendesk), Clock.systemUTC(), APP_WINDOW_REFRESH));
    }

    /** This instance's share of the account's budget: never the whole of it when the app may run scaled out. */
    static int instanceShare(Settings settings) {
        return Math.max(1, settings.requestsPerMinute() / settings.maxInstances());
    }

    private static ServiceGates build(Settings settings, RetryAfterWindow appWide) {
        URI zendesk = zendeskUrl(settings);
        RetryAfterWindow host = HostFileWindow.forService(zendesk);
        RetryAfterWindow zendeskWindow = appWide == null ? host : RetryAfterWindow.layered(host, appWide);
        URI graph = URI.create(settings.has(Settings.GRAPH_BASE_URL) ? settings.get(Settings.GRAPH_BASE_URL)
                : GraphEntraSource.DEFAULT_BASE_URL);
        return new ServiceGates(new RateLimitGate(Clock.systemUTC(), instanceShare(settings), zendeskWindow),
                HostFileWindow.forService(graph));
    }

    private static URI zendeskUrl(Settings settings) {
        return URI.create(settings.has(Settings.ZENDESK_BASE_URL) ? settings.get(Settings.ZENDESK_BASE_URL)
                : ZendeskSubdomain.of(settings.get(Settings.ZENDESK_SUBDOMAIN)).baseUrl());
    }

    /** The row in the same storage account the product's tables live in, reached the same way ({@link StorageTarget}). */
    private static RetryAfterWindow appWideWindow(Settings settings, URI zendesk) {
        StorageTarget target = StorageTarget.of(settings);
        if (target instanceof StorageTarget.ConnectionString connection) {
            return AzureRetryAfterWindow.fromConnectionString(connection.value(), "", zendesk);
        }
        var credential = new DefaultAzureCredentialBuilder().build();
        if (target instanceof StorageTarget.ServiceUris uris) {
            return AzureRetryAfterWindow.fromIdentity(uris.tableServiceUri(), uris.queueServiceUri(), credential, "", zendesk);
        }
        return AzureRetryAfterWindow.fromIdentity(((StorageTarget.AccountName) target).accountName(), credential, "", zendesk);
    }
}
