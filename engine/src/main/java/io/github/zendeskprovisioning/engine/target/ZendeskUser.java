package io.github.zendeskprovisioning.engine.target;

import java.util.List;
import java.util.Map;

/**
 * A user as Zendesk holds it. {@code fields} has every other attribute the client read, keyed by the
 * Zendesk attribute name ({@code phone}, {@code details}, {@code notes}, {@code locale}, {@code alias},
 * {@code time_zone}, and {@code user_fields.<key>} for custom user fields), values as String, Boolean or Long.
 * {@code organizationId} (null: none) and {@code tags} (a set, in Zendesk's order) are apart: the service
 * writes them through the organization and tag mappings, not as plain attributes.
 */
public record ZendeskUser(long id, String name, String email, String externalId, String role, Long customRoleId,
                          boolean suspended, boolean active, Map<String, Object> fields, Long organizationId,
                          List<String> tags) {
    public ZendeskUser {
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** A user with no organization and no tags. */
    public ZendeskUser(long id, String name, String email, String externalId, String role, Long customRoleId,
                       boolean suspended, boolean active, Map<String, Object> fields) {
        this(id, name, email, externalId, role, customRoleId, suspended, active, fields, null, List.of());
    }
}
