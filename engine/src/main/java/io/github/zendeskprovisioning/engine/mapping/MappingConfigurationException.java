package io.github.zendeskprovisioning.engine.mapping;

import java.util.List;

/** A mapping configuration that cannot be used; every problem is listed with its JSON pointer. */
public final class MappingConfigurationException extends IllegalArgumentException {
    private static final int SHOWN = 5;
    private final transient List<ConfigurationProblem> problems;

    public MappingConfigurationException(List<ConfigurationProblem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigurationProblem> problems() {
        return problems;
    }

    private static String summary(List<ConfigurationProblem> problems) {
        StringBuilder s = new StringBuilder("PROVISIONING_MAPPINGS is not usable: ");
        for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
            if (i > 0) s.append("; ");
            s.append(problems.get(i));
        }
        if (problems.size() > SHOWN) s.append("; and ").append(problems.size() - SHOWN).append(" more (run 'mappings check')");
        return s.toString();
    }
}
