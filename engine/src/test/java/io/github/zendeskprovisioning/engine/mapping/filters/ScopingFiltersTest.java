package io.github.zendeskprovisioning.engine.mapping.filters;

import io.github.zendeskprovisioning.engine.directory.EntraUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each of Entra's operators, how clauses and filters combine, and the verdicts a preview shows. */
class ScopingFiltersTest {
    private static final EntraUser ANN = new EntraUser("11111111-1111-1111-1111-111111111111", Map.of(
            "department", "Support", "userPrincipalName", "ann@contoso.com", "accountEnabled", "true",
            "employeeId", "1500000", "jobTitle", "", "companyName", "Contoso EMEA"));

    private static boolean passes(String attribute, String operator, String value) {
        return clause(attribute, operator, value).evaluate(ANN.attribute(attribute)).passed();
    }

    private static ScopingClause clause(String attribute, String operator, String value) {
        return new ScopingClause(attribute, ScopingOperator.byName(operator).orElseThrow(), value);
    }

    @Test
    void equalsIsExactAndCaseSensitive() {
        assertTrue(passes("department", "EQUALS", "Support"));
        assertFalse(passes("department", "EQUALS", "support"));
    }

    @Test
    void notEqualsIsTheInverseButFalseOnNoValue() {
        assertTrue(passes("department", "NOT EQUALS", "Sales"));
        assertFalse(passes("department", "NOT EQUALS", "Support"));
        assertFalse(passes("city", "NOT EQUALS", "Paris"), "a clause on a null value is false");
    }

    @Test
    void isTrueAndIsFalseReadBooleans() {
        assertTrue(passes("accountEnabled", "IS TRUE", null));
        assertFalse(passes("accountEnabled", "IS FALSE", null));
        assertFalse(passes("city", "IS FALSE", null), "null is not false");
    }

    @Test
    void isNullIsTrueForMissingAndEmptyValues() {
        assertTrue(passes("city", "IS NULL", null));
        assertTrue(passes("jobTitle", "IS NULL", null));
        assertFalse(passes("department", "IS NULL", null));
    }

    @Test
    void isNotNullNeedsAValue() {
        assertTrue(passes("department", "IS NOT NULL", null));
        assertFalse(passes("jobTitle", "IS NOT NULL", null));
        assertFalse(passes("city", "IS NOT NULL", null));
    }

    @Test
    void regexMatchFindsThePatternAsTheReferenceExamples() {
        assertTrue(passes("userPrincipalName", "REGEX MATCH", ".*\\@contoso.com"));
        assertTrue(passes("employeeId", "REGEX MATCH", "(1[0-9][0-9][0-9][0-9][0-9][0-9])"));
        assertFalse(passes("userPrincipalName", "REGEX MATCH", ".*\\@fabrikam.com"));
    }

    @Test
    void notRegexMatchIsFalseOnNoValue() {
        assertTrue(passes("userPrincipalName", "NOT REGEX MATCH", ".*\\@fabrikam.com"));
        assertFalse(passes("userPrincipalName", "NOT REGEX MATCH", ".*\\@contoso.com"));
        assertFalse(passes("city", "NOT REGEX MATCH", "x"), "Entra: false if the attribute is null / empty");
    }

    @Test
    void includesMeansTheAttributeContainsTheValue() {
        assertTrue(passes("companyName", "Includes", "EMEA"));
        assertFalse(passes("companyName", "Includes", "emea"));
    }

    @Test
    void ampersandMeansTheAttributeOccursInTheValue() {
        assertTrue(passes("department", "&", "Sales,Support,Marketing"));
        assertFalse(passes("department", "&", "Sales,Marketing"));
    }

    @Test
    void notAmpersandMeansTheAttributeDoesNotOccurInTheValue() {
        assertTrue(passes("department", "!&", "Sales,Marketing"));
        assertFalse(passes("department", "!&", "Sales,Support"));
        assertFalse(passes("city", "!&", "Sales"), "a clause on a null value is false");
    }

    @Test
    void endsWithIsCaseSensitive() {
        assertTrue(passes("userPrincipalName", "ENDS_WITH", "@contoso.com"));
        assertFalse(passes("userPrincipalName", "ENDS_WITH", "@CONTOSO.COM"));
    }

    @Test
    void greaterThanComparesWholeNumbers() {
        assertTrue(passes("employeeId", "Greater_Than", "1000000"));
        assertFalse(passes("employeeId", "Greater_Than", "1500000"));
        assertFalse(passes("department", "Greater_Than", "1"), "a value that is no number fails");
    }

    @Test
    void greaterThanOrEqualsIncludesTheValue() {
        assertTrue(passes("employeeId", "Greater_Than_OR_EQUALS", "1500000"));
        assertFalse(passes("employeeId", "Greater_Than_OR_EQUALS", "1500001"));
    }

    @Test
    void lessThanComparesWholeNumbers() {
        assertTrue(passes("employeeId", "Less_Than", "2000000"));
        assertFalse(passes("employeeId", "Less_Than", "1500000"));
    }

    @Test
    void lessThanOrEqualsIncludesTheValue() {
        assertTrue(passes("employeeId", "Less_Than_OR_EQUALS", "1500000"));
        assertFalse(passes("employeeId", "Less_Than_OR_EQUALS", "1499999"));
    }

    @Test
    void clausesAreAndedAndFiltersOred() {
        ScopingFilters filters = new ScopingFilters(List.of(
                List.of(clause("department", "EQUALS", "Sales"), clause("employeeId", "Greater_Than", "1")),
                List.of(clause("department", "EQUALS", "Support"), clause("userPrincipalName", "ENDS_WITH", "@contoso.com"))));
        ScopingVerdict verdict = filters.evaluate(ANN);
        assertTrue(verdict.inScope());
        assertEquals("passes scoping filter 2", verdict.reason());
        assertFalse(verdict.filters().get(0).passed());
        assertFalse(verdict.filters().get(0).clauses().get(0).passed());
        assertTrue(verdict.filters().get(0).clauses().get(1).passed(), "every clause has its verdict, for the preview");

        ScopingFilters stricter = new ScopingFilters(List.of(
                List.of(clause("department", "EQUALS", "Support"), clause("city", "EQUALS", "Paris"))));
        assertFalse(stricter.matches(ANN), "one failed clause fails its filter");
    }

    @Test
    void theReasonNamesTheFirstFailedClauseOfEachFilter() {
        ScopingFilters filters = new ScopingFilters(List.of(List.of(clause("department", "EQUALS", "Sales")),
                List.of(clause("city", "EQUALS", "Paris"))));
        assertEquals("outside the scoping filters (filter 1: department EQUALS \"Sales\": failed (department \"Support\" does not match); "
                + "filter 2: city EQUALS \"Paris\": failed (city has no value, and a clause on no value is false))", filters.evaluate(ANN).reason());
    }

    @Test
    void noFiltersMeansEveryoneIsInScope() {
        assertTrue(ScopingFilters.none().matches(ANN));
    }

    @Test
    void objectIdIsTheUsersId() {
        ScopingFilters filters = new ScopingFilters(List.of(List.of(clause("objectId", "EQUALS", ANN.id()))));
        assertTrue(filters.matches(ANN));
    }

    @Test
    void badClausesAreRefusedWithTheReason() {
        assertEquals("operator 'EQUALS' needs a value", assertThrows(IllegalArgumentException.class,
                () -> clause("department", "EQUALS", null)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> clause("department", "REGEX MATCH", "(x"))
                .getMessage().startsWith("value '(x' is no valid regular expression"));
        assertEquals("operator 'Greater_Than' compares whole numbers; value 'ten' is none", assertThrows(IllegalArgumentException.class,
                () -> clause("employeeId", "Greater_Than", "ten")).getMessage());
    }
}
