package io.github.zendeskprovisioning.engine.state;

/** One direct membership of a user in an Entra group, as the scope snapshot keeps it. */
public record Membership(String userId, String groupId) {
}
