package io.github.zendeskprovisioning.simulators.graph;

/** An app role to publish on a simulated service principal ({@code value} names the Zendesk role). */
public record SimAppRole(String id, String value, String displayName, boolean enabled) {
}
