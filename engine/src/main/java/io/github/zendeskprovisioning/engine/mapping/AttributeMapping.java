package io.github.zendeskprovisioning.engine.mapping;

import java.util.List;

/**
 * One target attribute and where its value comes from: the first non-empty of {@code sources} (Entra
 * attribute names), else {@code constant}, else {@code defaultValue}; a mapping that yields nothing clears
 * nothing (the attribute is left out).
 */
public record AttributeMapping(String target, List<String> sources, String constant, ApplyWhen applyWhen,
                               String defaultValue) {
    public AttributeMapping {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a mapping needs a target attribute");
        sources = sources == null ? List.of() : List.copyOf(sources);
        applyWhen = applyWhen == null ? ApplyWhen.ALWAYS : applyWhen;
        if (sources.isEmpty() && constant == null && defaultValue == null) {
            throw new IllegalArgumentException("mapping for '" + target + "' has no source, constant or default");
        }
    }

    public static AttributeMapping from(String target, ApplyWhen when, String... sources) {
        return new AttributeMapping(target, List.of(sources), null, when, null);
    }
}
