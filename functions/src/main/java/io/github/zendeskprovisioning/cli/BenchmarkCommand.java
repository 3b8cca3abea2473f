package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.benchmarks.AzuriteUnavailableException;
import io.github.zendeskprovisioning.benchmarks.BenchmarkOptions;
import io.github.zendeskprovisioning.benchmarks.BenchmarkReport;
import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Measures an initial, a no-change and a small-change cycle for a generated tenant, run as in Azure:"
                + " Azurite storage (started here unless --storage is given), four instances working the real queues, a"
                + " simulated Zendesk with its rate limit and job durations, and part of the tenant already in Zendesk."
                + " Prints requests by endpoint, storage operations by kind, wall time against the rate-limit floor, and heap."})
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "10000", description = "Users in the generated tenant (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--changes", defaultValue = "100", description = "Users changed before the third cycle (default ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated tenant (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pre-existing", defaultValue = "30", paramLabel = "PERCENT",
            description = "Percent of the tenant already in Zendesk, made by hand (default ${DEFAULT-VALUE}).")
    double preExistingPercent;

    @Option(names = "--storage", paramLabel = "CONNECTION_STRING",
            description = "Use this storage account (tables and queues get a fresh prefix) instead of starting Azurite.")
    String storage;

    @Option(names = "--in-memory", description = "In-memory stores, no rate limit, instant jobs: the old quick run"
            + " (--rate-limit and --job-* still apply when given).")
    boolean inMemory;

    @Option(names = "--instances", defaultValue = "4", description = "Product instances side by side (default ${DEFAULT-VALUE}, Azure's cap).")
    int instances;

    @Option(names = "--workers", defaultValue = "4", description = "Work messages each instance handles at once, as host.json's queues.batchSize (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--rate-limit", paramLabel = "PER_MINUTE", description = "Zendesk requests a minute (default 700; off with --in-memory).")
    Integer rateLimit;

    @Option(names = "--job-base-ms", paramLabel = "MS", description = "Time every Zendesk job takes (default 1000; 0 with --in-memory).")
    Long jobBaseMs;

    @Option(names = "--job-item-ms", paramLabel = "MS", description = "Time a Zendesk job takes per item (default 50; 0 with --in-memory).")
    Long jobItemMs;

    @Option(names = "--json", description = "Print the figures as JSON (progress goes to standard error).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        if (users < 1) throw UsageErrors.invalid(spec, "--users", String.valueOf(users), "must be 1 or more");
        if (changes < 0 || changes > users) {
            throw UsageErrors.invalid(spec, "--changes", String.valueOf(changes), "must be from 0 to --users (" + users + ")");
        }
        if (preExistingPercent < 0 || preExistingPercent > 100) {
            throw UsageErrors.invalid(spec, "--pre-existing", String.valueOf(preExistingPercent), "must be a percentage from 0 to 100");
        }
        if (instances < 1 || instances > 32) throw UsageErrors.invalid(spec, "--instances", String.valueOf(instances), "must be from 1 to 32");
        if (workers < 1 || workers > 32) throw UsageErrors.invalid(spec, "--workers", String.valueOf(workers), "must be from 1 to 32");
        if (rateLimit != null && rateLimit < 10) throw UsageErrors.invalid(spec, "--rate-limit", String.valueOf(rateLimit), "must be 10 or more");
        if (jobBaseMs != null && jobBaseMs < 0) throw UsageErrors.invalid(spec, "--job-base-ms", String.valueOf(jobBaseMs), "must be 0 or more");
        if (jobItemMs != null && jobItemMs < 0) throw UsageErrors.invalid(spec, "--job-item-ms", String.valueOf(jobItemMs), "must be 0 or more");
        if (inMemory && storage != null) throw UsageErrors.invalid(spec, "--storage", "(a connection string)", "cannot be given with --in-memory");
        if (storage != null && storage.isBlank()) throw UsageErrors.invalid(spec, "--storage", storage, "must be a connection string");

        BenchmarkOptions options = BenchmarkOptions.productionLike(users, changes, seed)
                .withPreExisting(preExistingPercent / 100).withWorkers(instances, workers);
        if (inMemory) {
            options = options.withStorage(BenchmarkOptions.Storage.IN_MEMORY, null)
                    .withZendesk(BenchmarkOptions.UNLIMITED, Duration.ZERO, Duration.ZERO);
        } else if (storage != null) {
            options = options.withStorage(BenchmarkOptions.Storage.CONNECTION_STRING, storage);
        }
        options = options.withZendesk(rateLimit != null ? rateLimit : options.rateLimit(),
                jobBaseMs != null ? Duration.ofMillis(jobBaseMs) : options.jobBase(),
                jobItemMs != null ? Duration.ofMillis(jobItemMs) : options.jobPerItem());
        PrintStream progress = json ? System.err : System.out;
        ProvisioningBenchmark.Result result;
        try {
            result = new ProvisioningBenchmark(progress).run(options);
        } catch (AzuriteUnavailableException e) {
            // Already says what to do (install it, or give --storage or --in-memory): no stack trace over it.
            spec.commandLine().getErr().println("benchmark: " + e.getMessage());
            return ExitCodes.CONFIGURATION;
        }
        BenchmarkReport report = new BenchmarkReport(result);
        if (json) System.out.println(report.json());
        else report.printText(System.out);
        return ExitCodes.OK;
    }
}
