package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = {"Runs one provisioning cycle to its end in this process (incremental when a watermark exists, else initial).",
                "Exit codes: 0 completed (per-object failures are logged), 2 configuration or credentials wrong,",
                "3 held (quarantine, or deletions over PROVISIONING_DELETE_THRESHOLD), 1 anything else."})
final class SyncCommand extends ProductCommand {
    @Option(names = "--initial", description = "Ignore the watermark: re-evaluate every user and group.")
    boolean initial;

    @Option(names = "--dry-run", description = "Compute and log every action; write nothing to Zendesk.")
    boolean dryRun;

    @Override
    protected int run(Product product) throws InterruptedException {
        return new SyncRun(out, err).run(product, initial, dryRun);
    }
}
