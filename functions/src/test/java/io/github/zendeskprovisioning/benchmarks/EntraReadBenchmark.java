package io.github.zendeskprovisioning.benchmarks;

import io.github.zendeskprovisioning.adapters.entra.GraphCredential;
import io.github.zendeskprovisioning.adapters.entra.GraphEntraSource;
import io.github.zendeskprovisioning.engine.directory.Page;
import io.github.zendeskprovisioning.engine.directory.UserChange;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures a full users/delta round through {@link GraphEntraSource} against the Graph simulator: a generated
 * tenant of 100,000 users (change it with the first argument), read page by page as the engine reads it, then
 * an incremental round after 1,000 users changed (partial items completed through $batch). Prints users read,
 * pages, Graph requests, wall time, and heap: used heap is sampled after every page (garbage included), and
 * after a GC every 50 pages to show what the read retains. Both are given above the baseline taken after the
 * tenant was generated (simulator and tenant live in the same JVM, so they are in the baseline). Not a test:
 * it asserts nothing.
 *
 * <p>Run it from the repository root:
 * <pre>
 * mvn -B -o -q -pl engine,simulators install -DskipTests
 * mvn -B -o -q -pl functions test-compile exec:java -DskipTests \
 *     -Dexec.mainClass=io.github.zendeskprovisioning.benchmarks.EntraReadBenchmark -Dexec.classpathScope=test
 * </pre>
 * ({@code -DskipTests} only skips the Azurite install; the test classes are still compiled.)
 */
public final class EntraReadBenchmark {
    private static final String TOKEN = "benchmark-token";
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private EntraReadBenchmark() {
    }

    public static void main(String[] args) {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        try (GraphSimulator graph = GraphSimulator.withToken(TOKEN).start()) {
            long generateStart = System.nanoTime();
            graph.generate(users, 20_240_501L);
            System.out.printf(Locale.ROOT, "generated %,d users in %,d ms%n", users, millisSince(generateStart));
            GraphEntraSource source = GraphEntraSource.create(graph.baseUrl(), GraphCredential.accessToken(TOKEN));

            System.gc();
            long baseline = usedHeap();
            Result full = readRound(source, null, baseline);
            print("full round", full, baseline);

            List<String> changed = full.sampleIds();
            changed.forEach(id -> graph.updateUser(id, Map.of("department", "Benchmarked")));
            System.gc();
            long incrementalBaseline = usedHeap();
            Result incremental = readRound(source, full.deltaToken(), incrementalBaseline);
            print("incremental round (" + changed.size() + " users changed)", incremental, incrementalBaseline);
        }
    }

    record Result(long users, int pages, long requests, long millis, long peakHeap, long retainedPeakHeap,
                  String deltaToken, List<String> sampleIds) {
    }

    private static Result readRound(GraphEntraSource source, String token, long baseline) {
        long requestsBefore = source.requestCount();
        long start = System.nanoTime();
        long peak = baseline;
        long read = 0;
        long seen = 0;
        long retainedPeak = baseline;
        long measuring = 0;
        int pages = 0;
        List<String> sample = new ArrayList<>();
        Page<UserChange> page = null;
        String next = token;
        do {
            page = source.userChanges(next);
            pages++;
            read += page.items().size();
            // Keep every 100th id to change for the incremental round; nothing else of a page is held.
            for (UserChange c : page.items()) {
                if (seen++ % 100 == 0 && sample.size() < 1_000) sample.add(c.id());
            }
            peak = Math.max(peak, usedHeap());
            if (pages % 50 == 0) {
                // Used heap includes garbage not yet collected; after a GC it shows what the read really keeps.
                long gcStart = System.nanoTime();
                System.gc();
                retainedPeak = Math.max(retainedPeak, usedHeap());
                measuring += System.nanoTime() - gcStart;
            }
            next = page.nextPageToken();
        } while (!page.last());
        // Wall time of the read itself: the benchmark's own GC calls are taken out.
        long millis = (System.nanoTime() - start - measuring) / 1_000_000;
        System.gc();
        retainedPeak = Math.max(retainedPeak, usedHeap());
        return new Result(read, pages, source.requestCount() - requestsBefore, millis, peak, retainedPeak,
                page.deltaToken(), sample);
    }

    private static void print(String what, Result r, long baseline) {
        System.out.printf(Locale.ROOT, "%s: users read %,d, pages %,d, Graph requests %,d, wall time %,d ms (%,d users/s)%n"
                        + "  heap: baseline %,d MiB, peak used %,d MiB (+%,d MiB, garbage included), "
                        + "peak after GC %,d MiB (+%,d MiB retained)%n",
                what, r.users(), r.pages(), r.requests(), r.millis(), r.millis() == 0 ? 0 : r.users() * 1000 / r.millis(),
                mib(baseline), mib(r.peakHeap()), mib(r.peakHeap() - baseline),
                mib(r.retainedPeakHeap()), mib(r.retainedPeakHeap() - baseline));
    }

    private static long usedHeap() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static long mib(long bytes) {
        return bytes / (1024 * 1024);
    }

    private static long millisSince(long nanoStart) {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}
