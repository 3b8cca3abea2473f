package io.github.zendeskprovisioning.engine.actions;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnedTagsTest {
    @Test
    void tagsAddedByHandStayAndOnlyOwnedTagsTheMappingNoLongerGivesGo() {
        assertEquals(List.of("vip", "support", "tier2"),
                OwnedTags.merge(List.of("sales", "vip", "emea"), List.of("sales", "emea"), List.of("support", "tier2")));
    }

    @Test
    void anOwnedTagStillDesiredKeepsItsPlace() {
        assertEquals(List.of("sales", "vip", "new"),
                OwnedTags.merge(List.of("sales", "vip"), List.of("sales"), List.of("sales", "new")));
    }

    @Test
    void nothingOwnedBeforeMeansNothingIsTakenAway() {
        assertEquals(List.of("handmade", "sales"), OwnedTags.merge(List.of("handmade"), List.of(), List.of("sales")));
    }

    @Test
    void orderDoesNotMakeADifferentSet() {
        assertTrue(OwnedTags.sameSet(List.of("a", "b"), List.of("b", "a")));
        assertFalse(OwnedTags.sameSet(List.of("a"), List.of("a", "b")));
    }
}
