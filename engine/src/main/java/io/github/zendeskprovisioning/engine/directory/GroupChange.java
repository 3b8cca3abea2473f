package io.github.zendeskprovisioning.engine.directory;

import java.util.List;

/**
 * One group in a groups/delta page, with the user members that {@code members@delta} added or
 * removed (members that are not users, such as nested groups, are left out: only direct user members
 * count). On the initial round every current member is "added". A group may appear on several pages of
 * one round; the changes add up.
 */
public record GroupChange(EntraGroup group, Removal removal, List<String> membersAdded, List<String> membersRemoved) {
    public GroupChange {
        membersAdded = List.copyOf(membersAdded);
        membersRemoved = List.copyOf(membersRemoved);
    }

    public String id() {
        return group.id();
    }
}
