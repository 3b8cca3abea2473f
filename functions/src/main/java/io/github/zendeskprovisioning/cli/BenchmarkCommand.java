package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.benchmarks.ProvisioningBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (users < 1) throw UsageErrors.invalid(spec, "--users", String.valueOf(users), "must be 1 or more");
        if (changes < 0 || changes > users) {
            throw UsageErrors.invalid(spec, "--changes", String.valueOf(changes), "must be from 0 to --users (" + users + ")");
        }
        new ProvisioningBenchmark(System.out).run(users, changes, seed);
        return ExitCodes.OK;
    }
}
