package io.github.zendeskprovisioning.benchmarks;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.cycle.RequestMeter;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Measures, against the simulators, an initial cycle, a cycle with no change and one with a small change,
 * for a generated tenant: Zendesk requests (total, per provisioned user), Graph requests, wall time and peak
 * heap. It prints figures; it asserts nothing (speed is never a test here).
 */
public final class ProvisioningBenchmark {
    private final PrintStream out;

    public ProvisioningBenchmark(PrintStream out) {
        this.out = out;
    }

    public record Figures(String cycle, long objects, long zendeskRequests, long zendeskWrites, long graphRequests,
                          double seconds, long peakHeapMb, String status) {
    }

    public List<Figures> run(int users, int changes, long seed) throws InterruptedException {
        out.printf("Generating a tenant of %,d users (seed %d)...%n", users, seed);
        try (SimulatedWorld world = SimulatedWorld.generated(users, seed)) {
            world.zendesk().jobPollsBeforeCompletion(1).rateLimitPerMinute(1_000_000);
            Map<String, String> values = new LinkedHashMap<>(world.settingsValues());
            values.put(Settings.ZENDESK_REQUESTS_PER_MINUTE, "1000000");
            StateStores stores = InMemoryStateStores.create();
            try (Product product = Wiring.build(new Settings(values), stores, ProvisioningObserver.NONE)) {
                world.zendesk().clearRequestLog();
                Figures initial = cycle(product.engine(), "initial", true);
                Map<String, Long> endpoints = new java.util.TreeMap<>();
                world.zendesk().requestLog().forEach(r -> endpoints.merge(r.method() + " "
                        + r.path().replaceAll("/[0-9a-f]{16,}|/\\d+", "/{id}"), 1L, Long::sum));
                int provisioned = (int) world.zendesk().users().stream().filter(u -> u.externalId() != null).count();
                Figures quiet = cycle(product.engine(), "no change", false);
                List<SimulatedUser> linked = world.zendesk().users().stream().filter(u -> u.externalId() != null).limit(changes).toList();
                for (SimulatedUser u : linked) world.graph().updateUser(u.externalId(), Map.of("displayName", u.name() + " (renamed)"));
                Figures small = cycle(product.engine(), changes + " users changed", false);
                List<Figures> all = List.of(initial, quiet, small);
                print(users, provisioned, all);
                out.println();
                out.println("Zendesk requests of the initial cycle by endpoint (as the simulator received them):");
                endpoints.forEach((k, v) -> out.printf("  %,7d  %s%n", v, k));
                return all;
            }
        }
    }

    private Figures cycle(ProvisioningEngine engine, String label, boolean initial) throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        AtomicLong peak = new AtomicLong(memory.getHeapMemoryUsage().getUsed());
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long start = System.nanoTime();
        ProvisioningEngine.StartResult started = engine.startCycle(initial, false, "benchmark");
        CycleRecord end = new CycleRunner(engine, Duration.ofSeconds(60), 5, 4, p -> out.println("  ! " + p))
                .runToEnd(started.cycle().cycleId(), Duration.ofHours(2), c -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        sampler.interrupt();
        sampler.join();
        return new Figures(label, end.count("processed"), end.count(RequestMeter.ZENDESK_REQUESTS), end.count(RequestMeter.ZENDESK_WRITES),
                end.count(RequestMeter.GRAPH_REQUESTS), seconds, peak.get() / (1024 * 1024), end.status().name().toLowerCase());
    }

    private void print(int users, int provisioned, List<Figures> all) {
        out.println();
        out.printf("Tenant: %,d Entra users, %,d provisioned into Zendesk (the rest are out of scope).%n", users, provisioned);
        out.printf("%-22s %10s %10s %10s %12s %8s %9s %10s %9s%n", "cycle", "objects", "zendesk", "writes", "per user", "graph", "seconds", "peak heap", "status");
        for (Figures f : all) {
            out.printf("%-22s %,10d %,10d %,10d %12.3f %,8d %9.1f %7d MB %9s%n", f.cycle(), f.objects(), f.zendeskRequests(), f.zendeskWrites(),
                    provisioned == 0 ? 0.0 : (double) f.zendeskRequests() / provisioned, f.graphRequests(), f.seconds(), f.peakHeapMb(), f.status());
        }
        out.println("(zendesk = all Zendesk requests of the cycle, writes = those that changed something; per user = zendesk / provisioned users)");
    }
}
