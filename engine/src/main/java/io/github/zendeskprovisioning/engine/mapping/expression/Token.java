package io.github.zendeskprovisioning.engine.mapping.expression;

/** One lexical unit of an expression; {@code offset} is 0-based in the expression text. */
record Token(Type type, String text, int offset) {
    enum Type {
        ATTRIBUTE("an attribute in square brackets"),
        STRING("a string in double quotes"),
        NUMBER("a number"),
        NAME("a function name"),
        OPEN("'('"),
        CLOSE("')'"),
        COMMA("','"),
        COMPARISON("a comparison operator"),
        END("the end of the expression");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    String describe() {
        return switch (type) {
            case END -> "the end of the expression";
            case STRING -> "the string \"" + Quote.cut(text) + "\"";
            case ATTRIBUTE -> "[" + Quote.cut(text) + "]";
            default -> "'" + Quote.cut(text) + "'";
        };
    }
}
