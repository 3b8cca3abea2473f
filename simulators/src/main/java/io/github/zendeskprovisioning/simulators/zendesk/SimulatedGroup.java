package io.github.zendeskprovisioning.simulators.zendesk;

public record SimulatedGroup(long id, String name, String description, boolean deleted) {
}
