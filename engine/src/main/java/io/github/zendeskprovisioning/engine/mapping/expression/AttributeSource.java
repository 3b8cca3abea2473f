package io.github.zendeskprovisioning.engine.mapping.expression;

/**
 * Where {@code [name]} gets its value: null when the object has no such value, a String, or a List of
 * Strings for a multi-valued attribute.
 */
@FunctionalInterface
public interface AttributeSource {
    Object value(String name);
}
