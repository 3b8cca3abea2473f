package io.github.zendeskprovisioning.endtoend;

import io.github.zendeskprovisioning.adapters.storage.memory.InMemoryStateStores;
import io.github.zendeskprovisioning.demo.DemoTenant;
import io.github.zendeskprovisioning.demo.SimulatedWorld;
import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.CycleRunner;
import io.github.zendeskprovisioning.engine.ports.ProvisioningObserver;
import io.github.zendeskprovisioning.simulators.zendesk.SimulatedUser;
import io.github.zendeskprovisioning.wiring.Product;
import io.github.zendeskprovisioning.wiring.Settings;
import io.github.zendeskprovisioning.wiring.Wiring;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Organizations and tags from the mapping, over both simulators: organizations made once in bulk and joined,
 * tags written as a set of which the service owns only its own.
 */
class OrganizationsAndTagsEndToEndTest {
    private static final String MAPPINGS = """
            {"users": [
              {"target": "name", "source": "displayName"},
              {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
              {"target": "organization", "source": "companyName"},
              {"target": "tags", "expression": "Split(ToLower([department]), \\" \\")"}
            ]}""";
    private static final String[] COMPANIES = {"Contoso", "Fabrikam", "Tailspin Toys"};

    private final SimulatedWorld world = SimulatedWorld.demo(0);
    private final List<String> problems = new ArrayList<>();
    private Product product;

    @AfterEach
    void stopWorld() {
        if (product != null) product.close();
        world.close();
        assertEquals(List.of(), problems);
    }

    private void cycle(ProvisioningEngine engine, boolean initial) throws Exception {
        String id = engine.startCycle(initial, false, "test").cycle().cycleId();
        try (CycleRunner runner = new CycleRunner(engine, Duration.ofSeconds(30), 5, 4, problems::add)) {
            runner.runToEnd(id, Duration.ofMinutes(3), c -> { });
        }
    }

    private SimulatedUser zendeskUser(int i) {
        return world.zendesk().userByEmail(DemoTenant.email(i)).orElseThrow();
    }

    @Test
    void organizationsAreMadeOnceInBulkAndTagsAddedByHandSurviveWhileOwnedTagsFollowEntra() throws Exception {
        world.zendesk().jobPollsBeforeCompletion(0);
        long contoso = world.zendesk().seedOrganization("contoso"); // made by hand: matched, case-insensitively
        for (int i = 1; i <= DemoTenant.USERS; i++) {
            world.graph().updateUser(DemoTenant.userId(i), Map.of("companyName", COMPANIES[i % COMPANIES.length]));
        }
        Map<String, String> values = new HashMap<>(world.settingsValues());
        values.put(Settings.MAPPINGS, MAPPINGS);
        product = Wiring.build(new Settings(values), InMemoryStateStores.create(), ProvisioningObserver.NONE);
        ProvisioningEngine engine = product.engine();

        cycle(engine, true);

        Map<Long, String> organizations = world.zendesk().organizations();
        assertEquals(3, organizations.size(), organizations::toString);
        assertEquals(Set.of("contoso", "Fabrikam", "Tailspin Toys"), Set.copyOf(organizations.values()));
        long creates = world.zendesk().requestLog().stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/api/v2/organizations/create_many")).count();
        long userBatches = world.zendesk().requestLog().stream()
                .filter(r -> r.method().equals("POST") && r.path().startsWith("/api/v2/users/create_many")).count();
        assertTrue(creates >= 1 && creates <= userBatches, "one create_many per batch at most, not per user: " + creates);
        assertTrue(world.zendesk().requestLog().stream().noneMatch(r -> r.method().equals("POST")
                && r.path().startsWith("/api/v2/organizations") && !r.path().contains("create_many")), "no single creates");
        Map<String, Long> idByName = new HashMap<>();
        organizations.forEach((id, name) -> idByName.put(name.toLowerCase(), id));
        for (int i : List.of(3, 41, 50, 51, 240)) {
            SimulatedUser u = zendeskUser(i);
            assertEquals(idByName.get(COMPANIES[i % 3].toLowerCase()), u.attribute("organization_id"), "user " + i);
        }
        assertEquals(contoso, zendeskUser(51).attribute("organization_id"));
        assertEquals(List.of("finance"), world.zendesk().tagsOf(zendeskUser(50).id()));

        // By hand in Zendesk: a tag on two users. In Entra: user 50 changes department.
        world.zendesk().changeUserByHand(zendeskUser(50).id(), Map.of("tags", List.of("finance", "vip")));
        world.zendesk().changeUserByHand(zendeskUser(51).id(), Map.of("tags", List.of("engineering", "vip")));
        world.graph().updateUser(DemoTenant.userId(50), Map.of("department", "Tier2 Support"));
        world.zendesk().clearRequestLog();

        cycle(engine, false);

        assertEquals(List.of("vip", "tier2", "support"), world.zendesk().tagsOf(zendeskUser(50).id()),
                "only the owned tag changed; the hand-made one stayed");
        assertEquals(List.of("engineering", "vip"), world.zendesk().tagsOf(zendeskUser(51).id()));
        assertEquals(1, world.zendesk().requestLog().stream().filter(r -> r.path().startsWith("/api/v2/users/update_many")).count(),
                "one update for the one changed user");
        assertEquals(List.of("GET"), world.zendesk().requestLog().stream()
                .filter(r -> r.path().startsWith("/api/v2/organizations")).map(r -> r.method()).toList(),
                "the batch with a user to write lists the organizations once and creates none");

        // A full re-evaluation compares every user with Zendesk: the hand-made tags still stay.
        cycle(engine, true);
        assertEquals(List.of("engineering", "vip"), world.zendesk().tagsOf(zendeskUser(51).id()));
        assertEquals(List.of("vip", "tier2", "support"), world.zendesk().tagsOf(zendeskUser(50).id()));
        assertEquals(3, world.zendesk().organizations().size());
    }

    @Test
    void anOwnedTagRemovedByHandIsRepairedByAFullReEvaluationAndTheHandMadeOneStays() throws Exception {
        world.zendesk().jobPollsBeforeCompletion(0);
        Map<String, String> values = new HashMap<>(world.settingsValues());
        values.put(Settings.MAPPINGS, MAPPINGS);
        product = Wiring.build(new Settings(values), InMemoryStateStores.create(), ProvisioningObserver.NONE);
        ProvisioningEngine engine = product.engine();
        cycle(engine, true);
        assertEquals(List.of(), world.zendesk().organizations().values().stream().toList(), "no companyName, no organization");
        world.zendesk().changeUserByHand(zendeskUser(51).id(), Map.of("tags", List.of("vip")));

        cycle(engine, true);

        assertEquals(List.of("vip", "engineering"), world.zendesk().tagsOf(zendeskUser(51).id()));
    }
}
