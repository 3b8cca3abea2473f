package io.github.zendeskprovisioning.engine.mapping.filters;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Entra's scoping-filter operators, under the names its portal and Graph use. */
public enum ScopingOperator {
    EQUALS("EQUALS", true),
    NOT_EQUALS("NOT EQUALS", true),
    IS_TRUE("IS TRUE", false),
    IS_FALSE("IS FALSE", false),
    IS_NULL("IS NULL", false),
    IS_NOT_NULL("IS NOT NULL", false),
    REGEX_MATCH("REGEX MATCH", true),
    NOT_REGEX_MATCH("NOT REGEX MATCH", true),
    INCLUDES("Includes", true),
    EXISTS_IN("&", true),
    NOT_EXISTS_IN("!&", true),
    ENDS_WITH("ENDS_WITH", true),
    GREATER_THAN("Greater_Than", true),
    GREATER_THAN_OR_EQUALS("Greater_Than_OR_EQUALS", true),
    LESS_THAN("Less_Than", true),
    LESS_THAN_OR_EQUALS("Less_Than_OR_EQUALS", true);

    private final String entraName;
    private final boolean needsValue;

    ScopingOperator(String entraName, boolean needsValue) {
        this.entraName = entraName;
        this.needsValue = needsValue;
    }

    public String entraName() {
        return entraName;
    }

    public boolean needsValue() {
        return needsValue;
    }

    public boolean numeric() {
        return this == GREATER_THAN || this == GREATER_THAN_OR_EQUALS || this == LESS_THAN || this == LESS_THAN_OR_EQUALS;
    }

    /** By Entra's exact name (case-sensitive, as the configuration's contract spells them). */
    public static Optional<ScopingOperator> byName(String name) {
        return Arrays.stream(values()).filter(o -> o.entraName.equals(name)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(ScopingOperator::entraName).toList();
    }
}
