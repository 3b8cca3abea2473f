package io.github.zendeskprovisioning.demo;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.cli.SyncRun;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.reports.LogReport;
import io.github.zendeskprovisioning.simulators.graph.GraphSimulator;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Wiring;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The zero-configuration demo: simulated Entra and Zendesk on 127.0.0.1, an initial cycle, a few changes in
 * Entra, an incremental cycle, and what happened, in words. State is kept in memory for the demo only.
 */
public final class Demo {
    private final PrintStream out;

    public Demo(PrintStream out) {
        this.out = out;
    }

    public int run() throws InterruptedException {
        try (SimulatedWorld world = SimulatedWorld.demo(0);
             Product product = Wiring.build(world.settings(), InMemoryStateStores.create(), ProvisioningObserver.NONE)) {
            out.println("Entra ID → Zendesk provisioning: demo");
            out.println("=====================================");
            out.println("Simulated Microsoft Graph: " + world.graph().baseUrl());
            out.println("Simulated Zendesk:         " + world.zendesk().baseUrl() + "  (OAuth client credentials)");
            out.println("Tenant: " + DemoTenant.USERS + " users. 'Support' group assigned as agent (40 members), 'Zendesk Admins' as admin (3),");
            out.println("200 users assigned directly as end-users, one disabled account, one with Default Access only,");
            out.println("and in Zendesk an agent created by hand (" + DemoTenant.email(7).toUpperCase() + ") before provisioning.");
            out.println();
            out.println("1. Initial cycle: every assigned user and group is evaluated");
            out.println("--------------------------------------------------------------");
            SyncRun initial = new SyncRun(out, out);
            int code = initial.run(product, false, false);
            if (code != 0) return code;
            describeZendesk(world.zendesk());
            SimulatedUser handMade = world.zendesk().userByEmail(DemoTenant.email(7)).orElseThrow();
            out.println("The hand-made agent was matched by e-mail and linked (external_id " + handMade.externalId()
                    + "), not created twice.");
            out.println();
            out.println("2. Changes in Entra");
            out.println("-------------------");
            for (String change : change(world.graph())) out.println("  - " + change);
            out.println();
            out.println("3. Incremental cycle: only the changes are read (Graph delta) and written");
            out.println("-------------------------------------------------------------------------");
            SyncRun incremental = new SyncRun(out, out);
            code = incremental.run(product, false, false);
            if (code != 0) return code;
            out.println();
            out.println("Provisioning log of the incremental cycle (as `logs --cycle " + incremental.last().cycleId() + "` shows it):");
            var entries = product.engine().logs(new LogQuery(incremental.last().cycleId(), null, null, null), 200, null).entries();
            out.print(new LogReport().table(entries));
            out.println();
            describeZendesk(world.zendesk());
            report(initial.last(), incremental.last());
            return 0;
        }
    }

    private List<String> change(GraphSimulator graph) {
        graph.updateUser(DemoTenant.userId(42), Map.of("displayName", DemoTenant.name(42) + "-Lund"));
        graph.disableUser(DemoTenant.userId(50));
        graph.unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(60));
        graph.hardDeleteUser(DemoTenant.userId(61));
        graph.addMember(DemoTenant.adminsGroup(), DemoTenant.userId(45));
        graph.removeMember(DemoTenant.supportGroup(), DemoTenant.userId(5));
        String newcomer = graph.createUser(DemoTenant.userId(301), Map.of("displayName", "Nora Newcomer",
                "userPrincipalName", "nora.newcomer@contoso.com", "mail", "nora.newcomer@contoso.com", "accountEnabled", true));
        graph.addMember(DemoTenant.supportGroup(), newcomer);
        return List.of(
                DemoTenant.name(42) + " renamed to " + DemoTenant.name(42) + "-Lund",
                DemoTenant.name(50) + "'s account disabled",
                DemoTenant.name(60) + " unassigned from the Zendesk app",
                DemoTenant.name(61) + " permanently deleted",
                DemoTenant.name(45) + " (end-user) added to 'Zendesk Admins'",
                DemoTenant.name(5) + " removed from 'Support' (their only assignment)",
                "Nora Newcomer joined, and was added to 'Support'");
    }

    private void describeZendesk(ZendeskSimulator zendesk) {
        List<SimulatedUser> users = zendesk.users();
        Map<String, Long> byRole = users.stream().filter(SimulatedUser::active)
                .collect(Collectors.groupingBy(u -> u.role() + (u.suspended() ? " (suspended)" : ""), TreeMap::new, Collectors.counting()));
        out.println();
        out.println("Zendesk now holds " + users.stream().filter(SimulatedUser::active).count() + " active users: " + byRole);
        zendesk.groups().stream().filter(g -> !g.deleted()).forEach(g -> out.println("  group '" + g.name() + "': "
                + zendesk.memberships().stream().filter(m -> m.groupId() == g.id()).count() + " members"));
    }

    private void report(CycleRecord initial, CycleRecord incremental) {
        out.println();
        out.println("In short");
        out.println("--------");
        out.printf("Initial cycle:     %d users created, %d linked by e-mail, %d Zendesk requests, %d Graph requests.%n",
                initial.count("Create.Success"), initial.count("Update.Success"),
                initial.count("zendeskRequests"), initial.count("graphRequests"));
        out.printf("Incremental cycle: %d created, %d updated, %d suspended, %d deleted, %d Zendesk requests, %d Graph requests.%n",
                incremental.count("Create.Success"), incremental.count("Update.Success"), incremental.count("Disable.Success"),
                incremental.count("Delete.Success"), incremental.count("zendeskRequests"), incremental.count("graphRequests"));
        out.println("Nothing was demoted, nobody was created twice, and every action is in the provisioning log.");
        out.println("Next: point the product at your tenant (local.settings.sample.json), then `test-connection` and `sync --dry-run`.");
    }
}
