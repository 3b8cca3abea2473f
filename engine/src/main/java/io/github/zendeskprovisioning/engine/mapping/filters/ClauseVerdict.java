package io.github.zendeskprovisioning.engine.mapping.filters;

/** How one clause judged one user: the value it saw, whether it passed, and why, in words for a preview or log. */
public record ClauseVerdict(ScopingClause clause, String actual, boolean passed, String why) {
    public String describe() {
        return clause.describe() + ": " + (passed ? "passed" : "failed") + " (" + clause.attribute() + " "
                + (actual == null ? "" : "\"" + ScopingClause.cut(actual) + "\" ") + why + ")";
    }
}
