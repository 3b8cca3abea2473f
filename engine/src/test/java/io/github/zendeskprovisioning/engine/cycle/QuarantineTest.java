package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.ProvisioningEngine;
import io.github.zendeskprovisioning.engine.ProvisioningEngine.RestartScope;
import io.github.zendeskprovisioning.engine.ProvisioningEngine.StartOutcome;
import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import io.github.zendeskprovisioning.engine.target.ZendeskError;
import io.github.zendeskprovisioning.engine.target.ZendeskException;
import io.github.zendeskprovisioning.engine.target.ZendeskUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** When failures put the job into quarantine, as Entra's service decides it: on failed objects, and never on a blip. */
class QuarantineTest {
    private static final ZendeskException DOWN = new ZendeskException(
            new ZendeskError(503, "ServiceUnavailable", "Zendesk answered 503 Service Unavailable", List.of(), true));
    private static final ZendeskException REFUSED = new ZendeskException(
            new ZendeskError(401, "Unauthorized", "Couldn't authenticate you", List.of(), false));

    private final Tenant t = new Tenant();
    private final List<String> ids = new ArrayList<>();
    private int edits;

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    private void provision(int users) {
        for (int i = 0; i < users; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "u" + i);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
            ids.add(id);
        }
        t.sync();
    }

    /** Every user changes in Entra, so the next cycle writes every one of them. */
    private void renameEveryone() {
        edits++;
        for (String id : ids) t.entra.update(id, "displayName", "edit " + edits + " of " + id);
    }

    private JobState job() {
        return t.stores.cycles().jobState();
    }

    @Test
    void oneCycleInWhichEveryWriteFailsIsRetriedNotQuarantined() {
        provision(12);
        renameEveryone();
        t.zendesk.failWrites = DOWN;

        CycleRecord failing = t.sync();

        assertEquals(CycleStatus.COMPLETED, failing.status(), "one failing cycle is a blip until the next confirms it");
        assertEquals(12, failing.count(Counts.FAILED));
        assertTrue(failing.statusReason().contains("12 of 12 objects failed"), failing.statusReason());
        assertNull(job().quarantine());
        assertEquals(1, job().failingCycles());

        t.zendesk.failWrites = null;
        renameEveryone();
        CycleRecord next = t.sync();

        assertEquals(CycleStatus.COMPLETED, next.status());
        assertNull(next.statusReason());
        assertEquals(0, job().failingCycles(), "a healthy cycle ends the streak");
        assertTrue(t.zendesk.allUsers().stream().allMatch(u -> u.name().startsWith("edit 2")));
    }

    @Test
    void aSecondFailingCycleInARowQuarantinesWithEntrasCodeAndTheRefusalNamesTheSeries() {
        provision(12);
        t.zendesk.failWrites = DOWN;
        renameEveryone();
        t.sync();
        renameEveryone();

        CycleRecord quarantined = t.sync();

        assertEquals(CycleStatus.QUARANTINED, quarantined.status());
        Quarantine q = job().quarantine();
        Instant since = quarantined.finishedAt();
        assertEquals(new Quarantine(Quarantine.ESCROW_PROPORTION, quarantined.statusReason(), since, 1, since.plus(Duration.ofHours(1))), q);
        assertTrue(job().quarantined());
        ProvisioningEngine.StartResult refused = t.engine().startCycle(false, false, "test");
        assertEquals(StartOutcome.QUARANTINED, refused.outcome());
        assertTrue(refused.message().contains("EncounteredEscrowProportionThreshold"), refused.message());
        assertTrue(refused.message().contains("since " + since), refused.message());
        assertTrue(refused.message().contains("1 attempt"), refused.message());
        assertTrue(refused.message().contains("next attempt at " + since.plus(Duration.ofHours(1))), refused.message());

        t.clock.advance(Duration.ofMinutes(61));
        renameEveryone();
        CycleRecord again = t.sync();
        assertEquals(CycleStatus.QUARANTINED, again.status());
        assertEquals(since, job().quarantine().since(), "the same series");
        assertEquals(2, job().quarantine().attempts());
        assertEquals(again.finishedAt().plus(Duration.ofHours(2)), job().quarantine().nextAttemptAt());

        t.zendesk.failWrites = null;
        t.clock.advance(Duration.ofMinutes(121));
        renameEveryone();
        CycleRecord healthy = t.sync();
        assertEquals(CycleStatus.COMPLETED, healthy.status());
        assertNull(job().quarantine(), "a completed cycle ends the series");
        assertTrue(t.zendesk.allUsers().stream().allMatch(u -> u.name().startsWith("edit 4")));
    }

    @Test
    void credentialsRefusedOnEveryCallInTwoCyclesAreEncounteredQuarantineExceptionAndRestartClearsIt() {
        provision(3);
        t.zendesk.failWrites = REFUSED;
        renameEveryone();
        assertEquals(CycleStatus.COMPLETED, t.sync().status(), "three refused writes once may be a blip");
        renameEveryone();

        CycleRecord quarantined = t.sync();

        assertEquals(CycleStatus.QUARANTINED, quarantined.status());
        assertEquals(Quarantine.CREDENTIALS_REFUSED, job().quarantine().code());
        assertTrue(job().quarantine().reason().contains("ZENDESK_"), job().quarantine().reason());

        t.zendesk.failWrites = null;
        t.engine().restart(Set.of(RestartScope.QUARANTINE));
        assertNull(job().quarantine());
        assertEquals(0, job().failingCycles());
        assertEquals(CycleStatus.COMPLETED, t.sync().status(), "restart --scope quarantine lets the next cycle run now");
        assertTrue(t.zendesk.allUsers().stream().allMatch(u -> u.name().startsWith("edit 2")));
    }

    @Test
    void aFewFailedObjectsAmongHealthyOnesNeverQuarantineHoweverOftenTheyFail() {
        provision(20);
        for (int i = 0; i < 9; i++) t.zendesk.failCreateFor.put("new" + i + "@contoso.com", new ZendeskError(422, "RecordInvalid",
                "Name: is too long", List.of("name: is too long"), false));
        for (int i = 0; i < 9; i++) t.entra.assign(t.entra.addUser("new" + i + "@contoso.com", "new" + i), false, FakeEntra.ROLE_AGENT);

        for (int cycle = 0; cycle < 3; cycle++) {
            t.clock.advance(Duration.ofHours(2)); // every escrowed user is due again
            CycleRecord c = t.sync();
            assertEquals(CycleStatus.COMPLETED, c.status(), c.statusReason());
            assertFalse(job().quarantined());
        }
        assertEquals(20, t.zendesk.allUsers().stream().filter(ZendeskUser::active).count());
    }
}
