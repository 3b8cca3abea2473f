package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The configuration's scoping filters decide scope in a cycle, and the mapper's problems reach the log. */
class ScopingFilterCycleTest {
    private static final String SUPPORT_ONLY = """
            {"scopingFilters": [[{"attribute": "department", "operator": "EQUALS", "value": "Support"},
                                 {"attribute": "country", "operator": "IS NOT NULL"}]]}""";

    private final Tenant t = new Tenant();

    @Test
    void assignedUserOutsideTheFiltersIsNotCreated() {
        t.mappings = MappingConfiguration.parse(SUPPORT_ONLY);
        String alice = t.entra.addUser("alice@contoso.com", "Alice");
        t.entra.update(alice, "department", "Sales");
        t.entra.update(alice, "country", "NL");
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.update(bob, "department", "Support");
        t.entra.update(bob, "country", "NL");
        t.entra.assign(alice, false, FakeEntra.ROLE_AGENT);
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);

        t.sync();

        assertNull(t.zendesk.byExternalId(alice));
        assertNotNull(t.zendesk.byExternalId(bob));
    }

    @Test
    void userWhoFallsOutOfTheFiltersIsSuspendedWithTheFailedClausesAsReason() {
        t.mappings = MappingConfiguration.parse(SUPPORT_ONLY);
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.update(bob, "department", "Support");
        t.entra.update(bob, "country", "NL");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.sync();

        t.entra.update(bob, "department", "Sales");
        t.entra.update(bob, "country", null);
        CycleRecord second = t.sync();

        assertTrue(t.zendesk.byExternalId(bob).suspended());
        assertTrue(t.zendesk.byExternalId(bob).active(), "suspended, never deleted");
        ProvisioningLogEntry disable = t.log(second.cycleId()).stream()
                .filter(e -> e.action() == ProvisioningAction.DISABLE).findFirst().orElseThrow();
        assertTrue(disable.reason().contains("outside the scoping filters"), disable.reason());
        assertTrue(disable.reason().contains("department"), disable.reason());
        assertTrue(disable.reason().contains("country"), "every failed clause is named: " + disable.reason());

        t.entra.update(bob, "department", "Support");
        t.entra.update(bob, "country", "NL");
        t.sync();
        assertFalse(t.zendesk.byExternalId(bob).suspended(), "back inside the filters: unsuspended");
    }

    @Test
    void filteredOutSuspensionsPassTheDeletionGuard() {
        t.mappings = MappingConfiguration.parse(SUPPORT_ONLY);
        t.deleteThreshold = 0;
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.update(bob, "department", "Support");
        t.entra.update(bob, "country", "NL");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.sync();

        t.entra.update(bob, "department", "Sales");
        CycleRecord held = t.sync();

        assertFalse(t.zendesk.byExternalId(bob).suspended(), "over the threshold: held");
        assertTrue(t.log(held.cycleId()).stream().anyMatch(e -> e.action() == ProvisioningAction.STAGED_DELETE
                && e.status() == ProvisioningStatus.SKIPPED));
    }

    @Test
    void expressionsSeeTheObjectIdAndTheirFailuresAreLoggedAsWarnings() {
        t.mappings = MappingConfiguration.parse("""
                {"users": [{"target": "name", "source": "displayName"},
                           {"target": "email", "source": "mail", "apply": "onCreate"},
                           {"target": "notes", "expression": "Append(\\"entra:\\", [objectId])"},
                           {"target": "alias", "expression": "Left([displayName], [department])"}]}""");
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.update(bob, "department", "Support");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);

        CycleRecord cycle = t.sync();

        assertEquals("entra:" + bob, t.zendesk.byExternalId(bob).fields().get("notes"));
        ProvisioningLogEntry entry = t.log(cycle.cycleId()).stream()
                .filter(e -> e.action() == ProvisioningAction.CREATE).findFirst().orElseThrow();
        assertTrue(entry.steps().stream().anyMatch(s -> s.name().equals("mapping") && s.outcome().equals("Warning")
                && s.detail().startsWith("alias: Left")), entry.steps().toString());
    }

    @Test
    void anUnassignedUserOutsideTheFiltersIsMarkedAsAFilterVerdictSoTheEndOfCycleRecheckCannotReviveIt() {
        var filters = MappingConfiguration.parse(SUPPORT_ONLY).scopingFilters();
        var evaluator = new io.github.zendeskprovisioning.engine.scope.ScopeEvaluator(
                io.github.zendeskprovisioning.engine.settings.ScopeMode.ASSIGNED_ONLY, false,
                new io.github.zendeskprovisioning.engine.scope.RoleCatalog(java.util.List.of(), java.util.List.of()), filters);
        var user = new io.github.zendeskprovisioning.engine.directory.EntraUser("u1",
                java.util.Map.of("accountEnabled", "true", "department", "Sales"));

        var decision = evaluator.decide(user, java.util.List.of(), java.util.List.of());

        assertFalse(decision.inScope());
        assertTrue(decision.outsideFilters());
        assertTrue(decision.reason().startsWith("not assigned"), decision.reason());
        assertTrue(decision.reason().contains("outside the scoping filters"), decision.reason());
    }
}
