package io.github.zendeskprovisioning.engine.directory;

public record EntraGroup(String id, String displayName, String description) {
    public EntraGroup {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("an Entra group needs an id");
    }
}
