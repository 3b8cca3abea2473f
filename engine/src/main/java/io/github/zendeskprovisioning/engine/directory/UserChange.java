package io.github.zendeskprovisioning.engine.directory;

/**
 * One user in a users/delta page. For a removed user only the id is known; otherwise the user carries
 * every attribute the reader selects (the reader completes partial delta items itself).
 */
public record UserChange(EntraUser user, Removal removal) {
    public static UserChange present(EntraUser user) {
        return new UserChange(user, Removal.NONE);
    }

    public String id() {
        return user.id();
    }

    public boolean removed() {
        return removal != Removal.NONE;
    }
}
