package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.List;

/**
 * Tests and choices: CBool, Coalesce, IgnoreFlowIfNullOrEmpty, IIF, IsNull, IsNullOrEmpty, IsPresent, IsString,
 * Not, Redact, Switch. Null sources are ordinary values here: IIF and Switch decide on them instead of failing
 * (Entra documents both as traps).
 */
final class ConditionFunctions {
    private ConditionFunctions() {
    }

    static List<ExpressionFunction> all() {
        return List.of(
                new ExpressionFunction("CBool", Signature.exactly(1), a -> Values.bool(Values.truthy(a.value(0)))),
                new ExpressionFunction("Coalesce", Signature.atLeast(1), ConditionFunctions::coalesce),
                new ExpressionFunction("IgnoreFlowIfNullOrEmpty", Signature.exactly(1),
                        a -> Values.isNullOrEmpty(a.value(0)) ? null : a.value(0)),
                new ExpressionFunction("IIF", Signature.exactly(3), a -> Values.truthy(a.value(0)) ? a.value(1) : a.value(2)),
                new ExpressionFunction("IsNull", Signature.exactly(1), a -> Values.bool(a.value(0) == null)),
                new ExpressionFunction("IsNullOrEmpty", Signature.exactly(1), a -> Values.bool(Values.isNullOrEmpty(a.value(0)))),
                new ExpressionFunction("IsPresent", Signature.exactly(1), a -> Values.bool(!Values.isNullOrEmpty(a.value(0)))),
                new ExpressionFunction("IsString", Signature.exactly(1), a -> Values.bool(a.value(0) instanceof String)),
                new ExpressionFunction("Not", Signature.exactly(1), a -> Values.bool(!Values.truthy(a.value(0)))),
                // The value flows unchanged; the mapping result is marked so logs and previews show [Redact].
                new ExpressionFunction("Redact", Signature.exactly(1), a -> a.value(0)),
                new ExpressionFunction("Switch", new Signature(4, Integer.MAX_VALUE, true), ConditionFunctions::switchOf));
    }

    /** The first argument that is not null; the last one is the default, so it is just the last candidate. */
    private static Object coalesce(Arguments a) {
        for (int i = 0; i < a.size(); i++) {
            Object v = a.value(i);
            if (v != null) return v;
        }
        return null;
    }

    /**
     * Case-sensitive match of the source against each key; a missing source matches the key "" (Entra's own
     * advice for empty values). Only the chosen value is evaluated.
     */
    private static Object switchOf(Arguments a) {
        String source = a.text(0);
        String s = source == null ? "" : source;
        for (int i = 2; i + 1 < a.size(); i += 2) {
            String key = a.text(i);
            if (s.equals(key == null ? "" : key)) return a.value(i + 1);
        }
        return a.value(1);
    }
}
