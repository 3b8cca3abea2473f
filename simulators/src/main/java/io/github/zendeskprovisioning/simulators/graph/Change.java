package io.github.zendeskprovisioning.simulators.graph;

import java.util.Set;

/**
 * One entry of the tenant's change log. Delta tokens are positions in this log: a token replays every entry
 * after its sequence number. {@code properties} names what an update changed; {@code memberId} and
 * {@code memberType} describe a membership change.
 */
record Change(long sequence, Type type, String objectId, Set<String> properties, String memberId, String memberType) {
    enum Type {
        USER_CREATED, USER_UPDATED, USER_SOFT_DELETED, USER_RESTORED, USER_HARD_DELETED,
        GROUP_CREATED, GROUP_UPDATED, GROUP_DELETED, MEMBER_ADDED, MEMBER_REMOVED
    }

    Change {
        properties = Set.copyOf(properties);
    }

    boolean aboutUser() {
        return type.name().startsWith("USER_");
    }
}
