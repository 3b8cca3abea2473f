package io.github.zendeskprovisioning.benchmarks;

import io.github.zendeskprovisioning.adapters.storage.AzureStateStores;
import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.cycle.RequestMeter;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Measures, against the simulators, an initial cycle, a cycle with no change and one with a small change, for a
 * generated tenant, run as in Azure: {@code instances} products side by side, each with its own clients and
 * stores and {@code workers} queue workers, over one storage account (Azurite, a given one, or in memory), a
 * Zendesk with its rate limit and job durations, and part of the tenant already in Zendesk. It counts Zendesk
 * requests by endpoint, Graph requests, storage operations by kind, queue messages, wall time and peak heap. It
 * asserts nothing: speed is never a test; the request-count test asserts counts from its {@link Result}.
 */
public final class ProvisioningBenchmark {
    private static final Pattern ID_SEGMENT = Pattern.compile("/(?:[0-9a-f]{16,}|\\d+)(?=/|$)");
    private static final Duration CYCLE_TIMEOUT = Duration.ofHours(3);

    private final PrintStream progress;

    /** @param progress where to say what it is doing (the figures are returned, and printed by {@link BenchmarkReport}) */
    public ProvisioningBenchmark(PrintStream progress) {
        this.progress = progress;
    }

    /** One cycle's figures. {@code storage} is null on in-memory storage (nothing to count). */
    public record CycleFigures(String cycle, String status, long objects, long perUserBase, double seconds,
                               Map<String, Long> zendeskByEndpoint, long zendeskThrottled, long zendeskWrites,
                               long graphRequests, StorageOperationCounter.Counts storage, double jobSeconds,
                               long peakHeapMb, long liveHeapMb, long baseHeapMb) {
        public long zendeskRequests() {
            return zendeskByEndpoint.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * {@code zendeskGroups}: groups in Zendesk at the end, to be compared with the tenant's groups in scope.
     * {@code simulatorsHeapMb}: the heap in use after a full GC once the cycles ran and the instances were closed
     * and dropped: what the simulators (and, on in-memory storage, the stores) hold, not the product.
     */
    public record Result(BenchmarkOptions options, int tenantUsers, int provisioned, int preExisting, int preExistingOtherCase,
                         int zendeskGroups, List<CycleFigures> cycles, long simulatorsHeapMb) {
    }

    /** What the cycles give, before the simulators' own heap is measured. */
    private record Cycles(int provisioned, List<CycleFigures> figures) {
    }

    public Result run(BenchmarkOptions options) throws InterruptedException, IOException {
        progress.printf("Generating a tenant of %,d users (seed %d)...%n", options.users(), options.seed());
        try (SimulatedWorld world = SimulatedWorld.generated(options.users(), options.seed());
             Storage storage = Storage.open(options, progress)) {
            PreExistingUsers.Seeded seeded = new PreExistingUsers().seed(world, options.preExisting(), options.seed());
            progress.printf("%,d of them already in Zendesk, made by hand (%,d with the e-mail in another letter case).%n",
                    seeded.users(), seeded.otherCase());
            world.zendesk().jobPollsBeforeCompletion(0).rateLimitPerMinute(options.rateLimit())
                    .jobDuration(options.jobBase(), options.jobPerItem());
            Cycles cycles = runCycles(world, storage, options);
            // The instances are closed and unreachable here, so what a full GC leaves is the simulators' state.
            long simulatorsHeapMb = liveHeapAfterFullGcMb();
            return new Result(options, options.users(), cycles.provisioned(), seeded.users(), seeded.otherCase(),
                    world.zendesk().groups().size(), cycles.figures(), simulatorsHeapMb);
        }
    }

    private Cycles runCycles(SimulatedWorld world, Storage storage, BenchmarkOptions options) throws InterruptedException {
        Map<String, String> values = new LinkedHashMap<>(world.settingsValues());
        values.put(Settings.ZENDESK_REQUESTS_PER_MINUTE, String.valueOf(options.rateLimit()));
        // Each instance paces itself to its share of the limit, as in Azure (ServiceGates).
        values.put(Settings.MAX_INSTANCES, String.valueOf(options.instances()));
        Settings settings = new Settings(values);
        List<Product> products = new ArrayList<>();
        try {
            for (int i = 0; i < options.instances(); i++) {
                products.add(Wiring.build(settings, storage.stores(), ProvisioningObserver.NONE));
            }
            Instances instances = new Instances(products, storage.observer(), options.workers(), progress);
            List<CycleFigures> cycles = new ArrayList<>();
            cycles.add(cycle(world, storage, instances, "initial", true, 0));
            int provisioned = (int) world.zendesk().users().stream().filter(u -> u.externalId() != null).count();
            cycles.set(0, withBase(cycles.get(0), provisioned));
            cycles.add(cycle(world, storage, instances, "no change", false, provisioned));
            List<SimulatedUser> linked = world.zendesk().users().stream().filter(u -> u.externalId() != null)
                    .limit(options.changes()).toList();
            for (SimulatedUser u : linked) {
                world.graph().updateUser(u.externalId(), Map.of("displayName", u.name() + " (renamed)"));
            }
            cycles.add(cycle(world, storage, instances, linked.size() + " changed", false, linked.size()));
            return new Cycles(provisioned, List.copyOf(cycles));
        } finally {
            products.forEach(Product::close);
        }
    }

    /** Heap in use after a full GC, in MB. */
    private static long liveHeapAfterFullGcMb() {
        return heapAfterFullGc() / (1024 * 1024);
    }

    /** Heap in use after a full GC, in bytes (System.gc() is a full collection on the JVM's default collectors). */
    private static long heapAfterFullGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static CycleFigures withBase(CycleFigures f, long base) {
        return new CycleFigures(f.cycle(), f.status(), f.objects(), base, f.seconds(), f.zendeskByEndpoint(), f.zendeskThrottled(),
                f.zendeskWrites(), f.graphRequests(), f.storage(), f.jobSeconds(), f.peakHeapMb(), f.liveHeapMb(), f.baseHeapMb());
    }

    private CycleFigures cycle(SimulatedWorld world, Storage storage, Instances instances, String label, boolean initial,
                               long perUserBase) throws InterruptedException {
        progress.printf("Cycle \"%s\"...%n", label);
        int logFrom = world.zendesk().requestLog().size();
        Duration jobTimeBefore = world.zendesk().queuedJobTime();
        StorageOperationCounter.Counts storageBefore = storage.counts();
        HeapPeak heap = HeapPeak.start();
        long start = System.nanoTime();
        CycleRecord end = instances.runCycle(initial);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stop();
        List<LoggedRequest> log = world.zendesk().requestLog();
        Map<String, Long> endpoints = new TreeMap<>();
        long throttled = 0;
        for (LoggedRequest r : log.subList(logFrom, log.size())) {
            if (r.status() == 429) {
                throttled++;
            } else {
                endpoints.merge(endpoint(r), 1L, Long::sum);
            }
        }
        StorageOperationCounter.Counts counts = storage.counted() ? storage.counts().minus(storageBefore) : null;
        double jobSeconds = world.zendesk().queuedJobTime().minus(jobTimeBefore).toMillis() / 1000.0;
        return new CycleFigures(label, end.status().name().toLowerCase(), end.count("processed"), perUserBase, seconds,
                endpoints, throttled, end.count(RequestMeter.ZENDESK_WRITES), end.count(RequestMeter.GRAPH_REQUESTS),
                counts, jobSeconds, peak, heap.live(), heap.base());
    }

    /** {@code PUT /api/v2/users/123.json?x=1} becomes {@code PUT /api/v2/users/{id}}. */
    static String endpoint(LoggedRequest r) {
        String path = r.path();
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        if (path.endsWith(".json")) path = path.substring(0, path.length() - 5);
        return r.method() + " " + ID_SEGMENT.matcher(path).replaceAll("/{id}");
    }

    /** The product's storage for every instance, an uncounted view to watch the cycle by, and the counter. */
    private static final class Storage implements AutoCloseable {
        private final AzuriteServer azurite;
        private final StorageOperationCounter counter;
        private final StateStores inMemory;
        private final String connectionString;
        private final String prefix;

        private Storage(AzuriteServer azurite, StorageOperationCounter counter, StateStores inMemory, String connectionString) {
            this.azurite = azurite;
            this.counter = counter;
            this.inMemory = inMemory;
            this.connectionString = connectionString;
            // Tables and queues of their own, so a given storage account's other contents are never touched.
            this.prefix = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        }

        static Storage open(BenchmarkOptions options, PrintStream progress) {
            return switch (options.storage()) {
                case IN_MEMORY -> new Storage(null, null, InMemoryStateStores.create(), null);
                case CONNECTION_STRING -> new Storage(null, new StorageOperationCounter(), null, options.connectionString());
                case AZURITE -> {
                    progress.println("Starting Azurite (in memory, on free ports)...");
                    AzuriteServer server = AzuriteServer.start();
                    yield new Storage(server, new StorageOperationCounter(), null, server.connectionString());
                }
            };
        }

        boolean counted() {
            return counter != null;
        }

        StorageOperationCounter.Counts counts() {
            return counter == null ? StorageOperationCounter.Counts.NONE : counter.snapshot();
        }

        /** What one instance uses: its own clients in Azure, every operation counted. */
        StateStores stores() {
            return inMemory != null ? inMemory
                    : AzureStateStores.fromConnectionString(connectionString, prefix, counter.tables(), counter.queues());
        }

        /** The benchmark's own reads of the cycle: not the product's, so not counted. */
        StateStores observer() {
            return inMemory != null ? inMemory : AzureStateStores.fromConnectionString(connectionString, prefix);
        }

        @Override
        public void close() {
            if (azurite != null) azurite.close();
        }
    }

    /** The instances' queue workers, pumping the real queues as the Functions host would, until the cycle ends. */
    private static final class Instances {
        private static final long MAX_IDLE_POLL_MS = 1_000;
        private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
        private final List<Product> products;
        private final StateStores observer;
        private final int workers;
        private final PrintStream progress;

        Instances(List<Product> products, StateStores observer, int workers, PrintStream progress) {
            this.products = products;
            this.observer = observer;
            this.workers = workers;
            this.progress = progress;
        }

        CycleRecord runCycle(boolean initial) throws InterruptedException {
            ProvisioningEngine first = products.get(0).engine();
            ProvisioningEngine.StartResult started = first.startCycle(initial, false, "benchmark");
            if (started.cycle() == null) throw new IllegalStateException("the cycle did not start: " + started.message());
            String cycleId = started.cycle().cycleId();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> threads = new ArrayList<>();
            List<CycleRunner> runners = new ArrayList<>();
            for (int i = 0; i < products.size(); i++) {
                CycleRunner runner = CycleRunner.asFunctionsHost(products.get(i).engine(), Duration.ofSeconds(30), 5, workers,
                        p -> progress.println("  ! " + p));
                runners.add(runner);
                Thread t = new Thread(() -> pump(runner, stop), "benchmark-instance-" + runners.size());
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            Instant deadline = Instant.now().plus(CYCLE_TIMEOUT);
            Instant nextReport = Instant.now().plus(PROGRESS_EVERY);
            try {
                while (true) {
                    CycleRecord cycle = observer.cycles().find(cycleId).orElseThrow();
                    if (cycle.finishedAt() != null) break;
                    if (Instant.now().isAfter(nextReport)) {
                        progress.printf("  %s: %s, %,d of %,d work batches done, %,d objects processed%n",
                                Duration.between(cycle.startedAt(), Instant.now()).toSeconds() + " s", cycle.phase(),
                                cycle.batchesDone(), cycle.batchesEnqueued(), cycle.count("processed"));
                        nextReport = Instant.now().plus(PROGRESS_EVERY);
                    }
                    if (Instant.now().isAfter(deadline)) {
                        first.failCycle(cycleId, "did not finish within " + CYCLE_TIMEOUT.toMinutes() + " minutes in the benchmark");
                        break;
                    }
                    Thread.sleep(200);
                }
            } finally {
                stop.set(true);
                for (Thread t : threads) t.join();
                runners.forEach(CycleRunner::close);
            }
            return observer.cycles().find(cycleId).orElseThrow();
        }

        /** Polls faster while there is work and backs off to a second when idle, like the host's queue listener. */
        private static void pump(CycleRunner runner, AtomicBoolean stop) {
            long idle = 20;
            try {
                while (!stop.get()) {
                    if (runner.pumpOnce() > 0) {
                        idle = 20;
                        continue;
                    }
                    Thread.sleep(idle);
                    idle = Math.min(MAX_IDLE_POLL_MS, idle * 2);
                }
                while (runner.busy()) Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The most heap in use while a cycle runs, sampled every 20 ms (after a GC at the start). */
    private static final class HeapPeak {
        private final AtomicLong peak;
        private final long base;
        private final Thread sampler;

        /** The most heap in use right after a garbage collection: what the JVM could not free, garbage aside. */
        private final AtomicLong live;
        private final javax.management.NotificationListener afterGc;

        private HeapPeak(AtomicLong peak, Thread sampler) {
            this.peak = peak;
            this.base = peak.get();
            this.sampler = sampler;
            this.live = new AtomicLong(base);
            java.util.Set<String> heapPools = new java.util.HashSet<>();
            for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == java.lang.management.MemoryType.HEAP) heapPools.add(pool.getName());
            }
            this.afterGc = (notification, handback) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) return;
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) notification.getUserData());
                long used = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                live.accumulateAndGet(used, Math::max);
            };
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) emitter.addNotificationListener(afterGc, null, null);
            }
        }

        /** The most heap in use after any garbage collection while the cycle ran (at least the base). */
        long live() {
            return live.get() / (1024 * 1024);
        }

        /** In use after a full GC at the start: the simulators, the tenant they hold, and what the instances keep. */
        long base() {
            return base / (1024 * 1024);
        }

        static HeapPeak start() {
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            AtomicLong peak = new AtomicLong(heapAfterFullGc());
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
            return new HeapPeak(peak, sampler);
        }

        long stop() throws InterruptedException {
            sampler.interrupt();
            sampler.join();
            for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    try {
                        emitter.removeNotificationListener(afterGc);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // Never added to this one.
                    }
                }
            }
            return peak.get() / (1024 * 1024);
        }
    }
}
