package io.github.zendeskprovisioning.engine.target;

import java.util.Map;

/**
 * A user as Zendesk holds it. {@code fields} has every other attribute the client read, keyed by the
 * Zendesk attribute name ({@code phone}, {@code details}, {@code notes}, {@code locale}, {@code alias},
 * {@code time_zone}, and {@code user_fields.<key>} for custom user fields), values as String, Boolean or Long.
 */
public record ZendeskUser(long id, String name, String email, String externalId, String role, Long customRoleId,
                          boolean suspended, boolean active, Map<String, Object> fields) {
    public ZendeskUser {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
    }
}
