package io.github.zendeskprovisioning.cli;

import io.github.zendeskprovisioning.api.Inputs;
import io.github.zendeskprovisioning.engine.cycle.OnDemandProvisioning;
import io.github.zendeskprovisioning.engine.state.LogStep;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.wiring.Product;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(name = "provision", mixinStandardHelpOptions = true,
        description = "Provisions one user, or one group with its members, now (Entra's \"Provision on demand\"), and prints each step.")
final class ProvisionCommand extends ProductCommand {
    @Parameters(paramLabel = "objectId", description = "The Entra object id of a user or a group.")
    String objectId;

    @Override
    protected void validate() {
        if (!Inputs.isObjectId(objectId.trim())) throw new ParameterException(spec.commandLine(), Inputs.notObjectId("objectId", objectId));
        objectId = objectId.trim();
    }

    @Override
    protected int run(Product product) {
        OnDemandProvisioning.Result r;
        try {
            r = product.engine().provision(objectId, requester());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
        out.println("On-demand provisioning of " + r.objectKind() + " " + objectId + " (log cycle " + r.cycleId() + ")");
        if (r.entries().isEmpty()) out.println("  nothing to do: the object is out of scope and was never provisioned");
        for (ProvisioningLogEntry e : r.entries()) {
            out.printf("%n%s %s → %s %s%n", e.kind().name().toLowerCase(), e.sourceName() == null ? e.sourceId() : e.sourceName(),
                    e.action().label(), e.status().label());
            for (LogStep s : e.steps()) out.printf("  %-12s %-8s %s%n", s.name(), s.outcome(), s.detail() == null ? "" : s.detail());
            for (ModifiedProperty m : e.modified()) out.printf("  %-12s %s: %s → %s%n", "modified", m.name(), m.oldValue(), m.newValue());
            if (e.reason() != null) out.println("  " + e.reason());
        }
        return r.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
