package io.github.zendeskprovisioning.engine.mapping.filters;

import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.mapping.EntraUserAttributes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Entra's scoping filters on users: a list of filters, ORed; each a list of clauses, ANDed. No filters means
 * everyone assigned is in scope. A user who fails them is out of scope like an unassigned one.
 */
public record ScopingFilters(List<List<ScopingClause>> filters) {
    public ScopingFilters {
        List<List<ScopingClause>> copy = new ArrayList<>();
        for (List<ScopingClause> f : filters) {
            if (f.isEmpty()) throw new IllegalArgumentException("a scoping filter needs at least one clause");
            copy.add(List.copyOf(f));
        }
        filters = List.copyOf(copy);
    }

    public static ScopingFilters none() {
        return new ScopingFilters(List.of());
    }

    public boolean isEmpty() {
        return filters.isEmpty();
    }

    /** True when the user passes (no filters, or all clauses of at least one filter). */
    public boolean matches(EntraUser user) {
        return evaluate(user).inScope();
    }

    /** Every clause's verdict, for previews and log entries. */
    public ScopingVerdict evaluate(EntraUser user) {
        return evaluate(name -> EntraUserAttributes.text(user, name));
    }

    public ScopingVerdict evaluate(Function<String, String> attribute) {
        if (filters.isEmpty()) return new ScopingVerdict(true, List.of(), "no scoping filters");
        List<FilterVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            List<ClauseVerdict> clauses = new ArrayList<>();
            for (ScopingClause c : filters.get(i)) clauses.add(c.evaluate(attribute.apply(c.attribute())));
            verdicts.add(new FilterVerdict(i + 1, clauses));
        }
        for (FilterVerdict v : verdicts) {
            if (v.passed()) return new ScopingVerdict(true, verdicts, "passes scoping filter " + v.number());
        }
        List<String> failures = new ArrayList<>();
        for (FilterVerdict v : verdicts) {
            ClauseVerdict first = v.clauses().stream().filter(c -> !c.passed()).findFirst().orElseThrow();
            failures.add("filter " + v.number() + ": " + first.describe());
        }
        return new ScopingVerdict(false, verdicts, "outside the scoping filters (" + String.join("; ", failures) + ")");
    }

    /** The attributes the clauses read. */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>();
        filters.forEach(f -> f.forEach(c -> names.add(c.attribute())));
        return names;
    }
}
