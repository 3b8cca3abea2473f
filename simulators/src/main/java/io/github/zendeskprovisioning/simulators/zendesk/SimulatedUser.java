package io.github.zendeskprovisioning.simulators.zendesk;

import java.util.List;
import java.util.Map;

/**
 * A user as the simulator holds it, for tests and the demo to inspect.
 *
 * @param emails    every e-mail identity, the primary one first
 * @param userFields the custom user fields
 */
public record SimulatedUser(long id, String name, String email, String externalId, String role, Long customRoleId,
                            boolean active, boolean suspended, List<String> emails, Map<String, Object> attributes,
                            Map<String, Object> userFields) {
    public SimulatedUser {
        emails = List.copyOf(emails);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        userFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(userFields));
    }

    /** An attribute by its Zendesk name ({@code phone}, {@code details}, ...), null when unset. */
    public Object attribute(String name) {
        return attributes.get(name);
    }
}
