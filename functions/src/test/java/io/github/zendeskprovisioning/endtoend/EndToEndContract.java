package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleQueues;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.LogQuery;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.QueueMessage;
import io.github.zendeskprovisioning.simulators.zendesk.LoggedRequest;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole product against both simulators, through the real Zendesk client and Graph SDK, over one kind
 * of state storage (in memory, or Azure Storage on Azurite).
 */
abstract class EndToEndContract extends SimulatedProductContract {

    protected CycleRecord sync(boolean dryRun) throws InterruptedException {
        return runCycle(false, dryRun);
    }

    private SimulatedUser zendeskUser(int i) {
        return world.zendesk().users().stream().filter(u -> DemoTenant.userId(i).equals(u.externalId())).findFirst().orElse(null);
    }

    /** Requests that change Zendesk data (getting an OAuth token changes none). */
    private List<LoggedRequest> writes() {
        return world.zendesk().requestLog().stream()
                .filter(r -> !r.method().equals("GET") && !r.path().equals("/oauth/tokens")).toList();
    }

    @Test
    void initialCycleProvisionsTheAssignedUsersAndGroupsAndLinksTheHandMadeAgentByEmail() throws Exception {
        CycleRecord c = sync(false);

        assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
        assertEquals(CycleMode.INITIAL, c.mode());
        long linked = world.zendesk().users().stream().filter(u -> u.externalId() != null).count();
        assertEquals(39 + 200, linked, "users 1-40 (less the disabled one) and 41-240, one of them linked by e-mail");
        assertEquals(238 + 2, c.count("Create.Success"), "238 users and 2 groups created");
        SimulatedUser handMade = zendeskUser(7);
        assertEquals("agent", handMade.role());
        assertEquals(1, world.zendesk().users().stream().filter(u -> u.email().equalsIgnoreCase(DemoTenant.email(7))).count());
        assertEquals("admin", zendeskUser(1).role(), "admin through 'Zendesk Admins' beats agent through 'Support'");
        assertEquals("end-user", zendeskUser(100).role());
        assertEquals(null, zendeskUser(13), "disabled account");
        assertEquals(null, zendeskUser(241), "Default Access only");
        assertEquals(null, zendeskUser(280), "not assigned");
        var support = world.zendesk().groups().stream().filter(g -> g.name().equals("Support")).findFirst().orElseThrow();
        assertEquals(39, world.zendesk().memberships().stream().filter(m -> m.groupId() == support.id()).count());
        assertFalse(world.zendesk().groups().stream().anyMatch(g -> g.name().equals("Marketing")), "not assigned");
        assertTrue(c.count("zendeskRequests") > 0 && c.count("graphRequests") > 0);
    }

    @Test
    void incrementalCycleAppliesExactlyTheChangesMadeInEntra() throws Exception {
        sync(false);
        world.graph().updateUser(DemoTenant.userId(42), Map.of("displayName", "Renamed Person"));
        world.graph().disableUser(DemoTenant.userId(50));
        world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(60));
        world.graph().hardDeleteUser(DemoTenant.userId(61));
        world.graph().softDeleteUser(DemoTenant.userId(62));
        world.graph().addMember(DemoTenant.adminsGroup(), DemoTenant.userId(45));

        CycleRecord c = sync(false);

        assertEquals(CycleMode.INCREMENTAL, c.mode());
        assertEquals("Renamed Person", zendeskUser(42).name());
        assertTrue(zendeskUser(50).suspended());
        assertTrue(zendeskUser(60).suspended());
        assertFalse(zendeskUser(61).active(), "hard delete deletes");
        assertTrue(zendeskUser(62).suspended() && zendeskUser(62).active(), "soft delete suspends");
        assertEquals("admin", zendeskUser(45).role());
        assertEquals(2, c.count("Update.Success"), "the rename and the promotion");
        assertEquals(3, c.count("Disable.Success"));
        assertEquals(1, c.count("Delete.Success"));
        assertTrue(c.count("processed") < 20, "an incremental cycle reads only what changed: " + c.count("processed"));
    }

    @Test
    void aCycleWithNoChangeSendsNoWriteToZendesk() throws Exception {
        sync(false);
        world.zendesk().clearRequestLog();

        CycleRecord c = sync(false);

        assertEquals(List.of(), writes());
        assertTrue(c.count("graphRequests") <= 5, "graph requests: " + c.count("graphRequests"));
    }

    @Test
    void dryRunComputesTheCycleAndWritesNothingToZendesk() throws Exception {
        CycleRecord c = sync(true);

        assertEquals(List.of(), writes());
        assertEquals(238 + 2 + 1, c.count("Create.Success") + c.count("Update.Success"), "would create 238 users and 2 groups, would link 1");
        assertTrue(log(c).stream().allMatch(ProvisioningLogEntry::dryRun));
        assertEquals(3, world.zendesk().users().size(), "only the seeded admin and the two users made by hand");
    }

    @Test
    void deletionGuardHoldsEverySuspensionUntilApproved() throws Exception {
        product.close();
        product = build(Map.of(Settings.DELETE_THRESHOLD, "3"));
        sync(false);
        for (int i = 41; i <= 45; i++) world.graph().unassignPrincipal(DemoTenant.SERVICE_PRINCIPAL, DemoTenant.userId(i));

        CycleRecord held = sync(false);

        assertEquals(CycleStatus.HELD, held.status());
        for (int i = 41; i <= 45; i++) assertFalse(zendeskUser(i).suspended());
        assertEquals(5, log(held).stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count());

        product.engine().approveDeletions();
        CycleRecord approved = sync(false);

        assertEquals(CycleStatus.COMPLETED, approved.status());
        for (int i = 41; i <= 45; i++) assertTrue(zendeskUser(i).suspended());
    }

    @Test
    void noSecretReachesALogLineAReportOrAProvisioningLogEntry() throws Exception {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Handler handler = new java.util.logging.StreamHandler(captured, new java.util.logging.SimpleFormatter());
        handler.setLevel(java.util.logging.Level.ALL);
        root.addHandler(handler);
        try {
            world.zendesk().failNextRequests(3, 503);
            world.graph().updateUser(DemoTenant.userId(50), Map.of("displayName", "x".repeat(300)));
            CycleRecord c = sync(false);
            world.zendesk().revokeIssuedTokens();
            CycleRecord second = sync(false);
            handler.flush();
            StringBuilder everything = new StringBuilder(captured.toString());
            everything.append(new io.github.zendeskprovisioning.reports.Json().write(log(c)));
            everything.append(new io.github.zendeskprovisioning.reports.Json().write(log(second)));
            everything.append(new io.github.zendeskprovisioning.reports.CycleReport().status(product.engine().status()));
            everything.append(product.settings().toString());
            for (String secret : List.of(io.github.zendeskprovisioning.simulators.zendesk.ZendeskSimulator.SEED_OAUTH_CLIENT_SECRET,
                    SimulatedWorld.GRAPH_TOKEN)) {
                assertFalse(everything.toString().contains(secret), "a secret leaked");
            }
        } finally {
            root.removeHandler(handler);
        }
    }

    @Test
    void everyWorkMessageDeliveredTwiceLeavesNoDuplicateAndCountsOnce() throws Exception {
        ProvisioningEngine engine = product.engine();
        String id = engine.startCycle(false, false, "test").cycle().cycleId();
        var plan = product.stores().queues().queue(CycleQueues.PLAN);
        var work = product.stores().queues().queue(CycleQueues.WORK);
        for (int round = 0; round < 500; round++) {
            if (product.stores().cycles().find(id).orElseThrow().finishedAt() != null) break;
            for (QueueMessage m : plan.receive(1, Duration.ofSeconds(30))) {
                engine.handle(m.body());
                plan.delete(m);
            }
            for (QueueMessage m : work.receive(8, Duration.ofSeconds(30))) {
                engine.handle(m.body());
                engine.handle(m.body());
                work.delete(m);
            }
        }
        CycleRecord c = product.stores().cycles().find(id).orElseThrow();

        assertEquals(CycleStatus.COMPLETED, c.status());
        assertEquals(c.batchesEnqueued(), c.batchesDone());
        Map<String, Long> byEmail = new HashMap<>();
        world.zendesk().users().forEach(u -> byEmail.merge(u.email().toLowerCase(), 1L, Long::sum));
        assertTrue(byEmail.values().stream().allMatch(n -> n == 1), "no e-mail twice");
        assertEquals(238 + 2, c.count("Create.Success"));
    }
}
