package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrganizationsAndTagsTest {
    private final Tenant t = new Tenant();

    OrganizationsAndTagsTest() {
        t.mappings = MappingConfiguration.parse("""
                {"users": [
                  {"target": "name", "source": "displayName"},
                  {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
                  {"target": "organization", "source": "companyName"},
                  {"target": "tags", "expression": "Split(ToLower([department]), \\" \\")"}
                ]}""");
    }

    @org.junit.jupiter.api.AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems);
    }

    private String user(String upn, String company, String department) {
        String id = t.entra.addUser(upn, upn.substring(0, upn.indexOf('@')));
        t.entra.update(id, "companyName", company);
        t.entra.update(id, "department", department);
        t.entra.assign(id, false, FakeEntra.ROLE_END_USER);
        return id;
    }

    @Test
    void anOrganizationZendeskRefusesFailsOnlyItsUsersWhoAreRetriedLater() {
        String ann = user("ann@contoso.com", "Contoso", "Sales");
        String bob = user("bob@contoso.com", "Bad Name", "Sales");
        t.zendesk.refuseOrganizations.add("bad name");

        CycleRecord first = t.sync();

        ZendeskUser written = t.zendesk.byExternalId(ann);
        assertNotNull(written);
        assertNotNull(written.organizationId());
        assertEquals(List.of("sales"), written.tags());
        assertNull(t.zendesk.byExternalId(bob));
        ProvisioningLogEntry failure = t.log(first.cycleId()).stream()
                .filter(e -> bob.equals(e.sourceId()) && e.status() == ProvisioningStatus.FAILURE).findFirst().orElseThrow();
        assertEquals(ProvisioningAction.CREATE, failure.action());
        assertTrue(failure.reason().contains("Bad Name"), failure.reason());
        assertTrue(t.stores.escrow().find(ObjectKind.USER, bob).isPresent());

        t.zendesk.refuseOrganizations.clear();
        t.clock.advance(Duration.ofMinutes(11));
        t.sync();

        assertNotNull(t.zendesk.byExternalId(bob).organizationId());
        assertFalse(t.stores.escrow().find(ObjectKind.USER, bob).isPresent());
        assertEquals(2, t.zendesk.allOrganizations().size());
    }

    @Test
    void anUnchangedUserCostsNoCallAndAChangedDepartmentChangesOnlyTheOwnedTags() {
        String ann = user("ann@contoso.com", "Contoso", "Tier2 Support");
        t.sync();
        ZendeskUser created = t.zendesk.byExternalId(ann);
        assertEquals(List.of("tier2", "support"), created.tags());
        t.zendesk.setUser(new ZendeskUser(created.id(), created.name(), created.email(), created.externalId(), created.role(),
                created.customRoleId(), false, true, created.fields(), created.organizationId(), List.of("tier2", "support", "vip")));
        long writes = t.zendesk.writes();

        t.sync();
        assertEquals(writes, t.zendesk.writes(), "nothing changed in Entra: no write");
        assertEquals(1, t.zendesk.requestsTo("GET /api/v2/organizations"), "organizations listed only by the first cycle");

        t.entra.update(ann, "department", "Sales");
        t.sync();
        assertEquals(List.of("vip", "sales"), t.zendesk.byExternalId(ann).tags());
    }
}
