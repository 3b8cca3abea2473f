package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.Clock;
import java.util.List;

/**
 * The arguments of one call, evaluated when first asked for (so IIF and Switch only evaluate what they
 * choose); an empty slot or a missing trailing argument is "absent", which is not the same as "".
 */
final class Arguments {
    private final String function;
    private final List<Node> nodes;
    private final Evaluator evaluator;
    private final Object[] values;
    private final boolean[] done;

    Arguments(String function, List<Node> nodes, Evaluator evaluator) {
        this.function = function;
        this.nodes = nodes;
        this.evaluator = evaluator;
        this.values = new Object[nodes.size()];
        this.done = new boolean[nodes.size()];
    }

    int size() {
        return nodes.size();
    }

    boolean present(int i) {
        return i < nodes.size() && !(nodes.get(i) instanceof Node.Empty);
    }

    Object value(int i) {
        if (!present(i)) return null;
        if (!done[i]) {
            values[i] = evaluator.evaluate(nodes.get(i));
            done[i] = true;
        }
        return values[i];
    }

    String text(int i) {
        return Values.text(value(i));
    }

    /** A whole number argument; null when absent or null. */
    Integer integer(int i, String what) {
        String s = text(i);
        if (s == null) return null;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw failure(what + " must be a whole number, not '" + Quote.cut(s) + "'");
        }
    }

    Clock clock() {
        return evaluator.clock();
    }

    EvaluationException failure(String problem) {
        return new EvaluationException(function + ": " + problem);
    }
}
