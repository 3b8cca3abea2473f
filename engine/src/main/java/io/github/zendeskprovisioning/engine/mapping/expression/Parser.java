package io.github.zendeskprovisioning.engine.mapping.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Recursive descent over Entra's small grammar:
 * <pre>
 * expression := operand [comparison operand] END
 * operand    := ATTRIBUTE | STRING | NUMBER | NAME '(' [argument {',' argument}] ')' | CONSTANT
 * argument   := (nothing: an empty slot) | operand [comparison operand]
 * </pre>
 * Function names are checked against the library (case-sensitive, as Entra) with their argument counts,
 * so every error is found before anything runs.
 */
final class Parser {
    /** The bare names Entra's documentation uses as arguments (InStr's compare type). */
    static final Set<String> CONSTANTS = Set.of("vbTextCompare", "vbBinaryCompare");

    private final String text;
    private final List<Token> tokens;
    private final FunctionLibrary library;
    private int index;

    Parser(String text, FunctionLibrary library) {
        this.text = text;
        this.tokens = new Lexer(text).tokens();
        this.library = library;
    }

    Node parse() {
        if (peek().type() == Token.Type.END) throw error(peek(), "empty expression: expected a function, an attribute or a string");
        Node node = comparison();
        Token end = peek();
        if (end.type() != Token.Type.END) {
            throw error(end, "expected the end of the expression, found " + end.describe());
        }
        return node;
    }

    private Node comparison() {
        Node left = operand();
        if (peek().type() == Token.Type.COMPARISON) {
            Token op = advance();
            if (!Set.of("=", "<>", "<", "<=", ">", ">=").contains(op.text())) {
                throw error(op, "unknown operator '" + op.text() + "': expected =, <>, <, <=, > or >=");
            }
            Node right = operand();
            return new Node.Comparison(op.text(), left, right, op.offset());
        }
        return left;
    }

    private Node operand() {
        Token t = advance();
        return switch (t.type()) {
            case ATTRIBUTE -> new Node.Attribute(t.text(), t.offset());
            case STRING, NUMBER -> new Node.Literal(t.text(), t.offset());
            case NAME -> peek().type() == Token.Type.OPEN ? call(t) : constant(t);
            default -> throw error(t, "expected a function, an attribute in [ ], a string or a number, found " + t.describe());
        };
    }

    private Node constant(Token name) {
        if (CONSTANTS.contains(name.text())) return new Node.Constant(name.text(), name.offset());
        if (library.find(name.text()).isPresent()) throw error(peek(), "expected '(' after the function name " + name.text());
        throw error(name, "unknown name '" + Quote.cut(name.text()) + "': attributes go in square brackets ([" + Quote.cut(name.text())
                + "]), strings in double quotes, functions are followed by '('");
    }

    private Node call(Token name) {
        ExpressionFunction function = library.find(name.text())
                .orElseThrow(() -> error(name, library.unknownFunction(name.text())));
        advance(); // the '('
        List<Node> arguments = new ArrayList<>();
        if (peek().type() == Token.Type.CLOSE) {
            advance();
        } else {
            while (true) {
                Token next = peek();
                if (next.type() == Token.Type.COMMA || next.type() == Token.Type.CLOSE) {
                    arguments.add(new Node.Empty(next.offset()));
                } else {
                    arguments.add(comparison());
                }
                Token separator = advance();
                if (separator.type() == Token.Type.CLOSE) break;
                if (separator.type() != Token.Type.COMMA) {
                    throw error(separator, "expected ',' or ')' in the arguments of " + name.text() + ", found " + separator.describe());
                }
            }
        }
        String arity = function.signature().check(arguments.size());
        if (arity != null) throw error(name, name.text() + " " + arity);
        return new Node.Call(name.text(), arguments, name.offset());
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        Token t = tokens.get(index);
        if (t.type() != Token.Type.END) index++;
        return t;
    }

    private ExpressionException error(Token at, String problem) {
        return new ExpressionException(text, at.offset(), problem);
    }
}
