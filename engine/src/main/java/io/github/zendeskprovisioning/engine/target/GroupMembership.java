package io.github.zendeskprovisioning.engine.target;

/** A Zendesk group membership; {@code id} is null for one not yet created. */
public record GroupMembership(Long id, long userId, long groupId) {
}
