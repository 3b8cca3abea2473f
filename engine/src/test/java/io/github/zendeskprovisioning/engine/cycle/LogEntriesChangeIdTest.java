package io.github.zendeskprovisioning.engine.cycle;

import io.github.zendeskprovisioning.engine.state.ObjectKind;
import io.github.zendeskprovisioning.engine.state.ProvisioningAction;
import io.github.zendeskprovisioning.engine.state.ProvisioningStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LogEntriesChangeIdTest {
    private static final Instant T = Instant.parse("2026-03-02T10:00:00Z");

    private static String changeId(String cycle, String step, String user, ProvisioningAction action, Instant at) {
        return new LogEntries(cycle, step, ObjectKind.USER, user, "User", false)
                .finish(action, ProvisioningStatus.SUCCESS, null, at).changeId();
    }

    @Test
    void changeIdsAreTheSameOnReplayAndShareTheirStepsPrefixSoABatchIsOneKeyRange() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            String id = changeId("cycle-1", "users/batch-3", "user-" + i, ProvisioningAction.CREATE, T);
            assertEquals(id, changeId("cycle-1", "users/batch-3", "user-" + i, ProvisioningAction.CREATE, T.plusSeconds(60)),
                    "a replay, later, makes the same id");
            assertEquals(id, UUID.fromString(id).toString(), "still a UUID");
            assertEquals(changeId("cycle-1", "users/batch-3", "user-0", ProvisioningAction.CREATE, T).substring(0, 8), id.substring(0, 8));
            ids.add(id);
        }
        assertEquals(100, ids.size());
        String one = changeId("cycle-1", "users/batch-3", "user-1", ProvisioningAction.CREATE, T);
        assertNotEquals(one, changeId("cycle-1", "users/batch-3", "user-1", ProvisioningAction.UPDATE, T), "another action");
        assertNotEquals(one.substring(0, 8), changeId("cycle-1", "users/batch-4", "user-1", ProvisioningAction.CREATE, T).substring(0, 8),
                "another step");
        assertNotEquals(one.substring(0, 8), changeId("cycle-2", "users/batch-3", "user-1", ProvisioningAction.CREATE, T).substring(0, 8),
                "another cycle");
    }

    @Test
    void entriesOfOneGroupsMembersShareTheirBatchsPrefixYetStayDistinctPerGroup() {
        String inGroupA = new LogEntries("cycle-1", "groups/batch-2/group-a", ObjectKind.USER, "user-1", null, false)
                .prefixedBy("groups/batch-2").finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, null, T).changeId();
        String inGroupB = new LogEntries("cycle-1", "groups/batch-2/group-b", ObjectKind.USER, "user-1", null, false)
                .prefixedBy("groups/batch-2").finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, null, T).changeId();
        String batch = changeId("cycle-1", "groups/batch-2", "user-9", ProvisioningAction.SKIP, T);

        assertNotEquals(inGroupA, inGroupB, "one user skipped for two groups of a batch: two entries");
        assertEquals(batch.substring(0, 8), inGroupA.substring(0, 8));
        assertEquals(batch.substring(0, 8), inGroupB.substring(0, 8));
        assertEquals(inGroupA, new LogEntries("cycle-1", "groups/batch-2/group-a", ObjectKind.USER, "user-1", null, false)
                .prefixedBy("groups/batch-2").finish(ProvisioningAction.SKIP, ProvisioningStatus.SKIPPED, null, T.plusSeconds(9)).changeId(),
                "the same on replay");
    }
}
