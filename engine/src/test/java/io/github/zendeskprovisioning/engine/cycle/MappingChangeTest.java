package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.mapping.ApplyWhen;
import io.github.zendeskprovisioning.engine.mapping.AttributeMapping;
import io.github.zendeskprovisioning.engine.mapping.MappingConfiguration;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappingChangeTest {
    private final Tenant t = new Tenant();

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    /** Three users whose display name is lower case, two already upper case: ToUpper changes only the first three. */
    private void fiveAssignedUsers() {
        for (String name : List.of("amy", "ben", "cal", "DEE", "EVE")) {
            String id = t.entra.addUser(name.toLowerCase() + "@contoso.com", name);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
        }
    }

    private static MappingConfiguration nameInUpperCase() {
        MappingConfiguration d = MappingConfiguration.defaults();
        List<AttributeMapping> users = new ArrayList<>(d.userMappings().stream().filter(m -> !m.target().equals("name")).toList());
        users.add(AttributeMapping.expression("name", ApplyWhen.ALWAYS, "ToUpper([displayName])"));
        return new MappingConfiguration(users, d.groupMappings(), d.scopingFilters(), d.defaultAccessInScope(), d.deleteGroups());
    }

    private long updates(CycleRecord cycle) {
        return t.log(cycle.cycleId()).stream().filter(e -> e.action() == ProvisioningAction.UPDATE).count();
    }

    @Test
    void aChangedMappingMakesTheNextCycleUpdateExactlyTheUsersWhoseResultChanged() {
        fiveAssignedUsers();
        t.sync();
        assertEquals(CycleMode.INCREMENTAL, t.sync().mode(), "an unchanged configuration: incremental");
        long writesBefore = t.zendesk.writes();

        t.mappings = nameInUpperCase();
        CycleRecord reevaluated = t.sync();

        assertEquals(CycleStatus.COMPLETED, reevaluated.status(), reevaluated.statusReason());
        assertEquals(CycleMode.INITIAL, reevaluated.mode(), "a full re-evaluation");
        assertEquals(3, updates(reevaluated), "amy, ben and cal; DEE and EVE are as they were");
        assertEquals(3, reevaluated.count("Update.Success"));
        assertEquals(1, t.zendesk.writes() - writesBefore, "one update_many call carrying the three users");
        assertEquals(List.of("AMY", "BEN", "CAL", "DEE", "EVE"),
                t.zendesk.allUsers().stream().map(u -> u.name()).sorted().toList());
        assertTrue(t.log(reevaluated.cycleId()).stream().anyMatch(e -> e.action() == ProvisioningAction.OPERATOR_ACTION
                && e.reason().contains("the mapping configuration changed")), "the start says why it re-evaluates");

        long writesAfter = t.zendesk.writes();
        CycleRecord next = t.sync();
        assertEquals(CycleMode.INCREMENTAL, next.mode(), "the new hash was committed with the watermark");
        assertEquals(writesAfter, t.zendesk.writes());
    }

    @Test
    void aDryRunAfterAMappingChangeLeavesTheOldHashSoTheNextCycleReEvaluatesAgain() {
        fiveAssignedUsers();
        t.sync();
        String committed = t.stores.cycles().jobState().watermark().mappingHash();

        t.mappings = nameInUpperCase();
        CycleRecord dry = t.sync(false, true);

        assertEquals(CycleMode.INITIAL, dry.mode());
        assertEquals(committed, t.stores.cycles().jobState().watermark().mappingHash());
        CycleRecord real = t.sync();
        assertEquals(CycleMode.INITIAL, real.mode());
        assertEquals(3, updates(real));
        assertNotEquals(committed, t.stores.cycles().jobState().watermark().mappingHash());
    }

    @Test
    void theHashIgnoresTheOrderOfMappingsButNotTheirContent() {
        MappingConfiguration d = MappingConfiguration.defaults();
        List<AttributeMapping> reversed = new ArrayList<>(d.userMappings());
        java.util.Collections.reverse(reversed);
        MappingConfiguration sameInOtherOrder = new MappingConfiguration(reversed, d.groupMappings(), d.scopingFilters(),
                d.defaultAccessInScope(), d.deleteGroups());

        assertEquals(d.contentHash(), sameInOtherOrder.contentHash());
        assertEquals(d.contentHash(), MappingConfiguration.defaults().contentHash());
        assertNotEquals(d.contentHash(), nameInUpperCase().contentHash());
    }
}
