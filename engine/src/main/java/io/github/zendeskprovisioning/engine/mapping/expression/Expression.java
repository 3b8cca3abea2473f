package io.github.zendeskprovisioning.engine.mapping.expression;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * An attribute-mapping expression in Entra's syntax, parsed and checked once:
 * {@code Join(" ", [givenName], [surname])}. Parsing fails with an {@link ExpressionException} that says where
 * and what was expected; unknown functions are named (names are case-sensitive). Attribute names are not
 * checked here: {@link #attributes()} lists them for the configuration to check against what Entra carries.
 */
public final class Expression {
    private static final Set<String> INTERVALS = Set.of("yyyy", "m", "d", "ww", "h", "n", "s");

    private final String text;
    private final Node root;
    private final List<AttributeReference> attributes;
    private final boolean redacted;

    private Expression(String text, Node root) {
        this.text = text;
        this.root = root;
        List<AttributeReference> refs = new ArrayList<>();
        boolean[] redact = {false};
        walk(root, refs, redact);
        this.attributes = List.copyOf(refs);
        this.redacted = redact[0];
    }

    /** An attribute the expression reads, with where its {@code [} stands (1-based line and column). */
    public record AttributeReference(String name, int line, int column, String where) {
    }

    public static Expression parse(String text) {
        if (text == null) throw new IllegalArgumentException("an expression is needed");
        Node root = new Parser(text, FunctionLibrary.standard()).parse();
        checkLiterals(text, root);
        return new Expression(text, root);
    }

    /** The result for one object: null (nothing flows), a String, or a List of Strings. */
    public Object evaluate(AttributeSource attributes, Clock clock) {
        return new Evaluator(FunctionLibrary.standard(), attributes, clock).evaluate(root);
    }

    public String text() {
        return text;
    }

    public List<AttributeReference> attributes() {
        return attributes;
    }

    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        attributes.forEach(a -> names.add(a.name()));
        return names;
    }

    /** True when the expression uses Redact: its result must show as [Redact] in logs and previews. */
    public boolean redacted() {
        return redacted;
    }

    /** Every function name an expression may use. */
    public static List<String> functionNames() {
        return FunctionLibrary.standard().names();
    }

    private void walk(Node node, List<AttributeReference> refs, boolean[] redact) {
        if (node instanceof Node.Attribute a) {
            int[] lc = ExpressionException.lineAndColumn(text, a.offset());
            refs.add(new AttributeReference(a.name(), lc[0], lc[1], ExpressionException.where(text, a.offset())));
        } else if (node instanceof Node.Call c) {
            if (c.function().equals("Redact")) redact[0] = true;
            c.arguments().forEach(arg -> walk(arg, refs, redact));
        } else if (node instanceof Node.Comparison c) {
            walk(c.left(), refs, redact);
            walk(c.right(), refs, redact);
        }
    }

    /** Mistakes visible without any user: a literal regular expression that does not compile, an unknown interval. */
    private static void checkLiterals(String text, Node node) {
        if (node instanceof Node.Comparison c) {
            checkLiterals(text, c.left());
            checkLiterals(text, c.right());
        }
        if (!(node instanceof Node.Call call)) return;
        List<Node> args = call.arguments();
        if (call.function().equals("Replace") && args.size() > ReplaceFunction.REGEX
                && args.get(ReplaceFunction.REGEX) instanceof Node.Literal regex) {
            try {
                Pattern.compile(regex.value());
            } catch (PatternSyntaxException e) {
                throw new ExpressionException(text, regex.offset(), "regexPattern \"" + Quote.cut(regex.value())
                        + "\" is no valid regular expression (" + e.getDescription() + ")");
            }
        }
        if ((call.function().equals("DateAdd") || call.function().equals("DateDiff")) && !args.isEmpty()
                && args.get(0) instanceof Node.Literal interval && !INTERVALS.contains(interval.value())) {
            throw new ExpressionException(text, interval.offset(), "unknown interval \"" + Quote.cut(interval.value())
                    + "\": expected yyyy, m, d, ww, h, n or s");
        }
        args.forEach(arg -> checkLiterals(text, arg));
    }

    @Override
    public String toString() {
        return text;
    }
}
