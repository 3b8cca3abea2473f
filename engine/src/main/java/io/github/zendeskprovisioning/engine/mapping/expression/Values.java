package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.List;

/**
 * The values expressions work on: null, a String, or a List of Strings. Booleans are the strings
 * {@code "True"} and {@code "False"} and numbers their decimal text, as Entra passes them.
 */
public final class Values {
    static final String TRUE = "True";
    static final String FALSE = "False";

    private Values() {
    }

    /** One string: a multi-valued value where one string is expected counts as its values joined by commas. */
    public static String text(Object value) {
        if (value == null) return null;
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value.toString();
    }

    /** The values of a value: none for null, one for a string, each for a multi-valued one. */
    public static List<String> items(Object value) {
        if (value == null) return List.of();
        if (value instanceof List<?> list) return list.stream().map(String::valueOf).toList();
        return List.of(value.toString());
    }

    static String bool(boolean b) {
        return b ? TRUE : FALSE;
    }

    static boolean isNullOrEmpty(Object value) {
        if (value == null) return true;
        if (value instanceof List<?> list) return list.isEmpty();
        return value.toString().isEmpty();
    }

    /** True for "True" (any case) and non-zero numbers; null, empty and anything else is false. */
    static boolean truthy(Object value) {
        String s = text(value);
        if (s == null) return false;
        s = s.trim();
        if (s.equalsIgnoreCase("true")) return true;
        try {
            return new java.math.BigDecimal(s).signum() != 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
