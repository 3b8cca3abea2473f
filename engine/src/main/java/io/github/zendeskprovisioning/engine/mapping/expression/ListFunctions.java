package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** Multi-valued attributes: Count, Item (1-based), RemoveDuplicates, SingleAppRoleAssignment, Split. */
final class ListFunctions {
    private ListFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                new ExpressionFunction("Count", Signature.exactly(1), a -> Integer.toString(Values.items(a.value(0)).size())),
                new ExpressionFunction("Item", Signature.exactly(2), ListFunctions::item),
                new ExpressionFunction("RemoveDuplicates", Signature.exactly(1), ListFunctions::removeDuplicates),
                new ExpressionFunction("SingleAppRoleAssignment", Signature.exactly(1), ListFunctions::singleAppRoleAssignment),
                new ExpressionFunction("Split", Signature.exactly(2), ListFunctions::split));
    }

    /** Item 1 is the first; an index beyond the values gives null (nothing flows), as does Entra's forbidden 0. */
    private static Object item(Arguments a) {
        List<String> items = Values.items(a.value(0));
        Integer index = a.integer(1, "index");
        if (index == null || index < 1 || index > items.size()) return null;
        return items.get(index - 1);
    }

    private static Object removeDuplicates(Arguments a) {
        Object v = a.value(0);
        if (!(v instanceof List<?>)) return v;
        return List.copyOf(new LinkedHashSet<>(Values.items(v)));
    }

    /**
     * The role of the user's app role assignment (the value the engine supplies for [appRoleAssignments]); with
     * several, the first, as Entra gives no order either. None gives null.
     */
    private static Object singleAppRoleAssignment(Arguments a) {
        List<String> roles = Values.items(a.value(0));
        return roles.isEmpty() ? null : roles.get(0);
    }

    /** The parts between delimiters, each trimmed (Entra's example turns "One, Two" into ["One", "Two"]). */
    private static Object split(Arguments a) {
        String s = a.text(0);
        String delimiter = a.text(1);
        if (s == null) return null;
        if (delimiter == null || delimiter.isEmpty()) throw a.failure("the delimiter must not be empty");
        List<String> parts = new ArrayList<>();
        for (String part : s.split(Pattern.quote(delimiter), -1)) parts.add(part.trim());
        return List.copyOf(parts);
    }
}
