package io.github.zendeskprovisioning.engine.mapping;

import io.github.zendeskprovisioning.engine.mapping.expression.Expression;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One target attribute and where its value comes from: the first non-empty of {@code sources} (Entra
 * attribute names), a {@code constant}, or an {@code expression} in Entra's syntax. When that gives nothing,
 * {@code defaultValue} is written on create only (as Entra's "default value if null"); otherwise the attribute
 * is left out, so a mapping never clears a Zendesk attribute.
 */
public record AttributeMapping(String target, List<String> sources, String constant, Expression expression,
                               ApplyWhen applyWhen, String defaultValue) {
    public AttributeMapping {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("a mapping needs a target attribute");
        sources = sources == null ? List.of() : List.copyOf(sources);
        applyWhen = applyWhen == null ? ApplyWhen.ALWAYS : applyWhen;
        int kinds = (sources.isEmpty() ? 0 : 1) + (constant == null ? 0 : 1) + (expression == null ? 0 : 1);
        if (kinds > 1) {
            throw new IllegalArgumentException("mapping for '" + target + "' has more than one of source, constant and expression");
        }
        if (kinds == 0 && defaultValue == null) {
            throw new IllegalArgumentException("mapping for '" + target + "' has no source, constant, expression or default");
        }
    }

    public AttributeMapping(String target, List<String> sources, String constant, ApplyWhen applyWhen, String defaultValue) {
        this(target, sources, constant, null, applyWhen, defaultValue);
    }

    public static AttributeMapping from(String target, ApplyWhen when, String... sources) {
        return new AttributeMapping(target, List.of(sources), null, null, when, null);
    }

    public static AttributeMapping expression(String target, ApplyWhen when, String expression) {
        return new AttributeMapping(target, List.of(), null, Expression.parse(expression), when, null);
    }

    public MappingKind kind() {
        if (expression != null) return MappingKind.EXPRESSION;
        return sources.isEmpty() && constant != null ? MappingKind.CONSTANT : MappingKind.DIRECT;
    }

    /** The Entra attributes this mapping reads. */
    public Set<String> attributeNames() {
        Set<String> names = new LinkedHashSet<>(sources);
        if (expression != null) names.addAll(expression.attributeNames());
        return names;
    }
}
