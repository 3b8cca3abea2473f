package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.ports.StateStores;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingPreviewTest {
    private static final Pattern WRITE = Pattern.compile("^(save|insert|update|upsert|delete|append|add|remove|clear|put|send|record|prune|set|complete|fail|start|mark).*");

    private final Tenant t = new Tenant();
    private final AtomicInteger storeWrites = new AtomicInteger();

    /** Every store wrapped so that each call of a writing method is counted. */
    private void countStoreWrites() {
        StateStores s = t.stores;
        t.stores = new StateStores(counted(s.links(), io.github.zendeskprovisioning.engine.ports.LinkStore.class),
                counted(s.cycles(), io.github.zendeskprovisioning.engine.ports.CycleStore.class),
                counted(s.log(), io.github.zendeskprovisioning.engine.ports.ProvisioningLog.class),
                counted(s.escrow(), io.github.zendeskprovisioning.engine.ports.EscrowStore.class),
                counted(s.scope(), io.github.zendeskprovisioning.engine.ports.ScopeSnapshotStore.class),
                counted(s.queues(), io.github.zendeskprovisioning.engine.ports.MessageQueues.class),
                counted(s.memberships(), io.github.zendeskprovisioning.engine.ports.ProvisionedMembershipStore.class),
                counted(s.retention(), io.github.zendeskprovisioning.engine.ports.Retention.class));
    }

    @SuppressWarnings("unchecked")
    private <T> T counted(T target, Class<T> type) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            if (WRITE.matcher(method.getName()).matches()) storeWrites.incrementAndGet();
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }

    private MappingPreview.Result preview(String id) {
        countStoreWrites();
        long zendeskWrites = t.zendesk.writes();
        MappingPreview.Result r = t.engine().preview(id);
        assertEquals(zendeskWrites, t.zendesk.writes(), "a preview writes nothing to Zendesk");
        assertEquals(0, storeWrites.get(), "a preview writes nothing to storage");
        return r;
    }

    @Test
    void unprovisionedUserPreviewsACreateWithEachMappingsSourcesAndWritesNothing() {
        t.mappings = MappingConfiguration.parse("""
                {"users": [{"target": "name", "expression": "Join(\\" \\", [givenName], [surname])"},
                           {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
                           {"target": "notes", "expression": "Append(\\"entra:\\", [objectId])"}],
                 "scopingFilters": [[{"attribute": "department", "operator": "EQUALS", "value": "Support"}]]}""");
        String bob = t.entra.addUser("bob@contoso.com", "Bob B");
        t.entra.update(bob, "givenName", "Bob");
        t.entra.update(bob, "surname", "Builder");
        t.entra.update(bob, "department", "Support");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);

        MappingPreview.Result r = preview(bob);

        assertEquals("Create", r.action());
        assertEquals("Bob Builder", r.mappings().get(0).result());
        assertEquals("Bob", r.mappings().get(0).sources().get("givenName"));
        assertEquals("entra:" + bob, r.mappings().get(2).result());
        assertTrue(r.inScope());
        assertEquals("agent", r.role());
        assertEquals(1, r.clauses().size());
        assertTrue(r.clauses().get(0).passed());
        assertTrue(r.changes().contains(new ModifiedProperty("name", null, "Bob Builder")));
        assertTrue(r.changes().contains(new ModifiedProperty("external_id", null, bob)));
        assertNull(t.zendesk.byExternalId(bob));
        assertTrue(t.log("none").isEmpty());
    }

    @Test
    void linkedUserPreviewsTheDiffAgainstTheLiveRecord() {
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.update(bob, "displayName", "Robert");

        MappingPreview.Result r = preview(bob);

        assertEquals("Update", r.action());
        assertEquals(List.of(new ModifiedProperty("name", "Bob", "Robert")), r.changes());
        assertTrue(r.matchedBy().startsWith("stored link"), r.matchedBy());
        assertEquals(t.zendesk.byExternalId(bob).id(), r.zendeskId());
        assertEquals("Bob", t.zendesk.byExternalId(bob).name(), "nothing written");
    }

    @Test
    void handMadeUserIsMatchedByEmailAsACycleWould() {
        t.zendesk.addUser("Bob by hand", "bob@contoso.com", null, "end-user");
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);

        MappingPreview.Result r = preview(bob);

        assertEquals("Update", r.action());
        assertTrue(r.changes().contains(new ModifiedProperty("external_id", null, bob)), r.changes().toString());
        assertTrue(r.changes().contains(new ModifiedProperty("role", "end-user", "agent")), r.changes().toString());
    }

    @Test
    void userWhoFailsTheFiltersPreviewsASuspensionNamingTheFailedClause() {
        t.mappings = MappingConfiguration.parse("""
                {"scopingFilters": [[{"attribute": "department", "operator": "EQUALS", "value": "Support"}]]}""");
        String bob = t.entra.addUser("bob@contoso.com", "Bob");
        t.entra.update(bob, "department", "Support");
        t.entra.assign(bob, false, FakeEntra.ROLE_AGENT);
        t.sync();
        t.entra.update(bob, "department", "Sales");

        MappingPreview.Result r = preview(bob);

        assertFalse(r.inScope());
        assertFalse(r.clauses().get(0).passed());
        assertEquals("Sales", r.clauses().get(0).actual());
        assertTrue(r.scopeReason().contains("department EQUALS \"Support\""), r.scopeReason());
        assertEquals("Suspend", r.action());
        assertFalse(t.zendesk.byExternalId(bob).suspended());
    }

    @Test
    void unknownUserIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> preview("7d1c2f0e-0000-4000-8000-000000000000"));
    }
}
