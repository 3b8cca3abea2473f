package io.github.zendeskprovisioning.engine.mapping.filters;

import java.math.BigInteger;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One condition on one attribute, Entra's semantics: text comparisons are case-sensitive; {@code Includes} is
 * "the attribute contains the value", {@code &} "the attribute occurs in the value" and {@code !&} its
 * inverse; the Greater/Less operators compare whole numbers; REGEX MATCH finds the pattern anywhere (as .NET's
 * IsMatch). A null or empty attribute fails every clause except IS NULL.
 */
public record ScopingClause(String attribute, ScopingOperator operator, String value) {
    public ScopingClause {
        if (attribute == null || attribute.isBlank()) throw new IllegalArgumentException("a scoping clause needs an attribute");
        if (operator == null) throw new IllegalArgumentException("a scoping clause needs an operator");
        String problem = problem(operator, value);
        if (problem != null) throw new IllegalArgumentException(problem);
    }

    /** What is wrong with this operator and value, or null: a missing value, a pattern or number that is none. */
    public static String problem(ScopingOperator operator, String value) {
        if (operator.needsValue() && value == null) return "operator '" + operator.entraName() + "' needs a value";
        if (operator == ScopingOperator.REGEX_MATCH || operator == ScopingOperator.NOT_REGEX_MATCH) {
            try {
                Pattern.compile(value);
            } catch (PatternSyntaxException e) {
                return "value '" + cut(value) + "' is no valid regular expression (" + e.getDescription() + ")";
            }
        }
        if (operator.numeric() && integer(value) == null) {
            return "operator '" + operator.entraName() + "' compares whole numbers; value '" + cut(value) + "' is none";
        }
        return null;
    }

    public ClauseVerdict evaluate(String actual) {
        boolean empty = actual == null || actual.isEmpty();
        if (operator == ScopingOperator.IS_NULL) return verdict(actual, empty, empty ? "is empty" : "has a value");
        if (empty) return verdict(actual, false, "has no value, and a clause on no value is false");
        boolean passed = switch (operator) {
            case EQUALS -> actual.equals(value);
            case NOT_EQUALS -> !actual.equals(value);
            case IS_TRUE -> actual.trim().equalsIgnoreCase("true");
            case IS_FALSE -> actual.trim().equalsIgnoreCase("false");
            case IS_NOT_NULL -> true;
            case REGEX_MATCH -> Pattern.compile(value).matcher(actual).find();
            case NOT_REGEX_MATCH -> !Pattern.compile(value).matcher(actual).find();
            case INCLUDES -> actual.contains(value);
            case EXISTS_IN -> value.contains(actual);
            case NOT_EXISTS_IN -> !value.contains(actual);
            case ENDS_WITH -> actual.endsWith(value);
            default -> numeric(actual);
        };
        if (operator.numeric() && integer(actual) == null) {
            return verdict(actual, false, "is no whole number, so it cannot be compared");
        }
        return verdict(actual, passed, passed ? "matches" : "does not match");
    }

    private boolean numeric(String actual) {
        BigInteger a = integer(actual);
        BigInteger v = integer(value);
        if (a == null || v == null) return false;
        int c = a.compareTo(v);
        return switch (operator) {
            case GREATER_THAN -> c > 0;
            case GREATER_THAN_OR_EQUALS -> c >= 0;
            case LESS_THAN -> c < 0;
            default -> c <= 0;
        };
    }

    private ClauseVerdict verdict(String actual, boolean passed, String why) {
        return new ClauseVerdict(this, actual, passed, why);
    }

    private static BigInteger integer(String s) {
        if (s == null) return null;
        try {
            return new BigInteger(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String cut(String s) {
        if (s == null) return "";
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    /** As the configuration writes it: {@code department EQUALS "Support"}. */
    public String describe() {
        return attribute + " " + operator.entraName() + (operator.needsValue() ? " \"" + cut(value) + "\"" : "");
    }
}
