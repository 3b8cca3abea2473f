package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.ConnectionTest;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;

@Command(name = "test-connection", mixinStandardHelpOptions = true,
        description = "Checks the Zendesk credentials and admin rights, Microsoft Graph access, and the state storage. Exit 0 when all is well, 2 otherwise.")
final class TestConnectionCommand extends ProductCommand {
    @Override
    protected int run(Product product) {
        ConnectionTest.Result r = product.testConnection();
        for (ConnectionTest.Check c : r.checks()) {
            out.printf("%-8s %-4s %s%n", c.name(), c.ok() ? "ok" : "FAIL", c.message());
        }
        return r.ok() ? ExitCodes.OK : ExitCodes.CONFIGURATION;
    }
}
