package io.github.zendeskprovisioning.engine.mapping.expression;

/** One lexical unit of an expression; {@code offset} is 0-based in the expression text. */
record Token(Type type, String text, int offset) {
    enum Type { ATTRIBUTE, STRING, NUMBER, NAME, OPEN, CLOSE, COMMA, COMPARISON, END }

    String describe() {
        return switch (type) {
            case END -> "the end of the expression";
            case STRING -> "the string \"" + Quote.cut(text) + "\"";
            case ATTRIBUTE -> "[" + Quote.cut(text) + "]";
            default -> "'" + Quote.cut(text) + "'";
        };
    }
}
