package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.fakes.FakeEntra;
import io.github.zendeskprovisioning.engine.fakes.Tenant;
import io.github.zendeskprovisioning.engine.state.CycleRecord;
import io.github.zendeskprovisioning.engine.state.CycleStatus;
import io.github.zendeskprovisioning.engine.state.JobState;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.Quarantine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** approve-deletions releases exactly what the held cycle held: no more, and nothing no longer due. */
class DeletionApprovalTest {
    private final Tenant t = new Tenant();
    private final List<String> users = new ArrayList<>();

    @AfterEach
    void noMessageEverFailed() {
        assertEquals(List.of(), t.problems, "every queue message was handled on its first delivery");
    }

    private void provision(int n) {
        for (int i = 0; i < n; i++) {
            String id = t.entra.addUser("u" + i + "@contoso.com", "u" + i);
            t.entra.assign(id, false, FakeEntra.ROLE_AGENT);
            users.add(id);
        }
        assertEquals(CycleStatus.COMPLETED, t.sync().status());
        t.deleteThreshold = 10;
    }

    private Set<String> suspended() {
        return users.stream().filter(id -> t.zendesk.byExternalId(id).suspended()).collect(Collectors.toSet());
    }

    private JobState job() {
        return t.stores.cycles().jobState();
    }

    private CycleRecord heldAfterUnassigning(List<String> ids) {
        ids.forEach(t.entra::unassign);
        CycleRecord held = t.sync();
        assertEquals(CycleStatus.HELD, held.status(), held.statusReason());
        return held;
    }

    @Test
    void approvingThirtyHeldSuspensionsLetsTheNextCycleMakeExactlyThoseThirty() {
        provision(40);
        List<String> thirty = users.subList(0, 30);
        CycleRecord held = heldAfterUnassigning(thirty);
        assertEquals(held.cycleId(), job().heldCycleId());
        assertEquals(30, job().heldCount());
        assertEquals(Quarantine.TOO_MANY_DELETES, job().quarantine().code());
        assertFalse(job().quarantined(), "the guard's hold holds creates and updates back in no cycle");

        assertTrue(t.engine().approveDeletions().deletionsApproved());
        CycleRecord approved = t.sync();

        assertEquals(CycleStatus.COMPLETED, approved.status(), approved.statusReason());
        assertEquals(Set.copyOf(thirty), suspended());
        assertEquals(30, approved.count("Disable.Success"));
        assertNull(job().heldCycleId());
        assertFalse(job().deletionsApproved(), "an approval is used once");
        assertNull(job().quarantine(), "a completed cycle ends the TooManyDeletes series");
    }

    @Test
    void approvingThirtyHeldDoesNotLetTwentyNewOnesThroughTheyAreHeldAgain() {
        provision(60);
        List<String> thirty = users.subList(0, 30);
        List<String> twenty = users.subList(30, 50);
        heldAfterUnassigning(thirty);
        twenty.forEach(t.entra::unassign);

        t.engine().approveDeletions();
        CycleRecord next = t.sync();

        assertEquals(CycleStatus.HELD, next.status(), "the 20 new removals are over the threshold of 10");
        assertEquals(Set.copyOf(thirty), suspended(), "the approved 30 went ahead");
        assertEquals(20, t.log(next.cycleId()).stream().filter(e -> e.action() == ProvisioningAction.STAGED_DELETE).count());
        assertEquals(next.cycleId(), job().heldCycleId());
        assertEquals(20, job().heldCount());
        assertFalse(job().deletionsApproved(), "the new hold waits for its own approval");
        assertEquals(2, job().quarantine().attempts(), "the second held cycle of the TooManyDeletes series");

        t.engine().approveDeletions();
        CycleRecord last = t.sync();
        assertEquals(CycleStatus.COMPLETED, last.status(), last.statusReason());
        assertEquals(50, suspended().size());
    }

    @Test
    void aHeldUserBackInScopeIsNotSuspendedByTheApproval() {
        provision(40);
        List<String> thirty = users.subList(0, 30);
        heldAfterUnassigning(thirty);
        List<String> back = thirty.subList(0, 5);
        back.forEach(id -> t.entra.assign(id, false, FakeEntra.ROLE_AGENT));

        t.engine().approveDeletions();
        CycleRecord approved = t.sync();

        assertEquals(CycleStatus.COMPLETED, approved.status(), approved.statusReason());
        assertEquals(Set.copyOf(thirty.subList(5, 30)), suspended());
    }

    @Test
    void anApprovalGivenBeforeAnyHoldReleasesNothing() {
        provision(40);
        t.engine().approveDeletions();

        CycleRecord held = heldAfterUnassigning(users.subList(0, 30));

        assertEquals(Set.of(), suspended());
        assertEquals(held.cycleId(), job().heldCycleId());
    }

    @Test
    void aDryRunNeitherUsesTheApprovalNorReplacesTheHold() {
        provision(40);
        List<String> thirty = users.subList(0, 30);
        CycleRecord held = heldAfterUnassigning(thirty);
        t.engine().approveDeletions();

        t.sync(false, true);
        assertEquals(held.cycleId(), job().heldCycleId());
        assertTrue(job().deletionsApproved());
        assertEquals(Set.of(), suspended());

        assertEquals(CycleStatus.COMPLETED, t.sync().status());
        assertEquals(Set.copyOf(thirty), suspended());
    }
}
