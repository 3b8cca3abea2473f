package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.api.Inputs;
import io.github.zendeskprovisioning.engine.state.LogPage;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.reports.Json;
import io.github.zendeskprovisioning.reports.LogReport;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Shows provisioning log entries, newest first.")
final class LogsCommand extends ProductCommand {
    @Option(names = "--cycle", paramLabel = "ID", description = "Only this cycle.")
    String cycle;
    @Option(names = "--status", description = "Success, Failure, Skipped or Warning.")
    String status;
    @Option(names = "--action", description = "Create, Update, Disable, Enable, Delete, Skip, StagedDelete or OperatorAction.")
    String action;
    @Option(names = "--object", paramLabel = "ID", description = "Only this Entra object id.")
    String object;
    private static final int MAX_TOP = 100_000;

    @Option(names = "--top", defaultValue = "100", description = "At most this many entries (default ${DEFAULT-VALUE}).")
    int top;
    @Option(names = "--json", description = "Print JSON.")
    boolean json;
    @Option(names = "--csv", description = "Print CSV.")
    boolean csv;

    private ProvisioningStatus statusFilter;
    private ProvisioningAction actionFilter;

    @Override
    protected void validate() {
        if (json && csv) throw invalid("--csv", "true", "cannot go with --json: choose one output");
        if (top < 1 || top > MAX_TOP) throw invalid("--top", String.valueOf(top), "must be a whole number from 1 to " + MAX_TOP);
        if (object != null && !Inputs.isObjectId(object.trim())) throw invalid("--object", object, "is not an Entra object id (a GUID)");
        try {
            statusFilter = status == null ? null : ProvisioningStatus.fromLabel(status.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("--status", status, "is not one of Success, Failure, Skipped, Warning");
        }
        try {
            actionFilter = action == null ? null : ProvisioningAction.fromLabel(action.trim());
        } catch (IllegalArgumentException e) {
            throw invalid("--action", action, "is not one of Create, Update, Disable, Enable, Delete, Skip, StagedDelete, OperatorAction");
        }
    }

    @Override
    protected int run(Product product) {
        LogQuery query = new LogQuery(cycle, object == null ? null : object.trim(), statusFilter, actionFilter);
        List<ProvisioningLogEntry> entries = new ArrayList<>();
        String token = null;
        do {
            LogPage page = product.engine().logs(query, Math.min(1000, top - entries.size()), token);
            entries.addAll(page.entries());
            token = page.continuationToken();
        } while (token != null && entries.size() < top);
        LogReport report = new LogReport();
        if (csv) out.print(report.csv(entries, true));
        else if (json) out.println(new Json().write(report.json(entries)));
        else out.print(report.table(entries));
        return ExitCodes.OK;
    }
}
