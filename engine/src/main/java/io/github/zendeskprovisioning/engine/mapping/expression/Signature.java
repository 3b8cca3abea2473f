package io.github.zendeskprovisioning.engine.mapping.expression;

/** How many arguments a function takes; {@code pairs}: the count must be even (Switch's key/value pairs). */
record Signature(int min, int max, boolean pairs) {
    static Signature exactly(int n) {
        return new Signature(n, n, false);
    }

    static Signature between(int min, int max) {
        return new Signature(min, max, false);
    }

    static Signature atLeast(int min) {
        return new Signature(min, Integer.MAX_VALUE, false);
    }

    /** Null when {@code count} fits, else what is expected (the function name goes in front). */
    String check(int count) {
        if (count < min || count > max) {
            String expected = min == max ? "exactly " + min
                    : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            return "takes " + expected + " argument" + (min == 1 && max == 1 ? "" : "s") + ", found " + count;
        }
        if (pairs && count % 2 != 0) {
            return "takes its source, a default value, then key/value pairs (an even number of arguments), found " + count;
        }
        return null;
    }
}
