package io.github.zendeskprovisioning.adapters.storage;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ODataFilterTest {
    @Test
    void singleQuotesInValuesAreDoubledSoInputCannotEndTheLiteral() {
        assertEquals("SourceId eq 'O''Brien'' or ''1''=''1'", ODataFilter.eq("SourceId", "O'Brien' or '1'='1").text());
    }

    @Test
    void combinationsAreParenthesisedAndCounted() {
        ODataFilter f = ODataFilter.eq("PartitionKey", "p").and(ODataFilter.or(List.of(
                ODataFilter.eq("RowKey", "a"), ODataFilter.eq("RowKey", "b"))));
        assertEquals("(PartitionKey eq 'p') and ((RowKey eq 'a') or (RowKey eq 'b'))", f.text());
        assertEquals(3, f.comparisons());
        assertEquals("(RowKey ge 'ab') and (RowKey lt 'ac')", ODataFilter.startsWith("RowKey", "ab").text());
        assertEquals("NextAttemptMillis le 12L", ODataFilter.le("NextAttemptMillis", 12).text());
    }

    @Test
    void moreThanFifteenComparisonsAndOddPropertyNamesAreRefused() {
        ODataFilter sixteen = ODataFilter.or(Collections.nCopies(16, ODataFilter.eq("RowKey", "x")));
        assertThrows(IllegalStateException.class, sixteen::text);
        assertThrows(IllegalArgumentException.class, () -> ODataFilter.eq("RowKey eq 'x' or 1", "y"));
        assertThrows(IllegalArgumentException.class, () -> ODataFilter.eq("RowKey", null));
    }
}
