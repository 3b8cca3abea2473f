package io.github.zendeskprovisioning.engine.mapping.expression;

/** One function of the library: its case-sensitive name, its argument count, and what it does. */
record ExpressionFunction(String name, Signature signature, Body body) {
    @FunctionalInterface
    interface Body {
        /** Values are null, a String, or a List of Strings (a multi-valued attribute). */
        Object apply(Arguments arguments);
    }
}
