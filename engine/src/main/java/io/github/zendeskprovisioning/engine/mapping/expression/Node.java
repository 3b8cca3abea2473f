package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.List;

/** The syntax tree of an expression; {@code offset} is where the node starts (0-based). */
sealed interface Node {
    int offset();

    /** {@code [name]}: a source attribute. */
    record Attribute(String name, int offset) implements Node {
    }

    /** {@code "text"}, or a number (kept as written; Entra passes numbers as strings). */
    record Literal(String value, int offset) implements Node {
    }

    /** A bare name that is a documented constant, such as {@code vbTextCompare}. */
    record Constant(String name, int offset) implements Node {
    }

    /** An argument slot left empty, as in {@code Replace([mail], , "x", , "", , )}. */
    record Empty(int offset) implements Node {
    }

    /** {@code Name(arg, ...)}. */
    record Call(String function, List<Node> arguments, int offset) implements Node {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code left op right} with op one of {@code = <> < <= > >=}. */
    record Comparison(String operator, Node left, Node right, int offset) implements Node {
    }
}
