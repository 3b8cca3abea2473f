package io.github.zendeskprovisioning.benchmarks;

import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark.CycleFigures;
import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark.Result;
import io.github.zendeskprovisioning.reports.Json;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/** The benchmark's figures for a terminal (tables of fixed-width columns) or as JSON. */
public final class BenchmarkReport {
    private final Result result;

    public BenchmarkReport(Result result) {
        this.result = result;
    }

    /** Seconds the rate limit alone needs for the cycle's requests: requests ÷ limit a minute. */
    public static double rateFloorSeconds(CycleFigures f, BenchmarkOptions o) {
        return o.limited() ? f.zendeskRequests() * 60.0 / o.rateLimit() : 0;
    }

    /** Seconds the simulated jobs need when every worker waits on one at a time: job time ÷ workers. */
    public static double jobFloorSeconds(CycleFigures f, BenchmarkOptions o) {
        return f.jobSeconds() / (o.instances() * o.workers());
    }

    public void printText(PrintStream out) {
        BenchmarkOptions o = result.options();
        List<CycleFigures> cycles = result.cycles();
        out.println();
        out.printf("Tenant: %,d Entra users, %,d provisioned into Zendesk; %,d were already there, made by hand "
                + "(%,d with the e-mail in another letter case). Zendesk holds %,d groups at the end.%n", result.tenantUsers(),
                result.provisioned(), result.preExisting(), result.preExistingOtherCase(), result.zendeskGroups());
        out.printf("Run: %s storage, %d instance(s) x %d worker(s), Zendesk limit %s, jobs %.2f s + %.3f s per item.%n",
                switch (o.storage()) {
                    case AZURITE -> "Azurite";
                    case CONNECTION_STRING -> "given";
                    case IN_MEMORY -> "in-memory";
                }, o.instances(), o.workers(), o.limited() ? String.format("%,d a minute (429 + Retry-After over it)", o.rateLimit()) : "off",
                o.jobBase().toMillis() / 1000.0, o.jobPerItem().toMillis() / 1000.0);
        out.println();
        out.printf("%-12s %-10s %8s %9s %8s %9s %6s %6s %9s %9s %8s %8s %8s %7s%n", "cycle", "status", "objects", "wall s",
                "zendesk", "per user", "429s", "graph", "table ops", "per user", "queue", "floor s", "wall/fl", "heap MB peak/live/base/product");
        for (CycleFigures f : cycles) {
            double floor = Math.max(rateFloorSeconds(f, o), jobFloorSeconds(f, o));
            out.printf("%-12s %-10s %,8d %9.1f %,8d %9.4f %,6d %,6d %9s %9s %8s %8.1f %8s %8s%n", f.cycle(), f.status(), f.objects(),
                    f.seconds(), f.zendeskRequests(), perUser(f.zendeskRequests(), f), f.zendeskThrottled(), f.graphRequests(),
                    f.storage() == null ? "-" : String.format("%,d", f.storage().tableOperations()),
                    f.storage() == null ? "-" : String.format("%.3f", perUser(f.storage().tableOperations(), f)),
                    f.storage() == null ? "-" : String.format("%,d", f.storage().queueSends()),
                    floor, floor == 0 ? "-" : String.format("%.1f", f.seconds() / floor), f.peakHeapMb() + "/" + f.liveHeapMb() + "/" + f.baseHeapMb() + "/" + productLiveHeapMb(f));
        }
        out.println("per user: of the users provisioned (initial, no change) or changed; queue: messages sent;");
        out.println("floor: the larger of requests / rate limit and simulated job time / workers; 429s are not in zendesk;");
        out.println("heap: the JVM's (simulators included) peak in use while the cycle ran / most in use after a garbage");
        out.println("collection while it ran / in use after a full GC before it (simulators, tenant, what the instances keep) /");
        out.println("the product's share: after GC minus what the simulators hold at the end.");
        out.printf("The simulators hold %,d MB: the heap in use after a full GC once the cycles ran and the instances were closed%s.%n",
                result.simulatorsHeapMb(), o.storage() == BenchmarkOptions.Storage.IN_MEMORY ? " (the in-memory stores included)" : "");
        out.println();
        out.println("Zendesk requests by endpoint (429 answers not included):");
        TreeSet<String> endpoints = new TreeSet<>();
        cycles.forEach(c -> endpoints.addAll(c.zendeskByEndpoint().keySet()));
        table(out, "endpoint", 48, endpoints.stream().toList(), e -> c -> c.zendeskByEndpoint().getOrDefault(e, 0L));
        if (cycles.stream().allMatch(c -> c.storage() != null)) {
            out.println();
            out.println("Storage operations by kind:");
            Map<String, Function<StorageOperationCounter.Counts, Long>> kinds = new LinkedHashMap<>();
            kinds.put("table read (point)", StorageOperationCounter.Counts::reads);
            kinds.put("table query (page)", StorageOperationCounter.Counts::queries);
            kinds.put("table write", StorageOperationCounter.Counts::writes);
            kinds.put("table transaction", StorageOperationCounter.Counts::transactions);
            kinds.put("queue message sent", StorageOperationCounter.Counts::queueSends);
            kinds.put("queue receive", StorageOperationCounter.Counts::queueReceives);
            kinds.put("queue delete", StorageOperationCounter.Counts::queueDeletes);
            kinds.put("queue other", StorageOperationCounter.Counts::queueOther);
            table(out, "kind", 24, List.copyOf(kinds.keySet()), k -> c -> kinds.get(k).apply(c.storage()));
        }
    }

    /**
     * The product's share of the live heap: after-GC heap while the cycle ran minus the simulators' heap at the end
     * (at least zero); an estimate, since the simulated Zendesk grows during an initial cycle.
     */
    private long productLiveHeapMb(CycleFigures f) {
        return Math.max(0, f.liveHeapMb() - result.simulatorsHeapMb());
    }

    private static double perUser(long count, CycleFigures f) {
        return f.perUserBase() == 0 ? 0 : (double) count / f.perUserBase();
    }

    private void table(PrintStream out, String title, int width, List<String> rows,
                       Function<String, Function<CycleFigures, Long>> value) {
        StringBuilder head = new StringBuilder(String.format("  %-" + width + "s", title));
        result.cycles().forEach(c -> head.append(String.format(" %12s", c.cycle())));
        out.println(head);
        for (String row : rows) {
            StringBuilder line = new StringBuilder(String.format("  %-" + width + "s", row));
            result.cycles().forEach(c -> line.append(String.format(" %,12d", value.apply(row).apply(c))));
            out.println(line);
        }
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        BenchmarkOptions o = result.options();
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("users", o.users());
        options.put("changes", o.changes());
        options.put("seed", o.seed());
        options.put("preExistingShare", o.preExisting());
        options.put("storage", o.storage().name().toLowerCase());
        options.put("instances", o.instances());
        options.put("workersPerInstance", o.workers());
        options.put("rateLimitPerMinute", o.limited() ? o.rateLimit() : null);
        options.put("jobBaseMs", o.jobBase().toMillis());
        options.put("jobPerItemMs", o.jobPerItem().toMillis());
        root.put("options", options);
        root.put("tenantUsers", result.tenantUsers());
        root.put("provisioned", result.provisioned());
        root.put("preExisting", result.preExisting());
        root.put("preExistingOtherCase", result.preExistingOtherCase());
        root.put("zendeskGroups", result.zendeskGroups());
        root.put("simulatorsHeapMb", result.simulatorsHeapMb());
        root.put("cycles", result.cycles().stream().map(f -> {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cycle", f.cycle());
            c.put("status", f.status());
            c.put("objects", f.objects());
            c.put("wallSeconds", f.seconds());
            c.put("zendeskRequests", f.zendeskRequests());
            c.put("zendeskRequestsPerUser", perUser(f.zendeskRequests(), f));
            c.put("zendeskThrottled", f.zendeskThrottled());
            c.put("zendeskByEndpoint", f.zendeskByEndpoint());
            c.put("zendeskWrites", f.zendeskWrites());
            c.put("graphRequests", f.graphRequests());
            if (f.storage() != null) {
                c.put("storage", f.storage());
                c.put("tableOperations", f.storage().tableOperations());
                c.put("tableOperationsPerUser", perUser(f.storage().tableOperations(), f));
            }
            c.put("simulatedJobSeconds", f.jobSeconds());
            c.put("rateLimitFloorSeconds", rateFloorSeconds(f, o));
            c.put("jobFloorSeconds", jobFloorSeconds(f, o));
            c.put("peakHeapMb", f.peakHeapMb());
            c.put("liveHeapMb", f.liveHeapMb());
            c.put("baseHeapMb", f.baseHeapMb());
            c.put("productLiveHeapMb", productLiveHeapMb(f));
            return c;
        }).toList());
        return new Json().write(root);
    }
}
