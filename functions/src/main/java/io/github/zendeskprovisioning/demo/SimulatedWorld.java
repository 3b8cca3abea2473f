package io.github.zendeskprovisioning.demo;

import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import io.github.zendeskprovisioning.wiring.Settings;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both simulators, started on 127.0.0.1, and the settings that point the product at them (OAuth client
 * credentials for Zendesk, a fixed token for Graph). For {@code simulators}, {@code demo}, the benchmark and tests.
 */
public final class SimulatedWorld implements AutoCloseable {
    public static final String GRAPH_TOKEN = "simulated-graph-token";

    private final GraphSimulator graph;
    private final ZendeskSimulator zendesk;
    private final String servicePrincipalId;

    private SimulatedWorld(GraphSimulator graph, ZendeskSimulator zendesk, String servicePrincipalId) {
        this.graph = graph;
        this.zendesk = zendesk;
        this.servicePrincipalId = servicePrincipalId;
    }

    /** Starts both simulators with the demo tenant; port 0 picks free ports (Graph listens on zendeskPort + 1 otherwise). */
    public static SimulatedWorld demo(int zendeskPort) {
        ZendeskSimulator zendesk = ZendeskSimulator.seeded();
        GraphSimulator graph = GraphSimulator.withToken(GRAPH_TOKEN);
        String sp = DemoTenant.seed(graph, zendesk);
        return start(graph, zendesk, sp, zendeskPort);
    }

    /** A generated tenant of {@code users} users (deterministic for a seed), for benchmarks. */
    public static SimulatedWorld generated(int users, long seed) {
        ZendeskSimulator zendesk = ZendeskSimulator.seeded();
        GraphSimulator graph = GraphSimulator.withToken(GRAPH_TOKEN);
        String sp = graph.generate(users, seed).servicePrincipalId();
        return start(graph, zendesk, sp, 0);
    }

    private static SimulatedWorld start(GraphSimulator graph, ZendeskSimulator zendesk, String sp, int zendeskPort) {
        zendesk.start(zendeskPort);
        graph.start(zendeskPort == 0 ? 0 : zendeskPort + 1);
        return new SimulatedWorld(graph, zendesk, sp);
    }

    public GraphSimulator graph() {
        return graph;
    }

    public ZendeskSimulator zendesk() {
        return zendesk;
    }

    public String servicePrincipalId() {
        return servicePrincipalId;
    }

    /** The settings of the product, pointed at the simulators (storage left to the caller). */
    public Map<String, String> settingsValues() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(Settings.ZENDESK_BASE_URL, zendesk.baseUrl());
        v.put(Settings.ZENDESK_SUBDOMAIN, "simulated");
        v.put(Settings.ZENDESK_OAUTH_CLIENT_ID, ZendeskSimulator.SEED_OAUTH_CLIENT_ID);
        v.put(Settings.ZENDESK_OAUTH_CLIENT_SECRET, ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET);
        v.put(Settings.GRAPH_BASE_URL, graph.baseUrl());
        v.put(Settings.GRAPH_ACCESS_TOKEN, GRAPH_TOKEN);
        v.put(Settings.SERVICE_PRINCIPAL_ID, servicePrincipalId);
        v.put(Settings.SCOPE, "AssignedOnly");
        return v;
    }

    public Settings settings() {
        return new Settings(settingsValues());
    }

    @Override
    public void close() {
        graph.close();
        zendesk.close();
    }
}
