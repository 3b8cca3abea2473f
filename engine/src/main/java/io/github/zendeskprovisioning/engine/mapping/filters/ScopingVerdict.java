package io.github.zendeskprovisioning.engine.mapping.filters;

import java.util.List;

/**
 * All scoping filters' verdicts for one user: in scope when there are no filters or any filter passed
 * (filters are ORed). {@code reason} says which filter let the user in, or each filter's first failed clause.
 */
public record ScopingVerdict(boolean inScope, List<FilterVerdict> filters, String reason) {
    public ScopingVerdict {
        filters = List.copyOf(filters);
    }
}
