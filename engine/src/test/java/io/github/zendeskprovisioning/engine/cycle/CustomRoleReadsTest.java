package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Zendesk's custom roles are read only by a cycle whose app roles can name one. */
class CustomRoleReadsTest {
    private static final String CUSTOM_ROLES = "GET /api/v2/custom_roles";
    private final Tenant t = new Tenant();

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    @Test
    void appRolesThatAreAllZendesksOwnRolesNeverReadCustomRolesSoANoChangeCycleMakesNoCall() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        long afterFirst = t.zendesk.requestsTo(CUSTOM_ROLES);
        long requests = t.zendesk.requestStats().total();

        t.sync();

        assertEquals(0, afterFirst);
        assertEquals("agent", t.zendesk.byExternalId(alice).role());
        assertEquals(requests, t.zendesk.requestStats().total(), "a cycle with nothing to do calls Zendesk not at all");
    }

    @Test
    void anAppRoleNamingACustomRoleReadsThemOnceACycleAndResolvesIt() {
        t.entra.addAppRole("role-team-leader", "Team Leader");
        t.zendesk.addCustomRole("Team Leader");
        String alice = t.assignedUser("alice@contoso.com", "role-team-leader");

        t.sync();

        assertEquals(1, t.zendesk.requestsTo(CUSTOM_ROLES));
        assertEquals(t.zendesk.customRole("Team Leader").id(), t.zendesk.byExternalId(alice).customRoleId());
    }
}
