package io.github.zendeskprovisioning.engine.directory;

import java.util.Map;

/**
 * A user as read from Entra ID. Attributes are keyed by their Microsoft Graph names
 * ({@code userPrincipalName}, {@code mail}, {@code displayName}, {@code givenName}, {@code surname},
 * {@code accountEnabled} as "true"/"false", {@code jobTitle}, {@code mobilePhone},
 * {@code businessPhones} (the first one), {@code preferredLanguage}, {@code department}); an attribute
 * Graph returned as null is absent. Mapping reads attributes by name, so new attributes need no new code.
 */
public record EntraUser(String id, Map<String, String> attributes) {
    public EntraUser {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an Entra user needs an id");
        attributes = Map.copyOf(attributes);
    }

    public String attribute(String name) {
        return attributes.get(name);
    }

    public boolean accountEnabled() {
        return !"false".equalsIgnoreCase(attributes.get("accountEnabled"));
    }

    /** The e-mail Zendesk gets: {@code mail}, else {@code userPrincipalName}. */
    public String email() {
        String mail = attributes.get("mail");
        return mail != null && !mail.isBlank() ? mail : attributes.get("userPrincipalName");
    }

    public String displayName() {
        return attributes.get("displayName");
    }
}
