package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.Link;
import io.github.zendeskprovisioning.engine.state.ModifiedProperty;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningLogEntry;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user changed in Entra outside an initial cycle is updated from the values the service last wrote, kept with its
 * link, without a read from Zendesk; it is read first when its role, organization or tags are to change, when the
 * link holds no values, and when Zendesk refuses the update.
 */
class ChangedUserUpdateTest {
    private static final String SHOW_MANY = "GET /api/v2/users/show_many";
    private final Tenant t = new Tenant();

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    private ProvisioningLogEntry entryOf(CycleRecord c, String id) {
        return t.log(c.cycleId()).stream().filter(e -> id.equals(e.sourceId())).findFirst().orElseThrow();
    }

    @Test
    void aRenamedUserIsUpdatedWithoutBeingReadAndTheLogShowsTheNameLastWrittenAsTheOldValue() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        long reads = t.zendesk.requestsTo(SHOW_MANY);

        t.entra.update(alice, "displayName", "Alice Lee");
        CycleRecord c = t.sync();

        assertEquals("Alice Lee", t.zendesk.byExternalId(alice).name());
        assertEquals(reads, t.zendesk.requestsTo(SHOW_MANY), "no user read from Zendesk");
        ProvisioningLogEntry entry = entryOf(c, alice);
        assertEquals(ProvisioningAction.UPDATE, entry.action());
        assertEquals(ProvisioningStatus.SUCCESS, entry.status());
        assertEquals(List.of(new ModifiedProperty("name", "alice", "Alice Lee")), entry.modified());
        assertEquals(1, t.zendesk.requestsTo("PUT /api/v2/users/update_many"));
    }

    @Test
    void aUserWhoseRoleChangesInEntraIsReadFirstSoARoleRaisedByHandIsNotLowered() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        ZendeskUser u = t.zendesk.byExternalId(alice);
        t.zendesk.setUser(new ZendeskUser(u.id(), u.name(), u.email(), u.externalId(), "admin", null, false, true, u.fields()));
        long reads = t.zendesk.requestsTo(SHOW_MANY);

        t.entra.unassign(alice);
        t.entra.assign(alice, false, FakeEntra.ROLE_END_USER);
        t.entra.update(alice, "displayName", "Alice Lee");
        CycleRecord c = t.sync();

        assertEquals(reads + 1, t.zendesk.requestsTo(SHOW_MANY), "read before the write");
        ZendeskUser after = t.zendesk.byExternalId(alice);
        assertEquals("admin", after.role(), "never lowered");
        assertEquals("Alice Lee", after.name());
        assertTrue(entryOf(c, alice).reason().contains("roles are never lowered"), entryOf(c, alice).reason());
    }

    @Test
    void aChangedUserPurgedFromZendeskByHandIsReadAndCreatedAgainInTheSameCycle() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        long before = t.zendesk.byExternalId(alice).id();
        t.zendesk.purgeUser(before);

        t.entra.update(alice, "displayName", "Alice Lee");
        CycleRecord c = t.sync();

        ZendeskUser again = t.zendesk.byExternalId(alice);
        assertNotEquals(before, again.id());
        assertEquals("Alice Lee", again.name());
        ProvisioningLogEntry entry = entryOf(c, alice);
        assertEquals(ProvisioningAction.CREATE, entry.action());
        assertEquals(ProvisioningStatus.SUCCESS, entry.status());
        assertTrue(entry.steps().stream().anyMatch(s -> s.detail().contains("Zendesk refused the update")), entry.steps().toString());
        assertEquals(again.id(), t.stores.links().find(ObjectKind.USER, alice).orElseThrow().zendeskId());
    }

    @Test
    void aLinkStoredWithoutWrittenValuesIsReadBeforeItsUpdateAndHoldsThemAfterwards() {
        String alice = t.assignedUser("alice@contoso.com", FakeEntra.ROLE_AGENT);
        t.sync();
        Link link = t.stores.links().find(ObjectKind.USER, alice).orElseThrow();
        assertTrue(link.writtenValues().containsKey("name"), link.writtenValues().toString());
        t.stores.links().upsertAll(List.of(link.withoutWrittenValues())); // as links stored by earlier versions
        long reads = t.zendesk.requestsTo(SHOW_MANY);

        t.entra.update(alice, "displayName", "Alice Lee");
        t.sync();

        assertEquals(reads + 1, t.zendesk.requestsTo(SHOW_MANY));
        assertEquals("Alice Lee", t.zendesk.byExternalId(alice).name());
        assertEquals("Alice Lee", t.stores.links().find(ObjectKind.USER, alice).orElseThrow().writtenValues().get("name"));
    }

    @Test
    void tagsAddedByHandStayWhenARenamedUserIsUpdatedWithoutBeingRead() {
        t.mappings = MappingConfiguration.parse("""
                {"users": [
                  {"target": "name", "source": "displayName"},
                  {"target": "email", "source": ["mail", "userPrincipalName"], "apply": "onCreate"},
                  {"target": "tags", "expression": "Split(ToLower([department]), \\" \\")"}
                ]}""");
        String ann = t.assignedUser("ann@contoso.com", FakeEntra.ROLE_END_USER);
        t.entra.update(ann, "department", "Support");
        t.sync();
        ZendeskUser u = t.zendesk.byExternalId(ann);
        t.zendesk.setUser(new ZendeskUser(u.id(), u.name(), u.email(), u.externalId(), u.role(), u.customRoleId(), false, true,
                u.fields(), u.organizationId(), List.of("support", "vip")));
        long reads = t.zendesk.requestsTo(SHOW_MANY);

        t.entra.update(ann, "displayName", "Ann Lee");
        t.sync();

        assertEquals(reads, t.zendesk.requestsTo(SHOW_MANY));
        assertEquals("Ann Lee", t.zendesk.byExternalId(ann).name());
        assertEquals(List.of("support", "vip"), t.zendesk.byExternalId(ann).tags());
    }
}
