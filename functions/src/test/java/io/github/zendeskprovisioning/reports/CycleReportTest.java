package io.github.zendeskprovisioning.reports;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.cycle.Counts;
import io.github.zendeskprovisioning.engine.state.CycleMode;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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

    private static final Instant SINCE = Instant.parse("2026-03-01T11:00:00Z");
    private static final Instant NEXT = Instant.parse("2026-03-01T13:00:00Z");

    private static ProvisioningEngine.JobStatus status(JobState job) {
        CycleRecord last = cycle(Map.of("Update.Failure", 40L, Counts.FAILED, 40L));
        return new ProvisioningEngine.JobStatus(job, null, last, List.of(last), 40, Map.of(ObjectKind.USER, 40));
    }

    private static JsonNode json(ProvisioningEngine.JobStatus s) throws Exception {
        Json json = new Json();
        return json.mapper().readTree(json.write(new CycleReport().statusJson(s)));
    }

    @Test
    void aQuarantineShowsItsCodeReasonSinceAttemptsAndNextAttemptInTextAndJson() throws Exception {
        Quarantine q = new Quarantine(Quarantine.ESCROW_PROPORTION, "40 of 40 objects failed after their retries", SINCE, 2, NEXT);
        ProvisioningEngine.JobStatus s = status(JobState.initial().withQuarantine(q, 3));

        String text = new CycleReport().status(s);
        JsonNode j = json(s);

        assertTrue(text.contains("Provisioning: QUARANTINED"), text);
        assertTrue(text.contains("Quarantine: EncounteredEscrowProportionThreshold since 2026-03-01T11:00:00Z, 2 attempts;"
                + " next attempt at 2026-03-01T13:00:00Z"), text);
        assertTrue(text.contains("40 of 40 objects failed after their retries"), text);
        assertEquals("quarantined", j.path("state").asText());
        JsonNode quarantine = j.path("quarantine");
        assertEquals("EncounteredEscrowProportionThreshold", quarantine.path("code").asText());
        assertEquals("40 of 40 objects failed after their retries", quarantine.path("reason").asText());
        assertEquals("2026-03-01T11:00:00Z", quarantine.path("since").asText());
        assertEquals(2, quarantine.path("attempts").asInt());
        assertEquals("2026-03-01T13:00:00Z", quarantine.path("nextAttemptAt").asText());
    }

    @Test
    void aHeldCycleShowsAsTooManyDeletesWithTheHeldCycleAndHoldsNoCycleBack() throws Exception {
        Quarantine q = new Quarantine(Quarantine.TOO_MANY_DELETES, "held by the deletion guard", SINCE, 1, null);
        ProvisioningEngine.JobStatus s = status(JobState.initial().withQuarantine(q, 0).withHeld("c-held", 30));

        String text = new CycleReport().status(s);
        JsonNode j = json(s);

        assertTrue(text.contains("Provisioning: IDLE"), text);
        assertTrue(text.contains("Quarantine: TooManyDeletes since 2026-03-01T11:00:00Z, 1 attempt; next attempt with the next cycle"), text);
        assertTrue(text.contains("Held deletions: 30 held by cycle c-held (approve-deletions lets the next cycle make exactly these)"), text);
        assertEquals("idle", j.path("state").asText());
        assertEquals("TooManyDeletes", j.path("quarantine").path("code").asText());
        assertTrue(j.path("quarantine").path("nextAttemptAt").isMissingNode() || j.path("quarantine").path("nextAttemptAt").isNull());
        assertEquals("c-held", j.path("heldDeletions").path("cycleId").asText());
        assertEquals(30, j.path("heldDeletions").path("count").asInt());
    }

    @Test
    void noQuarantineIsNullInJsonAndUnsaidInText() throws Exception {
        ProvisioningEngine.JobStatus s = status(JobState.initial());
        assertFalse(new CycleReport().status(s).contains("Quarantine"));
        assertNull(new CycleReport().statusJson(s).get("quarantine"));
        JsonNode q = json(s).path("quarantine");
        assertTrue(q.isMissingNode() || q.isNull());
    }
}
