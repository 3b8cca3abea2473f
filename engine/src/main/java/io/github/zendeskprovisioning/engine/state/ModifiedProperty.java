package io.github.zendeskprovisioning.engine.state;

public record ModifiedProperty(String name, String oldValue, String newValue) {
}
