package io.github.zendeskprovisioning.engine.mapping.expression;

/**
 * An expression that cannot be used: a syntax error, an unknown function or attribute, a wrong number of
 * arguments. The message says where (1-based column, and line when the expression spans lines) and what was
 * expected or found.
 */
public final class ExpressionException extends IllegalArgumentException {
    private final String problem;
    private final int line;
    private final int column;

    ExpressionException(String expression, int offset, String problem) {
        super(problem + " at " + where(expression, offset));
        this.problem = problem;
        int[] lc = lineAndColumn(expression, offset);
        this.line = lc[0];
        this.column = lc[1];
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem within its line. */
    public int column() {
        return column;
    }

    static String where(String expression, int offset) {
        int[] lc = lineAndColumn(expression, offset);
        return expression.indexOf('\n') < 0 ? "column " + lc[1] : "line " + lc[0] + ", column " + lc[1];
    }

    static int[] lineAndColumn(String expression, int offset) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < offset && i < expression.length(); i++) {
            if (expression.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[]{line, column};
    }
}
