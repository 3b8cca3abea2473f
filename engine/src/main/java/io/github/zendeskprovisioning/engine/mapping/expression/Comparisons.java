package io.github.zendeskprovisioning.engine.mapping.expression;

import java.math.BigDecimal;

/**
 * The comparison operators of IIF and CBool conditions. Null compares as the empty string, so
 * {@code IIF([country]="", "Other", [country])} works when the country is missing (Entra's documented trap,
 * where such a condition fails, is not reproduced). Two numbers compare as numbers, two booleans as booleans
 * (so "true" equals "True"); anything else as case-sensitive text.
 */
final class Comparisons {
    private Comparisons() {
    }

    static boolean holds(String operator, Object left, Object right) {
        String l = Values.text(left);
        String r = Values.text(right);
        l = l == null ? "" : l;
        r = r == null ? "" : r;
        int order = order(l, r);
        return switch (operator) {
            case "=" -> order == 0;
            case "<>" -> order != 0;
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException("the parser admits no operator " + operator);
        };
    }

    private static int order(String l, String r) {
        BigDecimal ln = number(l);
        BigDecimal rn = number(r);
        if (ln != null && rn != null) return ln.compareTo(rn);
        if (isBoolean(l) && isBoolean(r)) return Boolean.compare(Boolean.parseBoolean(l), Boolean.parseBoolean(r));
        return l.compareTo(r);
    }

    private static boolean isBoolean(String s) {
        return s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false");
    }

    private static BigDecimal number(String s) {
        try {
            return s.isBlank() ? null : new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
