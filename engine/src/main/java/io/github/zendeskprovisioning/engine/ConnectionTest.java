package io.github.zendeskprovisioning.engine;

import io.github.zendeskprovisioning.engine.directory.EntraReadException;
import io.github.zendeskprovisioning.engine.scope.ZendeskRole;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;

import java.util.ArrayList;
import java.util.List;

/**
 * Entra's "Test Connection", and more: the Zendesk credentials work and belong to an admin, Graph answers
 * for the service principal (or the tenant), and the state storage can be read. Each check says what failed.
 */
public final class ConnectionTest {
    private final EngineContext ctx;

    public ConnectionTest(EngineContext ctx) {
        this.ctx = ctx;
    }

    public record Check(String name, boolean ok, String message) {
    }

    public record Result(List<Check> checks) {
        public boolean ok() {
            return checks.stream().allMatch(Check::ok);
        }
    }

    public Result run() {
        List<Check> checks = new ArrayList<>();
        checks.add(zendesk());
        checks.add(graph());
        checks.add(storage());
        return new Result(checks);
    }

    private Check zendesk() {
        try {
            ZendeskUser me = ctx.zendesk().currentUser();
            if (ZendeskRole.rankOf(me.role()) < 3) {
                return new Check("zendesk", false, "the Zendesk credentials belong to " + me.email() + ", whose role is '"
                        + me.role() + "'; provisioning needs an admin");
            }
            return new Check("zendesk", true, "signed in as " + me.email() + " (admin)");
        } catch (ZendeskException e) {
            return new Check("zendesk", false, (e.credentialsRejected() ? "Zendesk rejected the credentials: " : "Zendesk: ") + e.getMessage());
        } catch (RuntimeException e) {
            return new Check("zendesk", false, "Zendesk could not be reached: " + e.getMessage());
        }
    }

    private Check graph() {
        String sp = ctx.settings().servicePrincipalId();
        try {
            if (sp != null) {
                int roles = ctx.entra().appRoles(sp).size();
                ctx.entra().assignments(sp, null);
                return new Check("graph", true, "service principal " + sp + " read (" + roles + " app roles) with its assignments");
            }
            ctx.entra().user("00000000-0000-0000-0000-000000000000");
            return new Check("graph", true, "Microsoft Graph answered");
        } catch (EntraReadException e) {
            return new Check("graph", false, (e.credentialsRejected()
                    ? "Microsoft Graph refused access (check the managed identity's permissions User.Read.All, GroupMember.Read.All, Application.Read.All): "
                    : "Microsoft Graph: ") + e.getMessage());
        } catch (RuntimeException e) {
            return new Check("graph", false, "Microsoft Graph could not be reached: " + e.getMessage());
        }
    }

    private Check storage() {
        try {
            ctx.stores().cycles().jobState();
            return new Check("storage", true, "state storage readable");
        } catch (RuntimeException e) {
            return new Check("storage", false, "state storage: " + e.getMessage());
        }
    }
}
