package io.github.zendeskprovisioning.adapters.zendesk;

import io.github.zendeskprovisioning.engine.target.OrganizationWriteResult;
import io.github.zendeskprovisioning.engine.target.UserUpdate;
import io.github.zendeskprovisioning.engine.target.ZendeskOrganization;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import io.github.zendeskprovisioning.engine.target.ZendeskUserFields;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZendeskClientOrganizationsTest {
    private final ZendeskFixture z = new ZendeskFixture();

    @AfterEach
    void close() {
        z.close();
    }

    @Test
    void organizationsAreListedPastOnePageByCursor() {
        for (int i = 0; i < 150; i++) {
            z.sim.seedOrganization("Org " + i);
        }
        List<ZendeskOrganization> all = z.client().organizations();
        assertEquals(150, all.size());
        assertEquals("Org 149", all.get(149).name());
        assertEquals(2, z.count("GET /api/v2/organizations"));
    }

    @Test
    void createManyIsOneJobPerHundredAndATakenNameFailsWithoutASecondOrganization() {
        z.sim.seedOrganization("Contoso");
        List<String> names = new ArrayList<>();
        names.add("CONTOSO");
        for (int i = 0; i < 100; i++) {
            names.add("Org " + i);
        }
        List<OrganizationWriteResult> results = z.client().createOrganizations(names);
        assertEquals(101, results.size());
        assertFalse(results.get(0).success());
        assertTrue(results.get(0).error().description().contains("already been taken"), results.get(0).toString());
        assertTrue(results.subList(1, 101).stream().allMatch(OrganizationWriteResult::success));
        assertEquals(z.sim.organizations().get(results.get(100).id()), "Org 99");
        assertEquals(101, z.sim.organizations().size());
        assertEquals(2, z.count("POST /api/v2/organizations/create_many"));
    }

    @Test
    void aNameIsFoundExactlyAndCaseInsensitively() {
        long id = z.sim.seedOrganization("Contoso Ltd");
        z.sim.seedOrganization("Contoso");
        ZendeskClient client = z.client();
        assertEquals(id, client.organizationByName("contoso ltd").orElseThrow().id());
        assertTrue(client.organizationByName("Contoso L").isEmpty());
    }

    @Test
    void usersCarryTheirOrganizationAndTagsBothWays() {
        long org = z.sim.seedOrganization("Contoso");
        ZendeskClient client = z.client();
        long id = client.createUsers(List.of(ZendeskUserFields.of(Map.of("name", "Ann", "email", "ann@contoso.com",
                "organization_id", org, "tags", List.of("sales", "emea"))))).get(0).id();
        ZendeskUser read = client.usersByIds(List.of(id)).get(0);
        assertEquals(org, read.organizationId());
        assertEquals(List.of("sales", "emea"), read.tags());
        client.updateUsers(List.of(new UserUpdate(id, ZendeskUserFields.of(Map.of("tags", List.of("vip"))))));
        assertEquals(List.of("vip"), z.sim.tagsOf(id));
        assertEquals(org, client.usersByIds(List.of(id)).get(0).organizationId(), "an update without it keeps it");
    }
}
