package io.github.zendeskprovisioning.engine.mapping.expression;

/** Keeps quoted input in messages to a readable length. */
final class Quote {
    private static final int MAX = 60;

    private Quote() {
    }

    static String cut(String s) {
        return s.length() <= MAX ? s : s.substring(0, MAX) + "...";
    }
}
