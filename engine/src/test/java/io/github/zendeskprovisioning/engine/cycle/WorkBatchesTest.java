package io.github.zendeskprovisioning.engine.cycle;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WorkBatchesTest {

    @Test
    void aPageOfGroupsIsCutIntoAboutEightBatchesOfFiveToFifty() {
        assertEquals(5, WorkBatches.groupsPerBatch(3), "a few groups: one small batch");
        assertEquals(5, WorkBatches.groupsPerBatch(31), "31 groups: 7 batches for the workers to share");
        assertEquals(25, WorkBatches.groupsPerBatch(200), "a page of 200: 8 batches");
        assertEquals(50, WorkBatches.groupsPerBatch(999), "never more than 50 in one batch");
    }
}
