package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.Clock;

/** Walks the tree for one object's attributes. */
final class Evaluator {
    private final FunctionLibrary library;
    private final AttributeSource attributes;
    private final Clock clock;

    Evaluator(FunctionLibrary library, AttributeSource attributes, Clock clock) {
        this.library = library;
        this.attributes = attributes;
        this.clock = clock;
    }

    Object evaluate(Node node) {
        if (node instanceof Node.Attribute a) return attributes.value(a.name());
        if (node instanceof Node.Literal l) return l.value();
        if (node instanceof Node.Constant c) return c.name();
        if (node instanceof Node.Call call) {
            try {
                return library.find(call.function()).orElseThrow()
                        .body().apply(new Arguments(call.function(), call.arguments(), this));
            } catch (EvaluationException e) {
                throw e;
            } catch (RuntimeException e) {
                // A value out of any range (a date past year 999999999, say): one user's problem, not the cycle's.
                throw new EvaluationException(call.function() + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + Quote.cut(e.getMessage())));
            }
        }
        if (node instanceof Node.Comparison c) {
            return Values.bool(Comparisons.holds(c.operator(), evaluate(c.left()), evaluate(c.right())));
        }
        return null; // an empty argument slot
    }

    Clock clock() {
        return clock;
    }
}
