package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/** Evaluates an expression against a few attributes, at a fixed "now". */
final class Evaluate {
    static final Clock JULY_2_2021 = Clock.fixed(Instant.parse("2021-07-02T15:33:38Z"), ZoneOffset.UTC);

    private Evaluate() {
    }

    static Object of(String expression, Object... nameValuePairs) {
        return at(JULY_2_2021, expression, nameValuePairs);
    }

    static Object at(Clock clock, String expression, Object... nameValuePairs) {
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) attributes.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        return Expression.parse(expression).evaluate(attributes::get, clock);
    }
}
