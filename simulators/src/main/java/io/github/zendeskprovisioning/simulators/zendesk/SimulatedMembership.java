package io.github.zendeskprovisioning.simulators.zendesk;

public record SimulatedMembership(long id, long userId, long groupId, boolean isDefault) {
}
