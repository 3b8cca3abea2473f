package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;

@Command(name = "approve-deletions", mixinStandardHelpOptions = true,
        description = "Lets the next cycle make the suspensions and deletions the deletion guard held, once.")
final class ApproveDeletionsCommand extends ProductCommand {
    @Override
    protected int run(Product product) {
        product.engine().approveDeletions(requester());
        out.println("approved: the next cycle will make the suspensions and deletions the guard held");
        return ExitCodes.OK;
    }
}
