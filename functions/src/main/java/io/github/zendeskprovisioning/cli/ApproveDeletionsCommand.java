package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;

@Command(name = "approve-deletions", mixinStandardHelpOptions = true,
        description = "Lets the next cycle make exactly the suspensions and deletions the deletion guard held, once.")
final class ApproveDeletionsCommand extends ProductCommand {
    @Override
    protected int run(Product product) {
        JobState job = product.engine().approveDeletions(requester());
        out.println(job.heldCycleId() == null ? "approved, but no cycle holds removals now: nothing to release"
                : "approved: the next cycle will make the " + job.heldCount() + " suspensions and deletions held by cycle "
                        + job.heldCycleId() + " (those still due); other removals count against the threshold as usual");
        return ExitCodes.OK;
    }
}
