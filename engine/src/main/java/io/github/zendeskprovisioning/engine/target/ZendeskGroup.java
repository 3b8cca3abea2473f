package io.github.zendeskprovisioning.engine.target;

public record ZendeskGroup(long id, String name, String description, boolean deleted) {
}
