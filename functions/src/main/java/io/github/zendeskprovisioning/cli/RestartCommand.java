package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.ProvisioningEngine.RestartScope;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Clears state as Entra's restart does: the watermark (the next cycle is initial), the escrows (objects waiting for a retry),",
                "the quarantine; 'full' also ends the running cycle and empties its queues. Links to Zendesk records are always kept."})
final class RestartCommand extends ProductCommand {
    @Option(names = "--scope", split = ",", paramLabel = "SCOPE", description = "watermark, escrows, quarantine, full (default: watermark,escrows,quarantine).")
    List<String> scope;

    private final Set<RestartScope> scopes = EnumSet.noneOf(RestartScope.class);

    @Override
    protected void validate() {
        if (scope == null || scope.isEmpty()) {
            scopes.addAll(List.of(RestartScope.WATERMARK, RestartScope.ESCROWS, RestartScope.QUARANTINE));
            return;
        }
        for (String s : scope) {
            try {
                scopes.add(RestartScope.parse(s));
            } catch (IllegalArgumentException e) {
                throw invalid("--scope", s, "is not one of watermark, escrows, quarantine, full");
            }
        }
    }

    @Override
    protected int run(Product product) {
        var job = product.engine().restart(scopes, requester());
        out.println("restarted " + scopes.stream().map(s -> s.name().toLowerCase()).sorted().toList()
                + "; the next cycle is " + (job.watermark().exists() ? "incremental" : "initial"));
        return ExitCodes.OK;
    }
}
