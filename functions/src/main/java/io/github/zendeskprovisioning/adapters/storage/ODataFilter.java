package io.github.zendeskprovisioning.adapters.storage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The one place OData {@code $filter} text is made. Values are always quoted with single quotes doubled
 * (or written as typed numbers), property names must be plain identifiers, so no input can change the
 * shape of a filter. Table Storage accepts at most 15 comparisons per filter; {@link #comparisons()} lets
 * callers size their chunks and {@link #text()} refuses more.
 */
final class ODataFilter {
    static final int MAX_COMPARISONS = 15;
    private static final Pattern PROPERTY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,254}");

    private final String text;
    private final int comparisons;

    private ODataFilter(String text, int comparisons) {
        this.text = text;
        this.comparisons = comparisons;
    }

    static ODataFilter eq(String property, String value) {
        return compare(property, "eq", value);
    }

    static ODataFilter gt(String property, String value) {
        return compare(property, "gt", value);
    }

    static ODataFilter ge(String property, String value) {
        return compare(property, "ge", value);
    }

    static ODataFilter lt(String property, String value) {
        return compare(property, "lt", value);
    }

    /** {@code property le value} for an Edm.Int64 column. */
    static ODataFilter le(String property, long value) {
        return new ODataFilter(name(property) + " le " + value + "L", 1);
    }

    /** Keys starting with {@code prefix}: {@code ge prefix and lt} the prefix with its last char raised by one. */
    static ODataFilter startsWith(String property, String prefix) {
        if (prefix.isEmpty()) throw new IllegalArgumentException("a key prefix must not be empty");
        char last = prefix.charAt(prefix.length() - 1);
        String upper = prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
        return ge(property, prefix).and(lt(property, upper));
    }

    ODataFilter and(ODataFilter other) {
        return join("and", List.of(this, other));
    }

    static ODataFilter and(List<ODataFilter> parts) {
        return join("and", parts);
    }

    static ODataFilter or(List<ODataFilter> parts) {
        return join("or", parts);
    }

    int comparisons() {
        return comparisons;
    }

    String text() {
        if (comparisons > MAX_COMPARISONS) {
            throw new IllegalStateException("filter has " + comparisons + " comparisons; Table Storage allows " + MAX_COMPARISONS);
        }
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    private static ODataFilter compare(String property, String op, String value) {
        if (value == null) throw new IllegalArgumentException("a filter value must not be null");
        return new ODataFilter(name(property) + " " + op + " '" + value.replace("'", "''") + "'", 1);
    }

    private static ODataFilter join(String op, List<ODataFilter> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to combine");
        if (parts.size() == 1) return parts.get(0);
        StringBuilder text = new StringBuilder();
        int count = 0;
        for (ODataFilter part : parts) {
            if (text.length() > 0) text.append(' ').append(op).append(' ');
            text.append('(').append(part.text).append(')');
            count += part.comparisons;
        }
        return new ODataFilter(text.toString(), count);
    }

    private static String name(String property) {
        if (!PROPERTY.matcher(property).matches()) throw new IllegalArgumentException("not a property name: " + property);
        return property;
    }
}
