package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;

@Command(name = "resume", mixinStandardHelpOptions = true, description = "Lets timer cycles start again after pause.")
final class ResumeCommand extends ProductCommand {
    @Override
    protected int run(Product product) {
        product.engine().resume(requester());
        out.println("resumed: timer cycles start again");
        return ExitCodes.OK;
    }
}
