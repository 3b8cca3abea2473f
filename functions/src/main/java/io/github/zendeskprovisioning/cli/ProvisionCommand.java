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

import java.util.List;

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
            r = product.engine().provision(objectId, null, requester(), new Printer());
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return ExitCodes.FAILED;
        }
        if (r.entries().isEmpty()) out.println("  nothing to do: the object is out of scope and was never provisioned");
        return r.failed() ? ExitCodes.FAILED : ExitCodes.OK;
    }

    /** Prints each step the moment the engine makes it, so a long group run shows where it is. */
    private final class Printer implements OnDemandProvisioning.Listener {
        @Override
        public void started(String cycleId, String objectKind) {
            out.println("On-demand provisioning of " + objectKind + " " + objectId + " (log cycle " + cycleId + ")");
            out.flush();
        }

        @Override
        public void step(LogStep s) {
            out.printf("%s %-8s %s%n", s.name(), s.outcome(), s.detail() == null ? "" : s.detail());
            out.flush();
        }

        @Override
        public void entries(List<ProvisioningLogEntry> entries) {
            for (ProvisioningLogEntry e : entries) {
                out.printf("%n%s %s → %s %s%n", e.kind().name().toLowerCase(), e.sourceName() == null ? e.sourceId() : e.sourceName(),
                        e.action().label(), e.status().label());
                for (LogStep s : e.steps()) out.printf("  %-12s %-8s %s%n", s.name(), s.outcome(), s.detail() == null ? "" : s.detail());
                for (ModifiedProperty m : e.modified()) out.printf("  %-12s %s: %s → %s%n", "modified", m.name(), m.oldValue(), m.newValue());
                if (e.reason() != null) out.println("  " + e.reason());
            }
            out.println();
            out.flush();
        }
    }
}
