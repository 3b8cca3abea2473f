package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;

@Command(name = "pause", mixinStandardHelpOptions = true, description = "Stops timer cycles until resume (a running cycle finishes).")
final class PauseCommand extends ProductCommand {
    @Override
    protected int run(Product product) {
        product.engine().pause(requester());
        out.println("paused: timer cycles will not start until resume");
        return ExitCodes.OK;
    }
}
