package io.github.zendeskprovisioning.engine.mapping.filters;

import java.util.List;

/** One scoping filter's verdict: passed when every clause passed (clauses are ANDed). {@code number} is 1-based. */
public record FilterVerdict(int number, List<ClauseVerdict> clauses) {
    public FilterVerdict {
        clauses = List.copyOf(clauses);
    }

    public boolean passed() {
        return clauses.stream().allMatch(ClauseVerdict::passed);
    }
}
