package io.github.zendeskprovisioning.engine.cycle.messages;

import io.github.zendeskprovisioning.engine.directory.EntraUser;
import io.github.zendeskprovisioning.engine.directory.Removal;

import java.util.Map;

/**
 * One user to evaluate: with its attributes (from a delta page), as removed, or by id only
 * ({@code fetch}: read it from Entra first, for re-evaluations and retries).
 */
public record UserWork(String id, Map<String, String> attributes, Removal removal, boolean fetch) {
    public UserWork {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        removal = removal == null ? Removal.NONE : removal;
    }

    public static UserWork of(EntraUser user) {
        return new UserWork(user.id(), user.attributes(), Removal.NONE, false);
    }

    public static UserWork removed(String id, Removal removal) {
        return new UserWork(id, Map.of(), removal, false);
    }

    public static UserWork byId(String id) {
        return new UserWork(id, Map.of(), Removal.NONE, true);
    }

    public EntraUser user() {
        return new EntraUser(id, attributes);
    }

    /** A rough size in characters, to keep a message far below the 64 KiB queue limit. */
    public int weight() {
        int w = 60 + id.length();
        for (Map.Entry<String, String> e : attributes.entrySet()) w += e.getKey().length() + e.getValue().length() + 6;
        return w;
    }
}
