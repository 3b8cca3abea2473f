package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measures an initial, a no-change and a small-change cycle against the simulators for a generated tenant, and prints the figures.")
final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--users", defaultValue = "10000", description = "Users in the generated tenant (default ${DEFAULT-VALUE}).")
    int users;

    @Option(names = "--changes", defaultValue = "100", description = "Users changed before the third cycle (default ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated tenant (default ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        new ProvisioningBenchmark(System.out).run(users, changes, seed);
        return ExitCodes.OK;
    }
}
