package io.github.zendeskprovisioning.engine.mapping.expression;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static io.github.zendeskprovisioning.engine.mapping.expression.Evaluate.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The syntax Entra documents, and errors that say where and what was expected. */
class ExpressionSyntaxTest {

    private static ExpressionException error(String expression) {
        return assertThrows(ExpressionException.class, () -> Expression.parse(expression));
    }

    @Test
    void stringsEscapeQuotesAndBackslashes() {
        assertEquals("Company name: \"Contoso\"", of("Join(\"\", \"Company name: \\\"Contoso\\\"\")"));
        assertEquals("a\\b", of("Join(\"\", \"a\\\\b\")"));
    }

    @Test
    void anUnknownEscapeIsAnErrorAtItsColumn() {
        ExpressionException e = error("Replace([x], , \"\\d+\", , \"\", , )");
        assertEquals(17, e.column(), "the backslash");
        assertTrue(e.getMessage().contains("unknown escape '\\d'"), e.getMessage());
        assertTrue(e.getMessage().contains("column 17"), e.getMessage());
    }

    @Test
    void numbersMayBeNegativeAndAreStrings() {
        assertEquals("1000", of("CStr(1000)"));
        assertEquals("-3", of("CStr(-3)"));
    }

    @Test
    void callsNestAndAttributesAreRead() {
        assertEquals("ANN", of("ToUpper(Left([givenName], 3))", "givenName", "Anna"));
        assertEquals("Anna", of("[givenName]", "givenName", "Anna"), "a bare attribute is an expression too");
        assertEquals("x", of("\"x\""));
    }

    @Test
    void emptyArgumentSlotsAreAbsentNotEmptyStrings() {
        assertNull(of("Switch([k], , \"a\", \"1\")", "k", "b"), "an empty default slot: nothing flows");
        assertEquals("", of("Switch([k], \"\", \"a\", \"1\")", "k", "b"), "an empty string default flows \"\"");
    }

    @Test
    void functionNamesAreCaseSensitive() {
        ExpressionException e = error("toLower([mail])");
        assertEquals("unknown function 'toLower' (function names are case-sensitive: ToLower)", e.problem());
        assertEquals(1, e.column());
    }

    @Test
    void anUnknownFunctionIsNamedWithItsPosition() {
        ExpressionException e = error("Join(\" \", Frobnicate([a]))");
        assertEquals("unknown function 'Frobnicate'", e.problem());
        assertEquals(11, e.column());
    }

    @Test
    void entraFunctionsLeftOutSayWhy() {
        assertTrue(error("RandomString(6,3,0,0,3)").problem().startsWith("the Entra function RandomString is not offered here"));
    }

    @Test
    void argumentCountsAreChecked() {
        assertEquals("ToLower takes 1 to 2 arguments, found 3", error("ToLower([a], \"en\", \"x\")").problem());
        assertEquals("Mid takes exactly 3 arguments, found 2", error("Mid([a], 1)").problem());
        assertEquals("Switch takes its source, a default value, then key/value pairs (an even number of arguments), found 5",
                error("Switch([a], \"d\", \"k\", \"v\", \"k2\")").problem());
        assertEquals("Now takes exactly 0 arguments, found 1", error("Now(1)").problem());
    }

    @Test
    void syntaxErrorsSayWhatWasExpected() {
        assertEquals("expected ',' or ')' in the arguments of Join, found the end of the expression", error("Join(\" \", [a]").problem());
        assertEquals("string not closed: expected '\"'", error("Join(\" \", \"abc)").problem());
        assertEquals("attribute name not closed: expected ']'", error("ToLower([mail)").problem());
        assertEquals("expected the end of the expression, found ')'", error("ToLower([mail]))").problem());
        assertEquals("empty expression: expected a function, an attribute or a string", error("  ").problem());
        assertTrue(error("ToLower(mail)").problem().startsWith("unknown name 'mail': attributes go in square brackets ([mail])"));
        assertEquals("unexpected character ';'", error("ToLower([mail]);").problem());
    }

    @Test
    void errorsInMultiLineExpressionsGiveLineAndColumn() {
        ExpressionException e = error("Switch([Active], ,\n  \"1\", Nope())");
        assertEquals(2, e.line());
        assertEquals(8, e.column());
        assertTrue(e.getMessage().endsWith("at line 2, column 8"), e.getMessage());
    }

    @Test
    void literalRegexAndIntervalAreCheckedBeforeAnyUser() {
        ExpressionException regex = error("Replace([a], , \"(unclosed\", , \"\", , )");
        assertEquals(16, regex.column());
        assertTrue(regex.problem().startsWith("regexPattern \"(unclosed\" is no valid regular expression"), regex.problem());
        assertEquals("unknown interval \"days\": expected yyyy, m, d, ww, h, n or s", error("DateAdd(\"days\", 1, Now())").problem());
    }

    @Test
    void comparisonsWorkOnNumbersBooleansAndText() {
        assertEquals("True", of("CBool(\"10\" > \"9\")"), "numbers compare as numbers");
        assertEquals("True", of("CBool([accountEnabled] = \"True\")", "accountEnabled", "true"), "booleans ignore case");
        assertEquals("True", of("CBool([a] <> \"x\")", "a", "y"));
        assertEquals("True", of("CBool([a] <= \"b\")", "a", "a"));
        assertEquals("False", of("CBool([a] >= \"b\")", "a", "a"));
        assertEquals("True", of("CBool([a] < \"b\")", "a", "a"));
    }

    @Test
    void theAttributesAnExpressionReadsAreListedWithTheirPositions() {
        Expression e = Expression.parse("Join(\" \", [givenName], IIF([surname]=\"\", [mail], [surname]))");
        assertEquals(Set.of("givenName", "surname", "mail"), e.attributeNames());
        Expression.AttributeReference first = e.attributes().get(0);
        assertEquals("givenName", first.name());
        assertEquals(11, first.column());
    }

    @Test
    void runtimeProblemsNameTheFunction() {
        EvaluationException e = assertThrows(EvaluationException.class, () -> of("Mid([a], [b], 2)", "a", "abc", "b", "x"));
        assertEquals("Mid: start must be a whole number, not 'x'", e.getMessage());
        EvaluationException date = assertThrows(EvaluationException.class, () -> of("CDate([d])", "d", "yesterday"));
        assertTrue(date.getMessage().startsWith("CDate: the value 'yesterday' is no date"), date.getMessage());
        EvaluationException range = assertThrows(EvaluationException.class, () -> of("DateAdd(\"yyyy\", 2000000000, Now())"));
        assertTrue(range.getMessage().startsWith("DateAdd: DateTimeException"), range.getMessage());
    }

    @Test
    void everyFunctionTheIssueNamesIsOffered() {
        List<String> required = List.of("Append", "CBool", "CStr", "Coalesce", "ConvertToBase64", "ConvertToUTF8Hex", "Count",
                "DateAdd", "DateDiff", "FormatDateTime", "IgnoreFlowIfNullOrEmpty", "IIF", "InStr", "IsNull", "IsNullOrEmpty",
                "IsPresent", "IsString", "Item", "Join", "Left", "Mid", "NormalizeDiacritics", "Not", "Now", "PCase", "Redact",
                "RemoveDuplicates", "Replace", "SingleAppRoleAssignment", "Split", "StripSpaces", "Switch", "ToLower", "ToUpper", "Word");
        assertTrue(Expression.functionNames().containsAll(required));
    }
}
