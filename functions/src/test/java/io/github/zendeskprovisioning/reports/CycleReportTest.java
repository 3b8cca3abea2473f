package io.github.zendeskprovisioning.reports;

import io.github.zendeskprovisioning.engine.cycle.Counts;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CycleReportTest {
    private static CycleRecord cycle(Map<String, Long> counts) {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        return new CycleRecord("c1", CycleMode.INITIAL, false, "test", CycleStatus.COMPLETED, t, t.plusSeconds(5), counts,
                1, 1, true, "FINISH", null, null, null);
    }

    @Test
    void unresolvedCustomRolesAreNamedWithTheirUsersInTextAndJson() {
        CycleRecord c = cycle(Map.of(Counts.unresolvedCustomRole("Team Leader"), 10L, Counts.unresolvedCustomRole("Billing"), 2L,
                "Update.Success", 3L));

        String text = new CycleReport().summary(c);
        Object json = new CycleReport().json(c).get("unresolvedCustomRoles");

        assertTrue(text.contains("Unresolved custom roles"), text);
        assertTrue(text.contains("'Team Leader'") && text.contains("10 users"), text);
        assertTrue(text.indexOf("'Billing'") < text.indexOf("'Team Leader'"), "sorted by name: " + text);
        assertEquals(Map.of("Team Leader", 10L, "Billing", 2L), json);
    }

    @Test
    void aCycleWhereEveryRoleResolvedSaysNothingAboutRoles() {
        CycleRecord c = cycle(Map.of("Update.Success", 3L));

        assertFalse(new CycleReport().summary(c).contains("Unresolved"));
        assertEquals(Map.of(), new CycleReport().json(c).get("unresolvedCustomRoles"));
    }
}
