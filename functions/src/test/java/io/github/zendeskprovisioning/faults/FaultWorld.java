package io.github.zendeskprovisioning.faults;

import io.github.zendeskprovisioning.adapters.entra.GraphCredential;
import io.github.zendeskprovisioning.adapters.entra.GraphEntraSource;
import io.github.zendeskprovisioning.adapters.entra.RetryPolicy;
import io.github.zendeskprovisioning.adapters.zendesk.ZendeskClient;
import io.github.zendeskprovisioning.adapters.zendesk.ZendeskCredentials;
import io.github.zendeskprovisioning.engine.EngineContext;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.settings.ProvisioningSettings;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Both simulators with a {@link FaultTenant}, and the product's engine over the given stores, spoken to by the
 * production clients (ZendeskClient, GraphEntraSource) with the production retry rules but short waits: a read
 * timeout of {@link #READ_TIMEOUT}, so a {@link #SLOW} answer times out, and backoffs of milliseconds. A
 * {@link #sync()} is what the {@code sync} command does: start a cycle (refused in quarantine) and work its queues
 * with four workers to its end.
 */
final class FaultWorld implements AutoCloseable {
    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    /** Longer than {@link #READ_TIMEOUT}: the client gives up while the simulator still applies the write. */
    static final Duration SLOW = Duration.ofMillis(1600);
    static final String GRAPH_TOKEN = "fault-graph-token";

    /** How one {@code sync} ended: its cycle (null when none started) and the start's refusal, if any. */
    record SyncResult(CycleRecord cycle, ProvisioningEngine.StartOutcome start, String message) {
        boolean quarantined() {
            return start == ProvisioningEngine.StartOutcome.QUARANTINED
                    || cycle != null && cycle.status() == io.github.zendeskprovisioning.engine.state.CycleStatus.QUARANTINED;
        }

        @Override
        public String toString() {
            return cycle == null ? start + ": " + message : cycle.status() + " (" + cycle.mode() + ")";
        }
    }

    final FaultTenant tenant;
    final ZendeskSimulator zendesk = ZendeskSimulator.seeded();
    final GraphSimulator graph = GraphSimulator.withToken(GRAPH_TOKEN);
    private final ZendeskClient client;
    private final ProvisioningEngine engine;
    private final List<String> problems = new ArrayList<>();

    FaultWorld(int users, StateStores stores, int zendeskRequestsPerMinute) {
        tenant = FaultTenant.of(users);
        tenant.seed(graph, zendesk);
        zendesk.jobPollsBeforeCompletion(0);
        zendesk.start(0);
        graph.start(0);
        ProvisioningSettings settings = Wiring.engineSettings(new Settings(Map.of(
                Settings.ZENDESK_BASE_URL, zendesk.baseUrl(),
                Settings.GRAPH_BASE_URL, graph.baseUrl(),
                Settings.GRAPH_ACCESS_TOKEN, GRAPH_TOKEN,
                Settings.SERVICE_PRINCIPAL_ID, FaultTenant.SERVICE_PRINCIPAL,
                Settings.SCOPE, "AssignedOnly",
                Settings.MAPPINGS, FaultTenant.MAPPINGS)));
        client = ZendeskClient.builder().baseUrl(zendesk.baseUrl())
                .credentials(ZendeskCredentials.oauthClient(ZendeskSimulator.SEED_OAUTH_CLIENT_ID, ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET))
                .requestsPerMinute(zendeskRequestsPerMinute)
                .retryDelays(Duration.ofMillis(20), Duration.ofMillis(200))
                .jobPolling(Duration.ofMillis(10), Duration.ofSeconds(30))
                .timeouts(Duration.ofSeconds(2), READ_TIMEOUT)
                .build();
        GraphEntraSource entra = GraphEntraSource.builder().baseUrl(graph.baseUrl())
                .credential(GraphCredential.accessToken(GRAPH_TOKEN))
                .retryPolicy(new RetryPolicy(5, Duration.ofMillis(20), Duration.ofSeconds(10)))
                .readTimeout(READ_TIMEOUT)
                .userAttributes(settings.mappings().referencedUserAttributes())
                .build();
        engine = new ProvisioningEngine(new EngineContext(settings, entra, client, stores, ProvisioningObserver.NONE, Clock.systemUTC()));
    }

    SyncResult sync() throws InterruptedException {
        ProvisioningEngine.StartResult started = engine.startCycle(false, false, "cli");
        if (started.cycle() == null || started.outcome() == ProvisioningEngine.StartOutcome.QUARANTINED
                || started.outcome() == ProvisioningEngine.StartOutcome.PAUSED) {
            return new SyncResult(null, started.outcome(), started.message());
        }
        // The visibility timeout the sync command uses: a message is delivered again only after a handler failed.
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 4, problems::add)) {
            return new SyncResult(runner.runToEnd(started.cycle().cycleId(), Duration.ofMinutes(2), c -> { }), started.outcome(), started.message());
        }
    }

    boolean jobQuarantined() {
        return engine.status().job().quarantined();
    }

    ProvisioningEngine engine() {
        return engine;
    }

    /** Queue messages that failed and came back (a fault may cause some; they are reported, not failures). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    /** The provisioning log's entries that are not successes, oldest first, one line each (for failure messages). */
    List<String> notableLogEntries() {
        List<String> out = new ArrayList<>();
        for (var e : engine.logs(io.github.zendeskprovisioning.engine.state.LogQuery.all(), 500, null).entries()) {
            if (e.status() != io.github.zendeskprovisioning.engine.state.ProvisioningStatus.SUCCESS) {
                out.add(0, e.kind() + " " + e.sourceName() + " " + e.action() + " " + e.status() + ": " + e.reason());
            }
        }
        return out;
    }

    ZendeskState state() {
        return ZendeskState.of(zendesk);
    }

    @Override
    public void close() {
        client.close();
        graph.close();
        zendesk.close();
    }
}
