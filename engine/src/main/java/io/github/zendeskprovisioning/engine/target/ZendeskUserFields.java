package io.github.zendeskprovisioning.engine.target;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to write to one Zendesk user: attribute name to value (String, Boolean, Long, or null to clear).
 * Names are Zendesk's: {@code name}, {@code email}, {@code external_id}, {@code role}, {@code custom_role_id},
 * {@code suspended}, {@code phone}, {@code details}, {@code notes}, {@code locale}, {@code alias},
 * {@code user_fields.<key>}, {@code organization_id} (Long) and {@code tags} (a List of Strings, the whole set).
 * Only the attributes present are sent.
 */
public record ZendeskUserFields(Map<String, Object> values) {
    public ZendeskUserFields {
        // LinkedHashMap copy: Map.copyOf forbids null values, and null means "clear this attribute".
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values)));
    }

    public static ZendeskUserFields of(Map<String, Object> values) {
        return new ZendeskUserFields(values);
    }

    public Object get(String name) {
        return values.get(name);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
