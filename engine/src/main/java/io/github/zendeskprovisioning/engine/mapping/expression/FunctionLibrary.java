package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The functions an expression may call, by their case-sensitive names. */
final class FunctionLibrary {
    /** Entra functions left out on purpose, and why: a clear answer beats "unknown function". */
    private static final Map<String, String> NOT_OFFERED = Map.of(
            "AppRoleAssignmentsComplex", "it builds SCIM role objects, and Zendesk roles come from the app role assignments",
            "BitAnd", "it serves Active Directory flags, which Zendesk has no use for",
            "DateFromNum", "it reads Active Directory timestamps, which Entra users do not carry",
            "NumFromDate", "it writes Active Directory timestamps, which Zendesk does not take",
            "Guid", "a new value on every evaluation would rewrite the user in every cycle",
            "RandomString", "a new value on every evaluation would rewrite the user in every cycle",
            "SelectUniqueValue", "Entra supports it only for on-premises Active Directory targets");

    private static final FunctionLibrary STANDARD = new FunctionLibrary(List.of(TextFunctions.all(), ConditionFunctions.all(),
            ListFunctions.all(), EncodingFunctions.all(), DateFunctions.all(), List.of(ReplaceFunction.definition())));

    private final Map<String, ExpressionFunction> functions;

    private FunctionLibrary(List<List<ExpressionFunction>> families) {
        Map<String, ExpressionFunction> all = new TreeMap<>();
        for (List<ExpressionFunction> family : families) {
            for (ExpressionFunction f : family) {
                if (all.put(f.name(), f) != null) throw new IllegalStateException("function " + f.name() + " defined twice");
            }
        }
        this.functions = Collections.unmodifiableMap(all);
    }

    static FunctionLibrary standard() {
        return STANDARD;
    }

    Optional<ExpressionFunction> find(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    List<String> names() {
        return new ArrayList<>(functions.keySet());
    }

    /** The message for a name that is no function here. */
    String unknownFunction(String name) {
        String why = NOT_OFFERED.get(name);
        if (why != null) return "the Entra function " + name + " is not offered here: " + why;
        for (String known : functions.keySet()) {
            if (known.equalsIgnoreCase(name)) {
                return "unknown function '" + Quote.cut(name) + "' (function names are case-sensitive: " + known + ")";
            }
        }
        return "unknown function '" + Quote.cut(name) + "'";
    }
}
