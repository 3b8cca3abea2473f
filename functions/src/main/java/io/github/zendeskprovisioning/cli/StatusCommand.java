package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.reports.CycleReport;
import io.github.zendeskprovisioning.reports.Json;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the job's state, the current or last cycle with its counts, and whether it is in steady state.")
final class StatusCommand extends ProductCommand {
    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    protected int run(Product product) {
        var status = product.engine().status();
        CycleReport report = new CycleReport();
        out.print(json ? new Json().write(report.statusJson(status)) + "\n" : report.status(status));
        return ExitCodes.OK;
    }
}
