package io.github.zendeskprovisioning.adapters.storage;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableKeysTest {
    @Test
    void escapingIsReversibleAndLeavesNoForbiddenCharacter() {
        for (String id : StoreContract.HOSTILE_IDS) {
            String key = TableKeys.encode(id);
            assertTrue(key.length() <= TableKeys.MAX_KEY_CHARS, id);
            for (char c : key.toCharArray()) {
                assertFalse(c <= 0x1F || (c >= 0x7F && c <= 0x9F) || "/\\#?'%".indexOf(c) >= 0, "forbidden char in " + key);
            }
            if (id.length() < 150) assertEquals(id, TableKeys.decode(key));
        }
        assertEquals("a~2Fb~5Cc~23d~3Fe", TableKeys.encode("a/b\\c#d?e"));
        assertEquals("O~27Brien", TableKeys.encode("O'Brien"));
        assertEquals("plain-id", TableKeys.encode("plain-id"));
    }

    @Test
    void overLongIdsGetDistinctStableHashedKeys() {
        String a = TableKeys.encode("x".repeat(2000));
        String b = TableKeys.encode("x".repeat(2001));
        assertNotEquals(a, b);
        assertEquals(a, TableKeys.encode("x".repeat(2000)));
        assertTrue(a.contains("~~"));
        assertThrows(IllegalArgumentException.class, () -> TableKeys.decode(a));
        assertThrows(IllegalArgumentException.class, () -> TableKeys.encode(""));
    }

    @Test
    void invertedTimesSortNewestFirstAsText() {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        assertTrue(TableKeys.invertedTime(t.plusNanos(1)).compareTo(TableKeys.invertedTime(t)) < 0);
        assertTrue(TableKeys.invertedDay(t.plusSeconds(86_400)).compareTo(TableKeys.invertedDay(t)) < 0);
        assertEquals(19, TableKeys.invertedTime(t).length());
        assertThrows(IllegalArgumentException.class, () -> TableKeys.invertedTime(Instant.EPOCH.minusSeconds(1)));
    }
}
